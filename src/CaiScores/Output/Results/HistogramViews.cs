using CaiScores.Histograms;

namespace CaiScores.Output;

/// <summary>How a metric histogram is shown.</summary>
internal static class HistogramViews
{
    /// <summary>The histogram: a row per bucket and the totals, drawn as bars.</summary>
    public static readonly ResultView<MetricHistogram> Histogram = new(Tables, h => [SvgCharts.Histogram(h)]);

    private static IReadOnlyList<ResultTable> Tables(MetricHistogram histogram)
    {
        var title = histogram.Metric is { } metric ? $"Histogram of {TableBuilder<object>.EnumName(metric)}" : "Histogram";
        MetricHistogram[] one = [histogram];
        return
        [
            new TableBuilder<HistogramRow>("histogram", title, histogram.Rows)
                .String("label", r => r.Label, "The bucket's label, e.g. 1-2 or 9+")
                .Int64("lo", r => r.Lo, "The bucket's lowest value (inclusive)")
                .Int64("hi", r => r.Hi, "The bucket's highest value (inclusive); null for the overflow bucket")
                .Boolean("isOverflow", r => r.IsOverflow, "Whether this is the last, open bucket")
                .Int64("count", r => r.Count, "Entities (persons or events) in the bucket")
                .Build(),
            new TableBuilder<MetricHistogram>("histogram-totals", title + " totals", one)
                .NullableEnum("metric", h => h.Metric, "What was counted per entity; null for a histogram of given values")
                .NullableEnum("countingMethod", h => h.CountingMethod, "person or event; null for given values")
                .Int64("startingBucket", h => h.StartingBucket, "The first bucket's lowest value")
                .Int64("bucketCount", h => h.BucketCount, "Buckets before the overflow bucket")
                .Int64("bucketSize", h => h.BucketSize, "Values per bucket")
                .Int64("entityCount", h => h.EntityCount, "Entities counted")
                .Int64("belowStartCount", h => h.BelowStartCount, "Entities below the first bucket")
                .Int64("noValueCount", h => h.NoValueCount, "Entities without a value")
                .Int64("nanCount", h => h.NaNCount, "Entities with a NaN value")
                .Build(),
        ];
    }
}
