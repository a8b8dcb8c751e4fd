using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Exact selection: the value at a descending rank among the valid, non-NaN values of a column, in O(n), without
/// sorting. Knows nothing of CAI or of the table: spans and an Arrow validity bitmap in, order statistics out.
/// </summary>
/// <remarks>
/// <para>Doubles are mapped to 64-bit keys whose unsigned order is the numeric order (the sign bit flipped for
/// positive values, every bit for negative ones; −0.0 is made 0.0 first, so the two are one value; −∞ and +∞ are the
/// smallest and largest keys). A radix select then narrows the rank 16 bits at a time: one pass over the column
/// histograms the top 16 bits of every key, a second pass copies only the keys of the bucket holding each wanted rank,
/// and the same is repeated on those candidates for bits 47–32, 31–16 and 15–0 (or they are sorted once they number
/// a few thousand). NaN is never a candidate: it is counted apart. The key transform runs on 512-bit vectors (else
/// 256-bit, else scalar), eight values per validity byte as in <see cref="BucketCounter"/>.</para>
/// <para>16-bit columns (percentiles) need no radix: a 65,536-entry count per value gives every rank at once
/// (<see cref="Int16Selector"/>).</para>
/// <para>Where each step lives: this class holds the keys, the eight-lane helpers and the narrowing of gathered keys
/// (<see cref="SelectInKeys"/>); <see cref="DoubleSelector"/> makes the first pass and drives the selection;
/// <see cref="RadixGather"/> makes the second pass.</para>
/// </remarks>
internal static class Selection
{
    /// <summary>Buckets per radix digit (16 bits).</summary>
    internal const int DigitBuckets = 1 << 16;

    /// <summary>Below this many candidates a sort is cheaper than another histogram of 65,536 counters.</summary>
    internal const int SortThreshold = 4096;

