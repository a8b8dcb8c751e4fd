using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>How <see cref="PairCounter.Count"/> counts code pairs.</summary>
internal enum PairMethod
{
    /// <summary><see cref="Planes"/> for at most <see cref="PairCounter.MaxPlaneCodes"/> codes on SIMD hardware, else <see cref="Histogram"/>.</summary>
    Auto = 0,

    /// <summary>
    /// Per 64 positions, one compare mask per code and side, then one AND and one popcount per cell: no scatter, so no
    /// store-to-load stalls on runs of equal pairs. Cost grows with the square of the code count.
    /// </summary>
    Planes = 1,

    /// <summary>A scalar 2-D histogram over four interleaved banks of 32-bit counters (up to 32 codes; above, one bank of 64-bit counters).</summary>
    Histogram = 2,
}

/// <summary>
/// Counts pairs of small byte codes position by position — <c>counts[a × codeCount + b]</c> = the number of positions
/// <c>i</c> with <c>from[i] == a</c> and <c>to[i] == b</c> — and selects the positions whose pair falls in given sets of
/// codes. Knows nothing of runs, buckets or persons: a transition matrix is this over two runs' bucket codes
/// (<see cref="BucketCodes"/>), person by person.
/// </summary>
/// <remarks>
/// Codes at or above the code count are ignored (a pair with one never counts, never selects). Vector paths: 512-bit and
/// 256-bit (two halves joined into 64-bit masks); a scalar loop for the tail and for machines without SIMD.
/// </remarks>
internal static class PairCounter
{
    /// <summary>The most codes per side.</summary>
    public const int MaxCodes = 64;

    /// <summary>The most codes <see cref="PairMethod.Auto"/> counts with <see cref="PairMethod.Planes"/> (64 cells).</summary>
    public const int MaxPlaneCodes = 8;

    /// <summary>Cells of one bank of the histogram (32 × 32, for up to 32 codes); more codes count into <c>counts</c> directly.</summary>
    private const int MaxBankedCells = 32 * 32;

    /// <summary>Adds to <c>counts[a * codeCount + b]</c> the positions where <c>from</c> is <c>a</c> and <c>to</c> is <c>b</c>.</summary>
    /// <param name="from">The first code of each pair.</param>
    /// <param name="to">The second code of each pair; the same length as <paramref name="from"/>.</param>
    /// <param name="codeCount">1 to <see cref="MaxCodes"/>: the codes counted per side (larger codes are ignored).</param>
    /// <param name="counts">At least <c>codeCount²</c> counters, row-major by the first code, added to.</param>
    /// <param name="method">The counting method.</param>
    public static void Count(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int codeCount, Span<long> counts, PairMethod method = PairMethod.Auto)
    {
        Check(from.Length, to.Length, codeCount);
        if (counts.Length < codeCount * codeCount)
        {
            Throw(nameof(counts), $"{codeCount} codes need {codeCount * codeCount} counters; got {counts.Length}.");
        }

        if (method == PairMethod.Auto)
        {
            method = codeCount <= MaxPlaneCodes && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated) ? PairMethod.Planes : PairMethod.Histogram;
        }

