using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Buffers;

namespace CaiScores.Kernels;

/// <summary>
/// Grouped bucket aggregation: for every included row, the bucket of its value (CJA's rule, a value on an edge goes up;
/// null and NaN to a "no value" slot after the last bucket) and its group make a key, and the kernel adds one row, the
/// value and an optional second value to that key's accumulators. Knows nothing of CAI: spans in, per-key sums out.
/// </summary>
/// <remarks>
/// <para>Rows are taken 64 at a time (one include word). For up to four edges the comparisons are vectorised: one
/// "at or above edge e" bit mask per edge and a "not NaN" mask per 64 rows (<see cref="BlockMasks"/>), so a row's
/// bucket is a sum of four bits. More edges use a binary search per row. Set include bits are walked with trailing-zero
/// counts, empty words skipped.</para>
/// <para>Accumulation alternates between two banks of accumulators, so that consecutive rows of the same key do not wait
/// on each other's store; the banks are added at the end. Sums are therefore in a fixed order that is not the row
/// order: they may differ from a sequential sum in the last bits. A NaN second value counts as null.</para>
/// </remarks>
internal static class GroupedBucketAggregator
{
    /// <summary>The most groups: slots are 16-bit, slot 0 is "no group".</summary>
    public const int MaxGroups = ushort.MaxValue - 1;

    /// <summary>The number of keys for a group count and an edge count: groups+1 slots × (edges+2) bucket slots.</summary>
    public static int KeyCount(int groups, int edges) => (groups + 1) * (edges + 2);

    /// <summary>Adds the included rows to <paramref name="output"/>.</summary>
    /// <returns>The number of included rows whose value was NaN (counted in the no-value slot).</returns>
    public static long Accumulate(scoped in GroupedInput input, scoped in GroupedOutput output)
    {
        var n = input.Values.Length;
        var words = BitmapKernels.WordLength(n);
        var keys = output.Rows.Length;
        var hasSecond = !input.Second.IsEmpty;
        if (input.Include.Length < words || input.ValueValidity.Length < words || output.ValueSums.Length != keys
            || (!input.GroupSlots.IsEmpty && input.GroupSlots.Length < n)
            || (hasSecond && (input.Second.Length < n || input.SecondValidity.Length < words || output.SecondSums.Length != keys || output.SecondCounts.Length != keys))
            || (!output.KeyBits.IsEmpty && (output.KeyBitWords < words || output.KeyBits.Length < output.KeyBitWords * keys)))
        {
            KernelThrow.GroupedShapes();
        }

        var banks = new Banks(keys, hasSecond);
        long nan = 0;
        var rest = input;
        if (output.KeyBits.IsEmpty && keys <= MaxCodedKeys && input.Edges.Length > 0 && n >= 64 && Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported)
        {
            // Whole words through the coded path; the last partial word, if any, through the row path below.
            var coded = n & ~63;
            nan = Coded(input, coded, banks);
            rest = new GroupedInput
            {
                Include = input.Include[(coded >> 6)..],
                Values = input.Values[coded..],
                ValueValidity = input.ValueValidity[(coded >> 6)..],
                Second = hasSecond ? input.Second[coded..] : default,
                SecondValidity = hasSecond ? input.SecondValidity[(coded >> 6)..] : default,
                GroupSlots = input.GroupSlots.IsEmpty ? default : input.GroupSlots[coded..],
                Edges = input.Edges,
            };
        }

        if (hasSecond)
        {
            nan += output.KeyBits.IsEmpty ? Run<Yes, No>(rest, output, banks) : Run<Yes, Yes>(rest, output, banks);
        }
        else
        {
            nan += output.KeyBits.IsEmpty ? Run<No, No>(rest, output, banks) : Run<No, Yes>(rest, output, banks);
        }

        var noValue = input.Edges.Length + 1;
        var slots = input.Edges.Length + 2;
        for (var k = 0; k < keys; k++)
        {
            output.Rows[k] += banks.Rows[k] + banks.Rows[keys + k];
            if (k % slots != noValue)
            {
                output.ValueSums[k] += banks.Sums[k] + banks.Sums[keys + k];
            }

            if (hasSecond)
            {
                output.SecondSums[k] += banks.Second[k] + banks.Second[keys + k];
                output.SecondCounts[k] += banks.SecondCounts[k] + banks.SecondCounts[keys + k];
            }
        }

        return nan;
    }

    /// <summary>The most keys the coded path counts with one byte compare per key and 64 rows.</summary>
    private const int MaxCodedKeys = 32;

