using System.Globalization;

namespace CaiScores.Histograms;

/// <summary>The buckets of a histogram: <c>count</c> buckets of <c>size</c> integers from <c>start</c>, then the overflow bucket.</summary>
internal readonly record struct HistogramLayout(long Start, int Count, long Size)
{
    /// <summary>The first integer of the overflow bucket, <c>start + count·size</c>.</summary>
    public long End => Start + (Count * Size);

    /// <summary>Adds a message per invalid setting to <paramref name="errors"/>, naming each by its parameter or property.</summary>
    /// <returns>The name of the first invalid setting, or null when all are valid.</returns>
    public static string? Check(long start, int count, long size, string startName, string countName, string sizeName, List<string> errors)
    {
        string? first = null;
        if (start < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{startName} is {start}; it is at least 0 (CJA's histogram starts at 0 or above)"));
            first ??= startName;
        }

        if (count is < 1 or > MetricHistogram.MaxBuckets)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{countName} is {count}; it is 1 to {MetricHistogram.MaxBuckets}"));
            first ??= countName;
        }

        if (size < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{sizeName} is {size}; it is at least 1"));
            first ??= sizeName;
        }

        if (start >= 0 && count is >= 1 and <= MetricHistogram.MaxBuckets && size >= 1 && (Int128)start + ((Int128)count * size) > long.MaxValue)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{startName} + {countName} × {sizeName} = {(Int128)start + ((Int128)count * size)} is beyond the largest 64-bit integer"));
            first ??= sizeName;
        }

        return first;
    }

    /// <summary>The rows of these counts: <c>Count</c> buckets, then the overflow bucket.</summary>
    public HistogramRow[] Rows(ReadOnlySpan<long> bucketCounts, long overflow)
    {
        var rows = new HistogramRow[Count + 1];
        for (var k = 0; k < Count; k++)
        {
            var lo = Start + (k * Size);
            var hi = lo + Size - 1;
            var label = Size == 1 ? lo.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{lo}-{hi}");
            rows[k] = new HistogramRow(label, lo, hi, bucketCounts[k]);
        }

        rows[Count] = new HistogramRow(string.Create(CultureInfo.InvariantCulture, $"{End}+"), End, null, overflow);
        return rows;
    }
}
