using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// One order statistic of a column: the value at a rank, and how many values lie strictly above it and exactly on it.
/// </summary>
/// <param name="Value">The value at the rank (−0.0 is reported as 0.0).</param>
/// <param name="Above">The valid values strictly greater than <paramref name="Value"/>.</param>
/// <param name="Equal">The valid values equal to <paramref name="Value"/> (−0.0 and 0.0 are equal).</param>
internal readonly record struct OrderStatistic(double Value, long Above, long Equal);

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
}

/// <summary>
/// Radix selection over one column of doubles: create it (one pass: top-16-bit histogram, valid and NaN counts), ask for
/// as many descending ranks as needed, dispose it. The spans must stay the same between creation and selection.
/// </summary>
/// <remarks>
/// A column of at most <see cref="Selection.SortThreshold"/> values skips the radix: its keys are copied and sorted once
/// (cheaper than clearing and scanning 65,536 counters).
/// </remarks>
internal ref struct DoubleSelector
{
    private readonly ReadOnlySpan<double> _values;
    private readonly ReadOnlySpan<byte> _validity;
    private readonly int _validityOffset;
    private int[]? _histogram;
    private ulong[]? _sorted;

    /// <summary>Histograms the top 16 bits of the keys of the valid, non-NaN values (or sorts them, for a short column).</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap (bit set = valid), or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    public DoubleSelector(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset)
    {
        _values = values;
        _validity = validity;
        _validityOffset = validityOffset;
        if (values.Length <= Selection.SortThreshold)
        {
            _sorted = ArrayPool<ulong>.Shared.Rent(Math.Max(1, values.Length));
            var (valid, nan) = CopyKeys(values, validity, validityOffset, _sorted);
            _sorted.AsSpan(0, (int)valid).Sort();
            Valid = valid;
            NaN = nan;
        }
        else
        {
            _histogram = ArrayPool<int>.Shared.Rent(Selection.DigitBuckets);
            var (valid, nan) = Histogram(values, validity, validityOffset, _histogram.AsSpan(0, Selection.DigitBuckets));
            Valid = valid;
            NaN = nan;
        }
    }

    /// <summary>The valid values that are numbers (the ranks run from 1 to this).</summary>
    public long Valid { get; }

    /// <summary>The valid values that are NaN (ranked nowhere).</summary>
    public long NaN { get; }

    /// <summary>The value at a descending rank (1 = the largest).</summary>
    /// <param name="rank">1 to <see cref="Valid"/>.</param>
    public readonly OrderStatistic Select(long rank)
    {
        Span<OrderStatistic> result = stackalloc OrderStatistic[1];
        Select([rank], result);
        return result[0];
    }

    /// <summary>The values at several descending ranks, in any order, with one more pass over the column for all of them.</summary>
    /// <param name="ranks">Ranks from 1 (the largest) to <see cref="Valid"/>.</param>
    /// <param name="results">One result per rank, in the same order.</param>
    public readonly void Select(ReadOnlySpan<long> ranks, Span<OrderStatistic> results)
    {
        if (results.Length != ranks.Length)
        {
            KernelThrow.ResultsLength(ranks.Length, results.Length);
        }

        foreach (var rank in ranks)
        {
            if (rank < 1 || rank > Valid)
            {
                KernelThrow.Rank(rank, Valid);
            }
        }

        if (ranks.IsEmpty)
        {
            return;
        }

        if (_sorted is not null)
        {
            var sorted = _sorted.AsSpan(0, (int)Valid);
            for (var r = 0; r < ranks.Length; r++)
            {
                results[r] = InSorted(sorted, ranks[r], 0);
            }

            return;
        }

        var histogram = _histogram!.AsSpan(0, Selection.DigitBuckets);

        // The top-16-bit bucket of each rank, and the count of values in higher buckets.
        var bucketOf = new int[ranks.Length];
        var aboveOf = new long[ranks.Length];
        var order = new int[ranks.Length];
        for (var r = 0; r < order.Length; r++)
        {
            order[r] = r;
        }

        Array.Sort(ranks.ToArray(), order);
        long cumulative = 0;
        var bucket = Selection.DigitBuckets - 1;
        foreach (var r in order)
        {
            while (cumulative + histogram[bucket] < ranks[r])
            {
                cumulative += histogram[bucket];
                bucket--;
            }

            bucketOf[r] = bucket;
            aboveOf[r] = cumulative;
        }

        // One pass copies the keys of every wanted bucket into its own segment of a candidate buffer.
        var distinct = bucketOf.Distinct().Order().ToArray();
        var segmentStart = new int[distinct.Length + 1];
        for (var s = 0; s < distinct.Length; s++)
        {
            segmentStart[s + 1] = segmentStart[s] + histogram[distinct[s]];
        }

        // One spare cell at the end: the gather writes keys of no wanted bucket there.
        var candidates = ArrayPool<ulong>.Shared.Rent(segmentStart[^1] + 1);
        var digit = ArrayPool<int>.Shared.Rent(Selection.DigitBuckets);
        try
        {
            if (distinct.Length == 1)
            {
                GatherOne(distinct[0], candidates);
            }
            else
            {
                GatherMany(distinct, segmentStart, candidates);
            }

            for (var s = 0; s < distinct.Length; s++)
            {
                var segment = candidates.AsSpan(segmentStart[s], segmentStart[s + 1] - segmentStart[s]);
                var wanted = Enumerable.Range(0, ranks.Length).Where(r => bucketOf[r] == distinct[s]).ToArray();
                if (wanted.Length > 1 && segment.Length > Selection.SortThreshold && wanted.Length * 4 > Math.Log2(segment.Length))
                {
                    // Many ranks in one big bucket: one sort of the bucket answers them all.
                    segment.Sort();
                    foreach (var r in wanted)
                    {
                        results[r] = InSorted(segment, ranks[r] - aboveOf[r], aboveOf[r]);
                    }

                    continue;
                }

                for (var w = 0; w < wanted.Length; w++)
                {
                    var r = wanted[w];

                    // The narrowing compacts in place: work on a copy unless this is the segment's last rank.
                    ulong[]? copy = null;
                    var keys = segment;
                    if (w < wanted.Length - 1 && segment.Length > Selection.SortThreshold)
                    {
                        copy = ArrayPool<ulong>.Shared.Rent(segment.Length);
                        segment.CopyTo(copy);
                        keys = copy.AsSpan(0, segment.Length);
                    }

                    try
                    {
                        results[r] = SelectInKeys(keys, ranks[r] - aboveOf[r], aboveOf[r], digit.AsSpan(0, Selection.DigitBuckets));
                    }
                    finally
                    {
                        if (copy is not null)
                        {
                            ArrayPool<ulong>.Shared.Return(copy);
                        }
                    }
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(digit);
            ArrayPool<ulong>.Shared.Return(candidates);
        }
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_histogram is not null)
        {
            ArrayPool<int>.Shared.Return(_histogram);
            _histogram = null;
        }

        if (_sorted is not null)
        {
            ArrayPool<ulong>.Shared.Return(_sorted);
            _sorted = null;
        }
    }

    /// <summary>Counts the top 16 bits of every valid number's key; returns the valid numbers and the valid NaNs.</summary>
    private static (long Valid, long NaN) Histogram(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, Span<int> histogram)
    {
        histogram.Clear();
        long valid = 0;
        long nan = 0;
        var allValid = validity.IsEmpty;
        Span<ulong> keys = stackalloc ulong[8];
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var h0 = ref MemoryMarshal.GetReference(histogram);
        ref var k0 = ref MemoryMarshal.GetReference(keys);
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            var bits = allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
            var numbers = Selection.Keys8(ref v0, i, keys);
            var lanes = bits & numbers;
            nan += BitOperations.PopCount((uint)(bits & ~numbers & 0xFF));
            valid += BitOperations.PopCount((uint)lanes);

            // Branch-free: a lane that is null or NaN adds 0 to whatever bucket its key falls in.
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 0) >> 48)) += lanes & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 1) >> 48)) += (lanes >> 1) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 2) >> 48)) += (lanes >> 2) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 3) >> 48)) += (lanes >> 3) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 4) >> 48)) += (lanes >> 4) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 5) >> 48)) += (lanes >> 5) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 6) >> 48)) += (lanes >> 6) & 1;
            Unsafe.Add(ref h0, (int)(Unsafe.Add(ref k0, 7) >> 48)) += (lanes >> 7) & 1;
        }

        for (; i < values.Length; i++)
        {
            if (!allValid && !BitBlocks.Bit(validity, validityOffset + i))
            {
                continue;
            }

            var v = values[i];
            if (double.IsNaN(v))
            {
                nan++;
                continue;
            }

            valid++;
            histogram[(int)(Selection.ToKey(v) >> 48)]++;
        }

        return (valid, nan);
    }

    /// <summary>Copies the keys of every valid number into <paramref name="destination"/>; returns the valid numbers and the valid NaNs.</summary>
    private static (long Valid, long NaN) CopyKeys(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, Span<ulong> destination)
    {
        var n = 0;
        long nan = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!validity.IsEmpty && !BitBlocks.Bit(validity, validityOffset + i))
            {
                continue;
            }

            if (double.IsNaN(values[i]))
            {
                nan++;
            }
            else
            {
                destination[n++] = Selection.ToKey(values[i]);
            }
        }

        return (n, nan);
    }

    /// <summary>The statistic at descending rank <paramref name="rank"/> of ascending-sorted keys.</summary>
    private static OrderStatistic InSorted(ReadOnlySpan<ulong> sorted, long rank, long above)
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

        return new OrderStatistic(Selection.FromKey(key), above + (sorted.Length - 1 - last), last - first + 1);
    }

    /// <summary>
    /// The value at descending rank <paramref name="rank"/> among <paramref name="keys"/> (which share their top 16 bits),
    /// narrowing 16 bits at a time; reorders <paramref name="keys"/>.
    /// </summary>
    private static OrderStatistic SelectInKeys(Span<ulong> keys, long rank, long above, Span<int> digit)
    {
        for (var shift = 32; ; shift -= 16)
        {
            if (keys.Length <= Selection.SortThreshold)
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

            var bucket = Selection.DigitBuckets - 1;
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
                return new OrderStatistic(Selection.FromKey(keys[0]), above, kept);
            }
        }
    }

    /// <summary>Copies the keys whose top 16 bits are <paramref name="bucket"/> to the start of <paramref name="candidates"/>.</summary>
    private readonly void GatherOne(int bucket, ulong[] candidates)
    {
        var values = _values;
        var validity = _validity;
        var allValid = validity.IsEmpty;
        var lowKey = (ulong)bucket << 48;
        var highKey = lowKey | 0xFFFF_FFFF_FFFF;
        var (low, high) = Selection.ValueRange(lowKey, highKey);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var fill = 0;
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            // Nearly every lane falls outside the bucket: two compares on the raw doubles rule eight out, no key needed.
            var lanes = Selection.Between8(ref v0, i, low, high);
            if (lanes == 0)
            {
                continue;
            }

            lanes &= allValid ? 0xFF : BitBlocks.Read8(validity, _validityOffset + i);
            while (lanes != 0)
            {
                candidates[fill++] = Selection.ToKey(Unsafe.Add(ref v0, i + BitOperations.TrailingZeroCount(lanes)));
                lanes &= lanes - 1;
            }
        }

        for (; i < values.Length; i++)
        {
            if ((allValid || BitBlocks.Bit(validity, _validityOffset + i)) && !double.IsNaN(values[i]) && Selection.ToKey(values[i]) is var key && key >= lowKey && key <= highKey)
            {
                candidates[fill++] = key;
            }
        }
    }

    /// <summary>
    /// Copies the keys whose top 16 bits are one of <paramref name="buckets"/> (ascending) into their segments. Lanes outside
    /// the span of the wanted buckets are ruled out eight at a time on the raw doubles; a lane inside it but in an unwanted
    /// bucket is written to the spare last cell without a branch.
    /// </summary>
    private readonly void GatherMany(int[] buckets, int[] segmentStart, ulong[] candidates)
    {
        var values = _values;
        var validity = _validity;
        var allValid = validity.IsEmpty;
        var spare = buckets.Length;
        var slotOf = ArrayPool<ushort>.Shared.Rent(Selection.DigitBuckets);
        try
        {
            slotOf.AsSpan(0, Selection.DigitBuckets).Fill((ushort)spare);
            for (var s = 0; s < buckets.Length; s++)
            {
                slotOf[buckets[s]] = (ushort)s;
            }

            // fill[s] is the next cell of slot s; the spare slot always points at the spare cell and never moves.
            var fill = new int[buckets.Length + 1];
            segmentStart.AsSpan(0, buckets.Length).CopyTo(fill);
            fill[spare] = segmentStart[^1];
            var (low, high) = Selection.ValueRange((ulong)buckets[0] << 48, ((ulong)buckets[^1] << 48) | 0xFFFF_FFFF_FFFF);
            Span<ulong> keys = stackalloc ulong[8];
            ref var v0 = ref MemoryMarshal.GetReference(values);
            ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slotOf);
            ref var fill0 = ref MemoryMarshal.GetArrayDataReference(fill);
            ref var c0 = ref MemoryMarshal.GetArrayDataReference(candidates);
            var i = 0;
            for (; i <= values.Length - 8; i += 8)
            {
                var lanes = Selection.Between8(ref v0, i, low, high);
                if (lanes == 0)
                {
                    continue;
                }

                lanes &= allValid ? 0xFF : BitBlocks.Read8(validity, _validityOffset + i);
                Selection.Keys8(ref v0, i, keys);

                while (lanes != 0)
                {
                    var key = keys[BitOperations.TrailingZeroCount(lanes)];
                    lanes &= lanes - 1;
                    var slot = Unsafe.Add(ref slot0, (int)(key >> 48));
                    ref var at = ref Unsafe.Add(ref fill0, slot);
                    Unsafe.Add(ref c0, at) = key;
                    at += slot == spare ? 0 : 1;
                }
            }

            for (; i < values.Length; i++)
            {
                if ((allValid || BitBlocks.Bit(validity, _validityOffset + i)) && !double.IsNaN(values[i]))
                {
                    var key = Selection.ToKey(values[i]);
                    var slot = slotOf[(int)(key >> 48)];
                    if (slot != spare)
                    {
                        candidates[fill[slot]++] = key;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(slotOf);
        }
    }
}

/// <summary>
/// Selection over a 16-bit column (percentiles): one pass counts every value, after which any rank, any count at or
/// above a value and the lowest value at or above it are read off the counts.
/// </summary>
internal sealed class Int16Selector : IDisposable
{
    private const int Offset = 32768;
    private const int Size = 65536;
    private int[] _counts = ArrayPool<int>.Shared.Rent(Size);

    /// <summary>Counts the valid values.</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap, or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    public Int16Selector(ReadOnlySpan<short> values, ReadOnlySpan<byte> validity, int validityOffset)
    {
        var counts = _counts.AsSpan(0, Size);
        counts.Clear();
        long valid = 0;
        var allValid = validity.IsEmpty;
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            var bits = allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
            valid += BitOperations.PopCount((uint)bits);

            // Branch-free: an invalid lane adds 0 to the count of whatever its slot holds.
            for (var j = 0; j < 8; j++)
            {
                counts[values[i + j] + Offset] += (bits >> j) & 1;
            }
        }

        for (; i < values.Length; i++)
        {
            if (allValid || BitBlocks.Bit(validity, validityOffset + i))
            {
                counts[values[i] + Offset]++;
                valid++;
            }
        }

        Valid = valid;
    }

    /// <summary>The valid values.</summary>
    public long Valid { get; }

    /// <summary>The value at a descending rank (1 = the largest).</summary>
    /// <param name="rank">1 to <see cref="Valid"/>.</param>
    public OrderStatistic Select(long rank)
    {
        if (rank < 1 || rank > Valid)
        {
            KernelThrow.Rank(rank, Valid);
        }

        long above = 0;
        var value = Size - 1;
        while (above + _counts[value] < rank)
        {
            above += _counts[value];
            value--;
        }

        return new OrderStatistic(value - Offset, above, _counts[value]);
    }

    /// <summary>
    /// The valid values at or above <paramref name="threshold"/>, and the lowest of them with its count (as an order
    /// statistic: Above = those strictly above it); null when none is at or above.
    /// </summary>
    /// <param name="threshold">The threshold.</param>
    public (long Count, OrderStatistic? Lowest) AtLeast(int threshold)
    {
        var from = Math.Clamp(threshold + Offset, 0, Size);
        long count = 0;
        for (var v = from; v < Size; v++)
        {
            count += _counts[v];
        }

        for (var v = from; v < Size; v++)
        {
            if (_counts[v] > 0)
            {
                return (count, new OrderStatistic(v - Offset, count - _counts[v], _counts[v]));
            }
        }

        return (0, null);
    }

    /// <summary>Returns the pooled counts; the selector is unusable afterwards.</summary>
    public void Dispose()
    {
        if (_counts.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_counts);
            _counts = [];
        }
    }
}