    /// <summary>
    /// The coded path for the first <paramref name="rows"/> rows (a multiple of 64): the bucket of every value as a byte
    /// (<see cref="BucketCodes"/>), plus the group's base key, as one key byte per row; excluded rows get a discarded key.
    /// Rows per key are popcounts of byte compares; sums are added row by row into four banks, without branches.
    /// </summary>
    private static long Coded(scoped in GroupedInput input, int rows, Banks banks)
    {
        var edges = input.Edges;
        var slots = edges.Length + 2;
        var noValue = (byte)(slots - 1);
        var keys = banks.Keys;
        var discard = (byte)keys;
        var hasSecond = !input.Second.IsEmpty;
        var hasGroups = !input.GroupSlots.IsEmpty;
        var codes = ArrayPool<byte>.Shared.Rent(rows);
        Span<double> sums = stackalloc double[4 * (MaxCodedKeys + 1)];
        Span<double> second = stackalloc double[4 * (MaxCodedKeys + 1)];
        sums.Clear();
        second.Clear();
        Span<byte> keyBytes = stackalloc byte[64];
        Span<byte> secondKeyBytes = stackalloc byte[64];
        long nan = 0;
        try
        {
            BucketCodes.Assign(input.Values[..rows], MemoryMarshal.AsBytes(input.ValueValidity), 0, edges, codes, edges.Length <= 4 ? BucketMethod.Compares : BucketMethod.Auto);
            ref var values = ref MemoryMarshal.GetReference(input.Values);
            ref var secondValues = ref MemoryMarshal.GetReference(input.Second);
            ref var groups = ref MemoryMarshal.GetReference(input.GroupSlots);
            var noValueVector = Vector512.Create(noValue);
            var discardVector = Vector512.Create(discard);
            var slotsVector = Vector512.Create((ushort)slots);
            for (var w = 0; w < rows >> 6; w++)
            {
                var included = input.Include[w];
                if (included == 0)
                {
                    continue;
                }

                var i = w << 6;

                // Codes: buckets 0…E, NaN E+1 (= the no-value slot), null E+2 (clamped to the no-value slot).
                var code = Vector512.LoadUnsafe(ref codes[0], (nuint)i);
                var valid = input.ValueValidity[w];
                nan += BitOperations.PopCount(Vector512.Equals(code, noValueVector).ExtractMostSignificantBits() & included & valid);
                var key = Vector512.Min(code, noValueVector);
                if (hasGroups)
                {
                    var low = Vector512.LoadUnsafe(ref groups, (nuint)i) * slotsVector;
                    var high = Vector512.LoadUnsafe(ref groups, (nuint)(i + 32)) * slotsVector;
                    key += Vector512.Narrow(low, high);
                }

                var keyVector = Vector512.ConditionalSelect(BucketCodes.ValidBytes(included), key, discardVector);
                keyVector.StoreUnsafe(ref keyBytes[0]);
                for (var k = 0; k < keys; k++)
                {
                    banks.Rows[k] += BitOperations.PopCount(Vector512.Equals(keyVector, Vector512.Create((byte)k)).ExtractMostSignificantBits());
                }

                AddRows(ref Unsafe.Add(ref values, i), keyBytes, sums, keys + 1);
                if (hasSecond)
                {
                    var secondHas = input.SecondValidity[w] & included & BlockMasks.NotNaN64(ref Unsafe.Add(ref secondValues, i));
                    var secondKey = Vector512.ConditionalSelect(BucketCodes.ValidBytes(secondHas), key, discardVector);
                    secondKey.StoreUnsafe(ref secondKeyBytes[0]);
                    for (var k = 0; k < keys; k++)
                    {
                        banks.SecondCounts[k] += BitOperations.PopCount(Vector512.Equals(secondKey, Vector512.Create((byte)k)).ExtractMostSignificantBits());
                    }

                    AddRows(ref Unsafe.Add(ref secondValues, i), secondKeyBytes, second, keys + 1);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(codes);
        }

        // Fold the four banks into bank 0 of the row path's accumulators (the discarded key is dropped).
        var stride = keys + 1;
        for (var k = 0; k < keys; k++)
        {
            banks.Sums[k] += sums[k] + sums[stride + k] + sums[(2 * stride) + k] + sums[(3 * stride) + k];
            if (hasSecond)
            {
                banks.Second[k] += second[k] + second[stride + k] + second[(2 * stride) + k] + second[(3 * stride) + k];
            }
        }

        return nan;
    }

    /// <summary>Adds 64 values to <c>sums[bank × stride + key]</c>, rows taking banks 0, 1, 2, 3 in turn.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows(ref double values, ReadOnlySpan<byte> keys, Span<double> sums, int stride)
    {
        ref var s = ref MemoryMarshal.GetReference(sums);
        ref var k = ref MemoryMarshal.GetReference(keys);
        for (var j = 0; j < 64; j += 4)
        {
            Unsafe.Add(ref s, Unsafe.Add(ref k, j)) += Unsafe.Add(ref values, j);
            Unsafe.Add(ref s, stride + Unsafe.Add(ref k, j + 1)) += Unsafe.Add(ref values, j + 1);
            Unsafe.Add(ref s, (2 * stride) + Unsafe.Add(ref k, j + 2)) += Unsafe.Add(ref values, j + 2);
            Unsafe.Add(ref s, (3 * stride) + Unsafe.Add(ref k, j + 3)) += Unsafe.Add(ref values, j + 3);
        }
    }

    private static long Run<TSecond, TBits>(scoped in GroupedInput input, scoped in GroupedOutput output, Banks banks)
        where TSecond : struct, IFlag
        where TBits : struct, IFlag
    {
        var n = input.Values.Length;
        var words = BitmapKernels.WordLength(n);
        var edges = input.Edges;
        var slots = edges.Length + 2;
        var noValue = slots - 1;
        var keys = banks.Keys;
        var fewEdges = edges.Length <= 4;
        Span<double> edge4 = [double.NaN, double.NaN, double.NaN, double.NaN];
        edges[..Math.Min(4, edges.Length)].CopyTo(edge4);

        ref var values = ref MemoryMarshal.GetReference(input.Values);
        ref var second = ref MemoryMarshal.GetReference(input.Second);
        ref var groups = ref MemoryMarshal.GetReference(input.GroupSlots);
        var hasGroups = !input.GroupSlots.IsEmpty;
        ref var rows = ref MemoryMarshal.GetArrayDataReference(banks.Rows);
        ref var sums = ref MemoryMarshal.GetArrayDataReference(banks.Sums);
        ref var secondSums = ref MemoryMarshal.GetArrayDataReference(banks.Second);
        ref var secondCounts = ref MemoryMarshal.GetArrayDataReference(banks.SecondCounts);
        var keyBits = output.KeyBits;
        var keyBitWords = output.KeyBitWords;
        var include = input.Include;
        var validity = input.ValueValidity;
        var secondValidity = input.SecondValidity;
        long nan = 0;
        var bank = 0;

        for (var w = 0; w < words; w++)
        {
            var included = include[w];
            var count = Math.Min(64, n - (w << 6));
            if (count < 64)
            {
                included &= (1UL << count) - 1;
            }

            if (included == 0)
            {
                continue;
            }

            ref var block = ref Unsafe.Add(ref values, w << 6);
            var masks = count == 64 ? BlockMasks.Masks64(ref block, edge4) : BlockMasks.MasksScalar(ref block, count, edge4);
            var hasValue = validity[w] & masks.Number;
            nan += BitOperations.PopCount(included & validity[w] & ~masks.Number);
            var secondHas = 0UL;
            if (TSecond.Value)
            {
                secondHas = secondValidity[w] & (count == 64 ? BlockMasks.NotNaN64(ref Unsafe.Add(ref second, w << 6)) : BlockMasks.NotNaNScalar(ref Unsafe.Add(ref second, w << 6), count));
            }

            do
            {
                var bit = BitOperations.TrailingZeroCount(included);
                included &= included - 1;
                var i = (w << 6) + bit;
                var v = Unsafe.Add(ref values, i);
                int bucket;
                if (((hasValue >> bit) & 1) == 0)
                {
                    bucket = noValue;
                }
                else if (fewEdges)
                {
                    bucket = (int)(((masks.Ge0 >> bit) & 1) + ((masks.Ge1 >> bit) & 1) + ((masks.Ge2 >> bit) & 1) + ((masks.Ge3 >> bit) & 1));
                }
                else
                {
                    bucket = UpperBound(edges, v);
                }

                var key = (hasGroups ? Unsafe.Add(ref groups, i) * slots : 0) + bucket;
                var slot = bank + key;
                Unsafe.Add(ref rows, slot)++;
                Unsafe.Add(ref sums, slot) += v; // NaN and null rows land in the no-value slot, whose sum is discarded
                if (TSecond.Value && ((secondHas >> bit) & 1) != 0)
                {
                    Unsafe.Add(ref secondSums, slot) += Unsafe.Add(ref second, i);
                    Unsafe.Add(ref secondCounts, slot)++;
                }

                if (TBits.Value)
                {
                    keyBits[(key * keyBitWords) + w] |= 1UL << bit;
                }

                bank ^= keys;
            }
            while (included != 0);
        }

        return nan;
    }

    /// <summary>The number of edges at or below <paramref name="value"/> (binary search).</summary>
    private static int UpperBound(ReadOnlySpan<double> edges, double value)
    {
        var lo = 0;
        var hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (value >= edges[mid])
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Two banks of accumulators, key <c>k</c> of bank <c>b</c> at <c>b × Keys + k</c>.</summary>
    private sealed class Banks(int keys, bool second)
    {
        public int Keys { get; } = keys;

        public long[] Rows { get; } = new long[2 * keys];

        public double[] Sums { get; } = new double[2 * keys];

        public double[] Second { get; } = second ? new double[2 * keys] : new double[1];

        public long[] SecondCounts { get; } = second ? new long[2 * keys] : new long[1];
    }

    private interface IFlag
    {
        static abstract bool Value { get; }
    }

    private readonly struct Yes : IFlag
    {
        public static bool Value => true;
    }

    private readonly struct No : IFlag
    {
        public static bool Value => false;
    }
}
