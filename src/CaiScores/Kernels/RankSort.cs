using System.Buffers;
using System.Runtime.CompilerServices;

namespace CaiScores.Kernels;

/// <summary>
/// Ranking by value, descending, without a comparison sort: 64-bit order-preserving keys (see <see cref="Selection.ToKey"/>)
/// complemented so that ascending key order is descending value order, then a stable LSD radix sort of (key, item) pairs,
/// 11 bits a pass; and the one pass over the ranked items that gives the Mann–Whitney count with ties and per-group
/// positives. Knows nothing of CAI or of the table: spans of keys, items and bitmap words.
/// </summary>
/// <remarks>
/// <para>The sort histograms all six digits in one read pass and skips every digit on which all keys agree (a column of
/// few distinct values, or of values in a narrow range, sorts in fewer passes). Items with equal keys keep their input
/// order, so sorting items that are person indexes in ascending order ranks ties by person index.</para>
/// <para>Cost: one histogram pass plus at most six scatter passes over 12 bytes per item, against ~n log₂ n
/// comparisons for <see cref="Array.Sort{TKey, TValue}(TKey[], TValue[])"/> (21 for two million values).</para>
/// </remarks>
internal static class RankSort
{
    private const int DigitBits = 11;
    private const int Digits = 6; // 6 × 11 = 66 ≥ 64 bits
    private const int Buckets = 1 << DigitBits;
    private const int Mask = Buckets - 1;

    /// <summary>The key of a non-NaN value: ascending key order is descending value order; −0.0 and 0.0 share a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DescendingKey(double value) => ~Selection.ToKey(value);