        if (method == PairMethod.Planes)
        {
            var i = Planes(from, to, codeCount, counts);
            ScalarCount(from[i..], to[i..], codeCount, counts);
        }
        else if (codeCount <= 32)
        {
            Banked(from, to, codeCount, counts);
        }
        else
        {
            ScalarCount(from, to, codeCount, counts);
        }
    }

    /// <summary>
    /// Writes the positions whose first code is in <paramref name="fromSet"/> and second code in <paramref name="toSet"/>:
    /// bit <c>i</c> of <c>destination[i / 64]</c> is set when bit <c>from[i]</c> of <paramref name="fromSet"/> and bit
    /// <c>to[i]</c> of <paramref name="toSet"/> are set. The first <c>⌈length / 64⌉</c> words are overwritten, bits past the
    /// length cleared.
    /// </summary>
    /// <param name="from">The first codes.</param>
    /// <param name="to">The second codes; the same length.</param>
    /// <param name="fromSet">Bit <c>c</c> set: code <c>c</c> is selected on the first side (codes ≥ 64 never are).</param>
    /// <param name="toSet">Bit <c>c</c> set: code <c>c</c> is selected on the second side.</param>
    /// <param name="destination">At least <c>⌈length / 64⌉</c> words.</param>
    public static void Select(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, ulong fromSet, ulong toSet, Span<ulong> destination)
    {
        Check(from.Length, to.Length, MaxCodes);
        var words = BitmapKernels.WordLength(from.Length);
        if (destination.Length < words)
        {
            Throw(nameof(destination), $"{from.Length} positions need {words} words; got {destination.Length}.");
        }

        ref var a0 = ref MemoryMarshal.GetReference(from);
        ref var b0 = ref MemoryMarshal.GetReference(to);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= from.Length - 64; i += 64)
            {
                var a = Vector512.LoadUnsafe(ref a0, (nuint)i);
                var b = Vector512.LoadUnsafe(ref b0, (nuint)i);
                destination[i >> 6] = Matches512(a, fromSet) & Matches512(b, toSet);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= from.Length - 64; i += 64)
            {
                var a = Vector256.LoadUnsafe(ref a0, (nuint)i);
                var a2 = Vector256.LoadUnsafe(ref a0, (nuint)(i + 32));
                var b = Vector256.LoadUnsafe(ref b0, (nuint)i);
                var b2 = Vector256.LoadUnsafe(ref b0, (nuint)(i + 32));
                destination[i >> 6] = Matches256(a, a2, fromSet) & Matches256(b, b2, toSet);
            }
        }

        for (; i < from.Length; i += 64)
        {
            ulong word = 0;
            for (var k = i; k < Math.Min(i + 64, from.Length); k++)
            {
                var a = Unsafe.Add(ref a0, k);
                var b = Unsafe.Add(ref b0, k);
                var hit = a < MaxCodes && b < MaxCodes && ((fromSet >> a) & (toSet >> b) & 1) != 0;
                word |= (hit ? 1UL : 0UL) << (k & 63);
            }

            destination[i >> 6] = word;
        }
    }

    /// <summary>The 64-position masks of each code on both sides, ANDed and popcounted per cell.</summary>
    private static int Planes(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int codeCount, Span<long> counts)
    {
        Span<ulong> fromMasks = stackalloc ulong[MaxCodes];
        Span<ulong> toMasks = stackalloc ulong[MaxCodes];
        ref var a0 = ref MemoryMarshal.GetReference(from);
        ref var b0 = ref MemoryMarshal.GetReference(to);
        ref var count0 = ref MemoryMarshal.GetReference(counts);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= from.Length - 64; i += 64)
            {
                var a = Vector512.LoadUnsafe(ref a0, (nuint)i);
                var b = Vector512.LoadUnsafe(ref b0, (nuint)i);
                var c = Vector512<byte>.Zero;
                for (var k = 0; k < codeCount; k++)
                {
                    fromMasks[k] = Vector512.Equals(a, c).ExtractMostSignificantBits();
                    toMasks[k] = Vector512.Equals(b, c).ExtractMostSignificantBits();
                    c += Vector512<byte>.One;
                }

                AddCells(fromMasks, toMasks, codeCount, ref count0);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= from.Length - 64; i += 64)
            {
                var a = Vector256.LoadUnsafe(ref a0, (nuint)i);
                var a2 = Vector256.LoadUnsafe(ref a0, (nuint)(i + 32));
                var b = Vector256.LoadUnsafe(ref b0, (nuint)i);
                var b2 = Vector256.LoadUnsafe(ref b0, (nuint)(i + 32));
                var c = Vector256<byte>.Zero;
                for (var k = 0; k < codeCount; k++)
                {
                    fromMasks[k] = Vector256.Equals(a, c).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(a2, c).ExtractMostSignificantBits() << 32);
                    toMasks[k] = Vector256.Equals(b, c).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b2, c).ExtractMostSignificantBits() << 32);
                    c += Vector256<byte>.One;
                }

                AddCells(fromMasks, toMasks, codeCount, ref count0);
            }
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddCells(Span<ulong> fromMasks, Span<ulong> toMasks, int codeCount, ref long count0)
    {
        for (var x = 0; x < codeCount; x++)
        {
            var row = fromMasks[x];
            if (row == 0)
            {
                continue; // a code absent from these 64 positions adds nothing to its row
            }

            ref var cell = ref Unsafe.Add(ref count0, x * codeCount);
            for (var y = 0; y < codeCount; y++)
            {
                Unsafe.Add(ref cell, y) += BitOperations.PopCount(row & toMasks[y]);
            }
        }
    }

    /// <summary>
    /// Four banks of 32-bit counters taken in turn, so consecutive equal pairs do not wait on each other's store. A bank's
    /// rows are <c>P</c> wide (<c>P</c> the power of two at or above the code count), so the cell is <c>(a &lt;&lt; log P) | b</c>
    /// and one test of the ORed codes against <c>P</c> clears four pairs at once; codes in <c>[codeCount, P)</c> land in
    /// cells that are never read.
    /// </summary>
    private static void Banked(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int codeCount, Span<long> counts)
    {
        var shift = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)codeCount));
        var width = 1u << shift;
        var cells = 1 << (2 * shift);
        Span<int> banks = stackalloc int[4 * MaxBankedCells];
        banks[..(4 * cells)].Clear();
        ref var a0 = ref MemoryMarshal.GetReference(from);
        ref var b0 = ref MemoryMarshal.GetReference(to);
        ref var bank0 = ref MemoryMarshal.GetReference(banks);
        ref var bank1 = ref Unsafe.Add(ref bank0, cells);
        ref var bank2 = ref Unsafe.Add(ref bank0, 2 * cells);
        ref var bank3 = ref Unsafe.Add(ref bank0, 3 * cells);
        var i = 0;

        // A bank counts at most a quarter of the positions (< 2^31), so 32-bit counters cannot overflow in one call.
        for (; i <= from.Length - 4; i += 4)
        {
            uint a = Unsafe.Add(ref a0, i), b = Unsafe.Add(ref b0, i);
            uint c = Unsafe.Add(ref a0, i + 1), d = Unsafe.Add(ref b0, i + 1);
            uint e = Unsafe.Add(ref a0, i + 2), f = Unsafe.Add(ref b0, i + 2);
            uint g = Unsafe.Add(ref a0, i + 3), h = Unsafe.Add(ref b0, i + 3);
            if ((a | b | c | d | e | f | g | h) < width)
            {
                Unsafe.Add(ref bank0, (int)((a << shift) | b))++;
                Unsafe.Add(ref bank1, (int)((c << shift) | d))++;
                Unsafe.Add(ref bank2, (int)((e << shift) | f))++;
                Unsafe.Add(ref bank3, (int)((g << shift) | h))++;
            }
            else
            {
                // A code past the banks' width: these four one by one (such codes have no counter and are left out).
                ScalarCount(from.Slice(i, 4), to.Slice(i, 4), codeCount, counts);
            }
        }

        ScalarCount(from[i..], to[i..], codeCount, counts);
        for (var x = 0; x < codeCount; x++)
        {
            for (var y = 0; y < codeCount; y++)
            {
                var k = (x << shift) | y;
                counts[(x * codeCount) + y] += (long)Unsafe.Add(ref bank0, k) + Unsafe.Add(ref bank1, k) + Unsafe.Add(ref bank2, k) + Unsafe.Add(ref bank3, k);
            }
        }
    }

    private static void ScalarCount(ReadOnlySpan<byte> from, ReadOnlySpan<byte> to, int codeCount, Span<long> counts)
    {
        for (var i = 0; i < from.Length; i++)
        {
            var a = from[i];
            var b = to[i];
            if (a < codeCount && b < codeCount)
            {
                counts[(a * codeCount) + b]++;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Matches512(Vector512<byte> codes, ulong set)
    {
        ulong mask = 0;
        while (set != 0)
        {
            var code = (byte)BitOperations.TrailingZeroCount(set);
            mask |= Vector512.Equals(codes, Vector512.Create(code)).ExtractMostSignificantBits();
            set &= set - 1;
        }

        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Matches256(Vector256<byte> low, Vector256<byte> high, ulong set)
    {
        ulong mask = 0;
        while (set != 0)
        {
            var code = Vector256.Create((byte)BitOperations.TrailingZeroCount(set));
            mask |= Vector256.Equals(low, code).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(high, code).ExtractMostSignificantBits() << 32);
            set &= set - 1;
        }

        return mask;
    }

    private static void Check(int fromLength, int toLength, int codeCount)
    {
        if (fromLength != toLength)
        {
            Throw("to", $"Both sides need one code per position: {fromLength} and {toLength} codes were given.");
        }

        if (codeCount is < 1 or > MaxCodes)
        {
            Throw("codeCount", $"Need 1 to {MaxCodes} codes per side; got {codeCount}.");
        }
    }

    [DoesNotReturn]
    private static void Throw(string parameter, FormattableString message) =>
        throw new ArgumentException(FormattableString.Invariant(message), parameter);
}
