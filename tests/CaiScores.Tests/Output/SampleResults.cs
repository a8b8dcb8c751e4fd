using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Flows;
using CaiScores.Histograms;
using CaiScores.Outcomes;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Tests.Output;

/// <summary>
/// One small, deterministic result of every analysis, computed from the same synthetic table (300 persons × 6 weekly runs,
/// tiers bronze/silver/gold, influential factors, conversions that follow probability). The output tests (JSON, CSV, Arrow,
/// HTML, SVG) share these so that every format is checked on every result type.
/// </summary>
internal static class SampleResults
{
    private static readonly Lazy<ScoreTable> LazyTable = new(CreateTable);
    private static readonly Lazy<OutcomeEvents> LazyOutcomes = new(() => OutcomeEvents.Join(Table, CreateOutcomes(Table)));

    /// <summary>The table every sample result is computed from.</summary>
    public static ScoreTable Table => LazyTable.Value;

    /// <summary>Conversions joined to <see cref="Table"/>: persons convert with their probability in the week after a run.</summary>
    public static OutcomeEvents Outcomes => LazyOutcomes.Value;

    public static DateOnly FirstRun => Table.Runs[0].ScoreDate;

    public static DateOnly LastRun => Table.Runs[^1].ScoreDate;

    public static ScoringSummary Summary() => ScoringSummary.Compute(Table);

    public static ScoreDistribution Distribution() => ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai });

    public static RunSummary Runs() => RunSummary.Compute(Table);

    public static MetricHistogram Histogram() => MetricHistogram.Compute(Table, new MetricHistogramOptions { BucketCount = 4 });

    public static ScoreTrend Trend() => ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run });

    public static ScoreTrend TrendByTier() =>
        ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run, Scheme = null, CohortAttribute = "tier" });

    public static ReasonCodeTable ReasonCodes() => ReasonCodeTable.Compute(Table, new ReasonCodeOptions { Run = LastRun });

    public static TopPercentSelection TopPercent() => CaiScores.Targeting.TopPercent.Select(Table, 20, new TopPercentOptions { Run = LastRun });

    public static Audience Audience() =>
        AudienceExport.Describe(Table, Segment.InBucket(BucketScheme.Cai, "High", LastRun), new AudienceOptions { Name = "High in the last run" });

    public static TransitionMatrix Transitions() => TransitionMatrix.Compute(Table, FirstRun, Table.Runs[1].ScoreDate);

    public static TransitionSeries TransitionSeries() => CaiScores.Transitions.TransitionSeries.Compute(Table);

    public static BucketFlow Flow() => BucketFlow.Compute(Table);

    public static Venn Venn() => CaiScores.Overlaps.Venn.Compute(Table, HighIn(0, 3, 5));

    public static SetIntersections Intersections() => SetIntersections.Compute(Table, HighIn(0, 1, 2, 3, 4, 5));

    public static CohortTable Cohorts() => CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Week });

    public static ModelEvaluation Evaluation() =>
        ModelEvaluation.Compute(Table, Outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 7, Run = Table.Runs[^2].ScoreDate });

    public static PerformanceSummary Performance() =>
        PerformanceSummary.Compute(Table, Outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7 });

    public static SuccessEventsByBucket SuccessEvents() =>
        SuccessEventsByBucket.Compute(Table, Outcomes, new SuccessEventsOptions { OutcomeWindowDays = 7 });

    /// <summary>Every sample result, named, for tests that check one property of all of them.</summary>
    public static IEnumerable<(string Name, object Result)> All()
    {
        yield return ("summary", Summary());
        yield return ("distribution", Distribution());
        yield return ("run-summary", Runs());
        yield return ("histogram", Histogram());
        yield return ("trend", Trend());
        yield return ("trend-by-tier", TrendByTier());
        yield return ("reason-codes", ReasonCodes());
        yield return ("top-percent", TopPercent());
        yield return ("audience", Audience());
        yield return ("transitions", Transitions());
        yield return ("transition-series", TransitionSeries());
        yield return ("flow", Flow());
        yield return ("venn", Venn());
        yield return ("intersections", Intersections());
        yield return ("cohorts", Cohorts());
        yield return ("evaluation", Evaluation());
        yield return ("performance", Performance());
        yield return ("success-events", SuccessEvents());
    }

    /// <summary>The sets "High in run i" for the given run indexes.</summary>
    public static IReadOnlyList<OverlapSet> HighIn(params int[] runs) =>
        [.. runs.Select(r => new OverlapSet($"High {Table.Runs[r].ScoreDate:yyyy-MM-dd}", Segment.InBucket(BucketScheme.Cai, "High", Table.Runs[r].ScoreDate)))];

    private static ScoreTable CreateTable()
    {
        var table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 300, Runs = 6 }))).Single();
        string[] tiers = ["bronze", "bronze", "bronze", "silver", "silver", "gold"];
        return table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = tiers[p % tiers.Length] }));
    }

    private static List<OutcomeRecord> CreateOutcomes(ScoreTable table)
    {
        // A person converts within 7 days after a run with (roughly) the probability CAI gave them in that run.
        var random = new Random(7);
        var outcomes = new List<OutcomeRecord>();
        foreach (var run in table.Runs)
        {
            for (var p = 0; p < table.Persons.Count; p++)
            {
                if (run.GetProbability(p) is { } probability && random.NextDouble() < probability)
                {
                    var day = run.ScoreDate.AddDays(1 + random.Next(6)).ToDateTime(new TimeOnly(12, 0));
                    outcomes.Add(new OutcomeRecord { PersonId = table.Persons[p], Timestamp = new DateTimeOffset(day, TimeSpan.Zero) });
                }
            }
        }

        return outcomes;
    }
}