    /// <summary>
    /// Sorts <paramref name="keys"/> ascending, carrying <paramref name="items"/> along; stable (equal keys keep their
    /// order). The result is in <paramref name="keys"/> and <paramref name="items"/>; the scratch spans are overwritten.
    /// </summary>
    /// <param name="keys">The keys.</param>
    /// <param name="items">One item per key.</param>
    /// <param name="keyScratch">At least as long as <paramref name="keys"/>.</param>
    /// <param name="itemScratch">At least as long as <paramref name="keys"/>.</param>
    public static void Sort(Span<ulong> keys, Span<int> items, Span<ulong> keyScratch, Span<int> itemScratch)
    {
        var n = keys.Length;
        if (items.Length != n || keyScratch.Length < n || itemScratch.Length < n)
        {
            throw new ArgumentException("Sorting needs one item per key and scratch spans at least as long as the keys.", nameof(items));
        }

        if (n < 2)
        {
            return;
        }

        var counts = ArrayPool<int>.Shared.Rent(Digits * Buckets);
        try
        {
            var histogram = counts.AsSpan(0, Digits * Buckets);
            histogram.Clear();
            Histogram(keys, histogram);
            Span<ulong> fromKeys = keys, toKeys = keyScratch[..n];
            Span<int> fromItems = items, toItems = itemScratch[..n];
            var swapped = false;
            for (var d = 0; d < Digits; d++)
            {
                var digit = histogram.Slice(d * Buckets, Buckets);
                var shift = d * DigitBits;
                if (digit[(int)(keys[0] >> shift) & Mask] == n)
                {
                    continue; // every key has this digit: the pass would copy them in order
                }

                // Counts to starting offsets.
                var sum = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    var c = digit[b];
                    digit[b] = sum;
                    sum += c;
                }

                Scatter(fromKeys, fromItems, toKeys, toItems, digit, shift);
                var k = fromKeys;
                fromKeys = toKeys;
                toKeys = k;
                var it = fromItems;
                fromItems = toItems;
                toItems = it;
                swapped = !swapped;
            }

            if (swapped)
            {
                fromKeys.CopyTo(keys);
                fromItems.CopyTo(items);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// Merges two runs sorted by (key, item) into <paramref name="keys"/> and <paramref name="items"/> (as long as both
    /// together), ordered by key, then item.
    /// </summary>
    public static void Merge(ReadOnlySpan<ulong> leftKeys, ReadOnlySpan<int> leftItems, ReadOnlySpan<ulong> rightKeys, ReadOnlySpan<int> rightItems, Span<ulong> keys, Span<int> items)
    {
        var i = 0;
        var j = 0;
        var o = 0;
        while (i < leftKeys.Length && j < rightKeys.Length)
        {
            var l = leftKeys[i];
            var r = rightKeys[j];
            if (l < r || (l == r && leftItems[i] <= rightItems[j]))
            {
                keys[o] = l;
                items[o++] = leftItems[i++];
            }
            else
            {
                keys[o] = r;
                items[o++] = rightItems[j++];
            }
        }

        leftKeys[i..].CopyTo(keys[o..]);
        leftItems[i..].CopyTo(items[o..]);
        o += leftKeys.Length - i;
        rightKeys[j..].CopyTo(keys[o..]);
        rightItems[j..].CopyTo(items[o..]);
    }

    /// <summary>
    /// One pass over items ranked by <see cref="Sort"/> (ascending keys = descending values): labels each item by bit
    /// <c>item</c> of <paramref name="positiveWords"/>, counts the positives of each rank group, and returns twice the
    /// Mann–Whitney U: <c>2·#{(positive, negative) : value(positive) &gt; value(negative)} + #{… equal}</c>, an exact integer.
    /// </summary>
    /// <param name="keys">The sorted keys (equal keys = equal values).</param>
    /// <param name="items">The items (bit indexes into <paramref name="positiveWords"/>).</param>
    /// <param name="positiveWords">Which items are positive.</param>
    /// <param name="groupEnds">The cumulative end rank of each group (its last rank + 1), ascending; the last is at most the length.</param>
    /// <param name="groupPositives">Receives each group's positives (added to); as long as <paramref name="groupEnds"/>.</param>
    /// <param name="positives">The positives among the items.</param>
    /// <param name="tiedPairs">The (positive, negative) pairs with equal keys (each counted 1 in twice U, ½ in U).</param>
    /// <returns>Twice U; the AUC is <c>2U / (2 · positives · negatives)</c>.</returns>
    public static long TwiceMannWhitneyU(ReadOnlySpan<ulong> keys, ReadOnlySpan<int> items, ReadOnlySpan<ulong> positiveWords, ReadOnlySpan<long> groupEnds, Span<long> groupPositives, out long positives, out long tiedPairs)
    {
        long tied = 0;
        // Walking from the highest value: S = Σ over tie groups of pos_g · (2 · negatives before the group + neg_g); then
        // 2U = 2 · P · N − S (the pairs where the positive is lower count 2, ties 1, in S).
        long s = 0, pos = 0, negBefore = 0;
        var group = 0;
        var groupEnd = groupEnds.IsEmpty ? long.MaxValue : groupEnds[0];
        var n = keys.Length;
        var i = 0;
        while (i < n)
        {
            var key = keys[i];
            long tiePos = 0;
            var start = i;
            do
            {
                while (i >= groupEnd)
                {
                    group++;
                    groupEnd = group < groupEnds.Length ? groupEnds[group] : long.MaxValue;
                }

                var item = items[i];
                var label = (long)((positiveWords[item >> 6] >> item) & 1);
                tiePos += label;
                if (group < groupPositives.Length)
                {
                    groupPositives[group] += label;
                }

                i++;
            }
            while (i < n && keys[i] == key);

            var tieNeg = i - start - tiePos;
            s += tiePos * ((2 * negBefore) + tieNeg);
            tied += tiePos * tieNeg;
            pos += tiePos;
            negBefore += tieNeg;
        }

        positives = pos;
        tiedPairs = tied;
        return (2 * pos * negBefore) - s;
    }

    private static void Histogram(ReadOnlySpan<ulong> keys, Span<int> histogram)
    {
        var h0 = histogram[..Buckets];
        var h1 = histogram.Slice(Buckets, Buckets);
        var h2 = histogram.Slice(2 * Buckets, Buckets);
        var h3 = histogram.Slice(3 * Buckets, Buckets);
        var h4 = histogram.Slice(4 * Buckets, Buckets);
        var h5 = histogram.Slice(5 * Buckets, Buckets);
        foreach (var key in keys)
        {
            h0[(int)key & Mask]++;
            h1[(int)(key >> DigitBits) & Mask]++;
            h2[(int)(key >> (2 * DigitBits)) & Mask]++;
            h3[(int)(key >> (3 * DigitBits)) & Mask]++;
            h4[(int)(key >> (4 * DigitBits)) & Mask]++;
            h5[(int)(key >> (5 * DigitBits))]++;
        }
    }

    private static void Scatter(ReadOnlySpan<ulong> fromKeys, ReadOnlySpan<int> fromItems, Span<ulong> toKeys, Span<int> toItems, Span<int> offsets, int shift)
    {
        ref var keyBase = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(toKeys);
        ref var itemBase = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(toItems);
        ref var offsetBase = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(offsets);
        for (var i = 0; i < fromKeys.Length; i++)
        {
            var key = fromKeys[i];
            ref var at = ref Unsafe.Add(ref offsetBase, (int)(key >> shift) & Mask);
            Unsafe.Add(ref keyBase, at) = key;
            Unsafe.Add(ref itemBase, at) = fromItems[i];
            at++;
        }
    }
}
