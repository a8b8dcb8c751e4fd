using CaiScores.Bucketing;
using CaiScores.Distributions;

namespace CaiScores.Output;

/// <summary>How the distribution results are shown: the scoring summary (a table, no chart), the bucket distribution and the run summary.</summary>
internal static class DistributionViews
{
    /// <summary>The scoring summary: one row, no chart.</summary>
    public static readonly ResultView<ScoringSummary> Summary = new(Tables);

    /// <summary>The distribution: a row per bucket and the totals, drawn as bars.</summary>
    public static readonly ResultView<ScoreDistribution> Distribution = new(Tables, d => [SvgCharts.Distribution(d)]);

    /// <summary>The run summary: a row per run, then a row per run and bucket; no chart.</summary>
    public static readonly ResultView<RunSummary> Runs = new(Tables);

    private static IReadOnlyList<ResultTable> Tables(RunSummary summary)
    {
        var buckets = summary.Rows.SelectMany(r => r.Buckets.Select((count, b) => (Row: r, Bucket: summary.Scheme.Buckets[b], Count: count))).ToList();
        return
        [
            new TableBuilder<RunSummaryRow>("run-summary", "Run summary", summary.Rows)
                .Date("run", r => r.Run, "The run's score date")
                .String("modelType", r => r.ModelType, "The run's model type (null when unknown)")
                .Int64("persons", r => r.Persons, "Persons scored in the run, with or without a score")
                .Int64("withScore", r => r.WithScore, "Of them, with a score (not null, not NaN)")
                .Int64("noValue", r => r.NoValue, "Of them, with a null score")
                .Int64("nanCount", r => r.NaNCount, "Of them, with a NaN score")
                .Double("meanScore", r => r.MeanScore, "Mean score; null without scores")
                .Double("minScore", r => r.MinScore, "Least score; null without scores")
                .Double("maxScore", r => r.MaxScore, "Greatest score; null without scores")
                .Int64("probabilityCount", r => r.ProbabilityCount, "Persons with a probability (not null, not NaN)")
                .Double("meanProbability", r => r.MeanProbability, "Mean probability; null without probabilities")
                .Int64("scoreOutOfRange", r => r.ScoreOutOfRange, "Scores outside [0, 100], infinities and NaN included")
                .Int64("probabilityOutOfRange", r => r.ProbabilityOutOfRange, "Probabilities outside [0, 1], infinities and NaN included")
                .Int64("percentileOutOfRange", r => r.PercentileOutOfRange, "Percentile scores outside [1, 100]")
                .Build(),
            new TableBuilder<(RunSummaryRow Row, Bucket Bucket, long Count)>("run-summary-buckets", $"Run summary, {summary.Scheme.Name ?? "custom"} buckets", buckets)
                .Date("run", x => x.Row.Run, "The run's score date")
                .Int64("bucketIndex", x => x.Bucket.Index, TableText.BucketIndex)
                .Bucket(x => x.Bucket)
                .Int64("count", x => x.Count, "Persons of the run whose value falls in the bucket")
                .Share("share", x => x.Row.Persons == 0 ? 0 : (double)x.Count / x.Row.Persons, "count over the run's persons")
                .Build(),
        ];
    }

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
