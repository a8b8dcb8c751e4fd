using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

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
                results[r] = Selection.InSorted(sorted, ranks[r], 0);
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
                RadixGather.One(_values, _validity, _validityOffset, distinct[0], candidates);
            }
            else
            {
                RadixGather.Many(_values, _validity, _validityOffset, distinct, segmentStart, candidates);
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
                        results[r] = Selection.InSorted(segment, ranks[r] - aboveOf[r], aboveOf[r]);
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
                        results[r] = Selection.SelectInKeys(keys, ranks[r] - aboveOf[r], aboveOf[r], digit.AsSpan(0, Selection.DigitBuckets));
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
}
