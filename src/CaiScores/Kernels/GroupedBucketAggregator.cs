using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>The columns a <see cref="GroupedBucketAggregator"/> reads, all starting at the same row.</summary>
internal readonly ref struct GroupedInput
{
    /// <summary>Which rows take part: one bit per row, 64-bit words, bit 0 of word 0 is row 0.</summary>
    public required ReadOnlySpan<ulong> Include { get; init; }

    /// <summary>The bucketed values.</summary>
    public required ReadOnlySpan<double> Values { get; init; }

    /// <summary>Which values are non-null (words like <see cref="Include"/>); a null value goes to the no-value slot.</summary>
    public required ReadOnlySpan<ulong> ValueValidity { get; init; }

    /// <summary>A second value summed per key (e.g. probabilities), or empty.</summary>
    public ReadOnlySpan<double> Second { get; init; }

    /// <summary>Which second values are non-null.</summary>
    public ReadOnlySpan<ulong> SecondValidity { get; init; }

    /// <summary>A group id per row, ≥ −1 (−1 = no group, slot 0), or empty for one group.</summary>
    public ReadOnlySpan<int> Groups { get; init; }

    /// <summary>The bucket edges, strictly ascending; empty for a single bucket.</summary>
    public required ReadOnlySpan<double> Edges { get; init; }
}

/// <summary>Per-key accumulators a <see cref="GroupedBucketAggregator"/> adds to; key = group slot × (edges + 2) + bucket slot.</summary>
internal readonly ref struct GroupedOutput
{
    /// <summary>Rows per key.</summary>
    public required Span<long> Rows { get; init; }

    /// <summary>Sum of the values per key (the no-value slot has none).</summary>
    public required Span<double> ValueSums { get; init; }

    /// <summary>Sum of the second values per key.</summary>
    public Span<double> SecondSums { get; init; }

    /// <summary>Non-null second values per key.</summary>
    public Span<long> SecondCounts { get; init; }

    /// <summary>Optional: one bitmap of <c>words</c> words per key, a bit set for every row counted under the key.</summary>
    public Span<ulong> KeyBits { get; init; }

    /// <summary>Words per key in <see cref="KeyBits"/>.</summary>
    public int KeyBitWords { get; init; }
}

/// <summary>
/// Grouped bucket aggregation: for every included row, the bucket of its value (CJA's rule, a value on an edge goes up;
/// null and NaN to a "no value" slot after the last bucket) and its group make a key, and the kernel adds one row, the
/// value and an optional second value to that key's accumulators. Knows nothing of CAI: spans in, per-key sums out.
/// </summary>
/// <remarks>
/// <para>Rows are visited a 64-bit include word at a time, skipping empty words and walking set bits with
/// trailing-zero counts. The bucket of up to 4 edges is a branch-free sum of comparisons; more edges use a binary search.
/// Accumulation alternates between two banks of accumulators for even and odd visits, so that consecutive rows of the
/// same key do not wait on each other's store; the banks are added at the end.</para>
/// <para>Sums are in visit order within a bank: results may differ from a sequential sum in the last bits.</para>
/// </remarks>
internal static class GroupedBucketAggregator
{
    /// <summary>The number of keys for a group count and an edge count: groups+1 slots × (edges+2) bucket slots.</summary>
    public static int KeyCount(int groups, int edges) => (groups + 1) * (edges + 2);

    /// <summary>Adds the included rows to <paramref name="output"/>.</summary>
    /// <returns>The number of included rows whose value was NaN (counted in the no-value slot).</returns>
    public static long Accumulate(scoped in GroupedInput input, scoped in GroupedOutput output)
    {
        var n = input.Values.Length;
        var words = BitmapKernels.WordLength(n);
        var slots = input.Edges.Length + 2;
        var noValue = slots - 1;
        var keys = output.Rows.Length;
        if (input.Include.Length < words || input.ValueValidity.Length < words || output.ValueSums.Length != keys
            || (!input.Groups.IsEmpty && input.Groups.Length < n)
            || (!input.Second.IsEmpty && (input.Second.Length < n || input.SecondValidity.Length < words || output.SecondSums.Length != keys || output.SecondCounts.Length != keys))
            || (!output.KeyBits.IsEmpty && (output.KeyBitWords < words || output.KeyBits.Length < output.KeyBitWords * keys)))
        {
            ThrowHelper.GroupedShapes();
        }

        // Two banks: even visits go to bank 0, odd to bank 1 (breaks store-to-load chains on a repeated key).
        var rows = new long[2 * keys];
        var sums = new double[2 * keys];
        var second = input.Second.IsEmpty ? [] : new double[2 * keys];
        var secondCounts = input.Second.IsEmpty ? [] : new long[2 * keys];
        ref var v0 = ref MemoryMarshal.GetReference(input.Values);
        var edges = input.Edges;
        var e0 = edges.Length > 0 ? edges[0] : double.NaN;
        var e1 = edges.Length > 1 ? edges[1] : double.NaN;
        var e2 = edges.Length > 2 ? edges[2] : double.NaN;
        var e3 = edges.Length > 3 ? edges[3] : double.NaN;
        var fewEdges = edges.Length <= 4;
        var hasGroups = !input.Groups.IsEmpty;
        var hasSecond = !input.Second.IsEmpty;
        var hasBits = !output.KeyBits.IsEmpty;
        long nan = 0;
        var bank = 0;

        for (var w = 0; w < words; w++)
        {
            var include = input.Include[w];
            if (w == words - 1 && (n & 63) != 0)
            {
                include &= (1UL << (n & 63)) - 1;
            }

            if (include == 0)
            {
                continue;
            }

            var valid = input.ValueValidity[w];
            var secondValid = hasSecond ? input.SecondValidity[w] : 0;
            do
            {
                var bit = BitOperations.TrailingZeroCount(include);
                include &= include - 1;
                var i = (w << 6) + bit;
                var v = Unsafe.Add(ref v0, i);
                int bucket;
                if (((valid >> bit) & 1) == 0)
                {
                    bucket = noValue;
                }
                else if (double.IsNaN(v))
                {
                    bucket = noValue;
                    nan++;
                }
                else
                {
                    // NaN edges (absent ones) compare false and add nothing.
                    bucket = fewEdges
                        ? (v >= e0 ? 1 : 0) + (v >= e1 ? 1 : 0) + (v >= e2 ? 1 : 0) + (v >= e3 ? 1 : 0)
                        : UpperBound(edges, v);
                }

                var key = (hasGroups ? (input.Groups[i] + 1) * slots : 0) + bucket;
                var slot = bank + key;
                rows[slot]++;
                if (bucket != noValue)
                {
                    sums[slot] += v;
                }

                if (hasSecond && ((secondValid >> bit) & 1) != 0)
                {
                    second[slot] += input.Second[i];
                    secondCounts[slot]++;
                }

                if (hasBits)
                {
                    output.KeyBits[(key * output.KeyBitWords) + w] |= 1UL << bit;
                }

                bank ^= keys;
            }
            while (include != 0);
        }

        for (var k = 0; k < keys; k++)
        {
            output.Rows[k] += rows[k] + rows[keys + k];
            output.ValueSums[k] += sums[k] + sums[keys + k];
            if (hasSecond)
            {
                output.SecondSums[k] += second[k] + second[keys + k];
                output.SecondCounts[k] += secondCounts[k] + secondCounts[keys + k];
            }
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
}
