using CaiScores.Distributions;

namespace CaiScores.Output;

/// <summary>How the distribution results are shown: the scoring summary (a table, no chart) and the bucket distribution.</summary>
internal static class DistributionViews
{
    /// <summary>The scoring summary: one row, no chart.</summary>
    public static readonly ResultView<ScoringSummary> Summary = new(Tables);

    /// <summary>The distribution: a row per bucket and the totals, drawn as bars.</summary>
    public static readonly ResultView<ScoreDistribution> Distribution = new(Tables, d => [SvgCharts.Distribution(d)]);

    private static IReadOnlyList<ResultTable> Tables(ScoringSummary summary)
    {
        ScoringSummary[] row = [summary];
        return
        [
            new TableBuilder<ScoringSummary>("summary", $"Scoring summary, {TableText.Day(summary.Run)}", row)
                .Date("run", s => s.Run, "The run's score date")
                .String("modelType", s => s.ModelType, "The run's model type (null when unknown)")
                .Int64("totalProfiles", s => s.TotalProfiles, "Persons scored in the run, with or without a score")
                .Int64("low", s => s.Low.Count, "Persons with a Low score (less than 25)")
                .Share("lowShare", s => s.Low.Share, "low over totalProfiles")
                .Int64("medium", s => s.Medium.Count, "Persons with a Medium score (25 to 75)")
                .Share("mediumShare", s => s.Medium.Share, "medium over totalProfiles")
                .Int64("high", s => s.High.Count, "Persons with a High score (75 or more)")
                .Share("highShare", s => s.High.Share, "high over totalProfiles")
                .Int64("noValueCount", s => s.NoValueCount, "Persons scored without a score")
                .Int64("nanCount", s => s.NaNCount, "Persons whose score is NaN")
                .Build(),
        ];
    }

    private static IReadOnlyList<ResultTable> Tables(ScoreDistribution distribution)
    {
        var runs = TableText.Runs(distribution.Runs);
        ScoreDistribution[] one = [distribution];
        return
        [
            new TableBuilder<DistributionRow>("distribution", $"{distribution.Scheme.Name ?? "Score"} distribution, {runs}", distribution.Rows)
                .Int64("bucketIndex", r => r.Bucket.Index, TableText.BucketIndex)
                .Bucket(r => r.Bucket)
                .Boolean("isNoValue", r => r.IsNoValue, "Whether the row gathers the persons without a value")
                .Int64("count", r => r.Count, "Persons (metric people) or score rows (metric events) in the bucket")
                .Share("share", r => r.Share, "count over total")
                .Build(),
            new TableBuilder<ScoreDistribution>("distribution-totals", $"{distribution.Scheme.Name ?? "Score"} distribution totals, {runs}", one)
                .Date("firstRun", d => d.Runs.Count > 0 ? d.Runs[0] : null, "The first run counted")
                .Date("lastRun", d => d.Runs.Count > 0 ? d.Runs[^1] : null, "The last run counted")
                .Int64("runs", d => d.Runs.Count, "Runs counted")
                .Enum("field", d => d.Scheme.Field, "The score field bucketed")
                .Enum("metric", d => d.Metric, "people (distinct persons) or events (score rows)")
                .Int64("total", d => d.Total, "Persons or rows counted, with or without a value")
                .Int64("noValue", d => d.NoValue, "Of the total, without a value")
                .Int64("nanCount", d => d.NaNCount, "Of the total, with a NaN value")
                .Int64("valueCount", d => d.Statistics.Count, "Score rows with a value (one per person and run), whose statistics follow")
                .Double("mean", d => d.Statistics.Mean, "Mean of the values; null without values")
                .Double("min", d => d.Statistics.Min, "Least value; null without values")
                .Double("max", d => d.Statistics.Max, "Greatest value; null without values")
                .Build(),
        ];
    }
}