    /// <summary>The order-preserving key of a non-NaN double: unsigned key order is numeric order, −0.0 and 0.0 share a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong ToKey(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value);
        return (ulong)(bits ^ ((bits >> 63) | long.MinValue));
    }

    /// <summary>The double of a key made by <see cref="ToKey"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double FromKey(ulong key)
    {
        var bits = (long)key;
        return BitConverter.Int64BitsToDouble(bits < 0 ? bits ^ long.MinValue : ~bits);
    }

    /// <summary>
    /// Sets bit <c>i</c> of <paramref name="destination"/> when <c>values[i] ≥ threshold</c> (never for NaN; +∞ included),
    /// clears it otherwise; bits past <c>values.Length</c> in the last word are cleared. Validity is not looked at: AND the
    /// result with the validity bitmap.
    /// </summary>
    public static void AtLeast(ReadOnlySpan<double> values, double threshold, Span<ulong> destination)
    {
        if (destination.Length < BitmapKernels.WordLength(values.Length))
        {
            KernelThrow.BitmapTooShort(BitmapKernels.WordLength(values.Length), destination.Length);
        }

        var bytes = MemoryMarshal.AsBytes(destination);
        var i = 0;
        ref var v0 = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            var t = Vector512.Create(threshold);
            for (; i <= values.Length - 8; i += 8)
            {
                bytes[i >> 3] = (byte)Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref v0, (nuint)i), t).ExtractMostSignificantBits();
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var t = Vector256.Create(threshold);
            for (; i <= values.Length - 8; i += 8)
            {
                var a = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref v0, (nuint)i), t).ExtractMostSignificantBits();
                var b = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref v0, (nuint)(i + 4)), t).ExtractMostSignificantBits();
                bytes[i >> 3] = (byte)(a | (b << 4));
            }
        }

        for (; i < values.Length; i += 8)
        {
            var b = 0;
            var n = Math.Min(8, values.Length - i);
            for (var j = 0; j < n; j++)
            {
                b |= (values[i + j] >= threshold ? 1 : 0) << j;
            }

            bytes[i >> 3] = (byte)b;
        }

        bytes[((values.Length + 7) >> 3)..(BitmapKernels.WordLength(values.Length) * 8)].Clear();
    }

    /// <summary>As <see cref="AtLeast(ReadOnlySpan{double}, double, Span{ulong})"/> for 16-bit values.</summary>
    public static void AtLeast(ReadOnlySpan<short> values, short threshold, Span<ulong> destination)
    {
        if (destination.Length < BitmapKernels.WordLength(values.Length))
        {
            KernelThrow.BitmapTooShort(BitmapKernels.WordLength(values.Length), destination.Length);
        }

        var bytes = MemoryMarshal.AsBytes(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // 32 values per two compares, four bitmap bytes written at once.
            ref var v0 = ref MemoryMarshal.GetReference(values);
            var t = Vector256.Create(threshold);
            var words = MemoryMarshal.Cast<byte, uint>(bytes);
            for (; i <= values.Length - 32; i += 32)
            {
                var lo = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref v0, (nuint)i), t).ExtractMostSignificantBits();
                var hi = Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref v0, (nuint)(i + 16)), t).ExtractMostSignificantBits();
                words[i >> 5] = lo | (hi << 16);
            }
        }

        for (; i < values.Length; i += 8)
        {
            var b = 0;
            var n = Math.Min(8, values.Length - i);
            for (var j = 0; j < n; j++)
            {
                b |= (values[i + j] >= threshold ? 1 : 0) << j;
            }

            bytes[i >> 3] = (byte)b;
        }

        bytes[((values.Length + 7) >> 3)..(BitmapKernels.WordLength(values.Length) * 8)].Clear();
    }

    /// <summary>The keys of eight doubles (−0.0 made 0.0) and which of them are numbers (bit per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Keys8(ref double v0, int i, Span<ulong> keys)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref v0, (nuint)i);
            var numbers = (int)Vector512.Equals(v, v).ExtractMostSignificantBits();
            v = Vector512.AndNot(v, Vector512.Equals(v, Vector512<double>.Zero));
            var bits = v.AsInt64();
            (bits ^ (Vector512.ShiftRightArithmetic(bits, 63) | Vector512.Create(long.MinValue))).AsUInt64().StoreUnsafe(ref MemoryMarshal.GetReference(keys));
            return numbers;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256.LoadUnsafe(ref v0, (nuint)i);
            var hi = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
            var numbers = (int)(Vector256.Equals(lo, lo).ExtractMostSignificantBits() | (Vector256.Equals(hi, hi).ExtractMostSignificantBits() << 4));
            var sign = Vector256.Create(long.MinValue);
            var a = Vector256.AndNot(lo, Vector256.Equals(lo, Vector256<double>.Zero)).AsInt64();
            var b = Vector256.AndNot(hi, Vector256.Equals(hi, Vector256<double>.Zero)).AsInt64();
            ref var k0 = ref MemoryMarshal.GetReference(keys);
            (a ^ (Vector256.ShiftRightArithmetic(a, 63) | sign)).AsUInt64().StoreUnsafe(ref k0);
            (b ^ (Vector256.ShiftRightArithmetic(b, 63) | sign)).AsUInt64().StoreUnsafe(ref k0, 4);
            return numbers;
        }

        var mask = 0;
        for (var j = 0; j < 8; j++)
        {
            var v = Unsafe.Add(ref v0, i + j);
            mask |= (double.IsNaN(v) ? 0 : 1) << j;
            keys[j] = ToKey(v);
        }

        return mask;
    }

    /// <summary>
    /// The doubles whose keys lie in <c>[lowKey, highKey]</c>, as an inclusive double range (NaN keys at either end clamped
    /// to ±∞; −0.0, which has 0.0's key, kept out of a range that ends just below zero).
    /// </summary>
    internal static (double Low, double High) ValueRange(ulong lowKey, ulong highKey)
    {
        var low = lowKey <= ToKey(double.NegativeInfinity) ? double.NegativeInfinity : FromKey(lowKey);
        var high = highKey >= ToKey(double.PositiveInfinity) ? double.PositiveInfinity : FromKey(highKey);
        if (high == 0 && double.IsNegative(high))
        {
            high = -double.Epsilon;
        }

        return (low, high);
    }

    /// <summary>Which of the eight doubles from <paramref name="i"/> on (bit per lane) lie in <c>[low, high]</c> (never NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Between8(ref double v0, int i, double low, double high)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref v0, (nuint)i);
            return (int)(Vector512.GreaterThanOrEqual(v, Vector512.Create(low)) & Vector512.LessThanOrEqual(v, Vector512.Create(high))).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var lo = Vector256.Create(low);
            var hi = Vector256.Create(high);
            var a = Vector256.LoadUnsafe(ref v0, (nuint)i);
            var b = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
            return (int)((Vector256.GreaterThanOrEqual(a, lo) & Vector256.LessThanOrEqual(a, hi)).ExtractMostSignificantBits()
                         | ((Vector256.GreaterThanOrEqual(b, lo) & Vector256.LessThanOrEqual(b, hi)).ExtractMostSignificantBits() << 4));
        }

        var mask = 0;
        for (var j = 0; j < 8; j++)
        {
            var v = Unsafe.Add(ref v0, i + j);
            mask |= (v >= low && v <= high ? 1 : 0) << j;
        }

        return mask;
    }

    /// <summary>The statistic at descending rank <paramref name="rank"/> of ascending-sorted keys.</summary>
    internal static OrderStatistic InSorted(ReadOnlySpan<ulong> sorted, long rank, long above)
    {
        var index = sorted.Length - (int)rank;
        var key = sorted[index];
        var first = index;
        while (first > 0 && sorted[first - 1] == key)
        {
            first--;
        }

        var last = index;
        while (last < sorted.Length - 1 && sorted[last + 1] == key)
        {
            last++;
        }

        return new OrderStatistic(FromKey(key), above + (sorted.Length - 1 - last), last - first + 1);
    }

    /// <summary>
    /// The value at descending rank <paramref name="rank"/> among <paramref name="keys"/> (which share their top 16 bits),
    /// narrowing 16 bits at a time; reorders <paramref name="keys"/>.
    /// </summary>
    internal static OrderStatistic SelectInKeys(Span<ulong> keys, long rank, long above, Span<int> digit)
    {
        for (var shift = 32; ; shift -= 16)
        {
            if (keys.Length <= SortThreshold)
            {
                keys.Sort();
                return InSorted(keys, rank, above);
            }

            digit.Clear();
            ref var d0 = ref MemoryMarshal.GetReference(digit);
            foreach (var k in keys)
            {
                Unsafe.Add(ref d0, (int)(k >> shift) & 0xFFFF)++;
            }

            var bucket = DigitBuckets - 1;
            long cumulative = 0;
            while (cumulative + digit[bucket] < rank)
            {
                cumulative += digit[bucket];
                bucket--;
            }

            above += cumulative;
            rank -= cumulative;
            var kept = 0;
            foreach (var k in keys)
            {
                keys[kept] = k;
                kept += ((int)(k >> shift) & 0xFFFF) == bucket ? 1 : 0;
            }

            keys = keys[..kept];
            if (shift == 0)
            {
                // Every key left is the same: all 64 bits were matched.
                return new OrderStatistic(FromKey(keys[0]), above, kept);
            }
        }
    }
}
