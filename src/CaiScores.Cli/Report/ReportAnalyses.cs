using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Flows;
using CaiScores.Histograms;
using CaiScores.Outcomes;
using CaiScores.Output;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Cli.Report;

/// <summary>One analysis of the report: what it is, for readers, and its result drawn as charts.</summary>
/// <param name="Id">A file-name-safe id (<c>distribution</c>); the section anchor and the name of its JSON and CSV files.</param>
/// <param name="Title">The section title.</param>
/// <param name="Explanation">One line for readers: what the analysis shows and how it was computed here.</param>
/// <param name="Finding">The section's lead: one sentence computed from the result (<see cref="ReportFindings"/>).</param>
/// <param name="Result">The library's result.</param>
/// <param name="Figures">The key figures of the result, one line; empty when the finding says them.</param>
/// <param name="Charts">The SVG charts.</param>
/// <param name="Tables">The result as tables (<see cref="ResultTables"/>), for the page and the CSV files.</param>
/// <param name="Json">The result as indented JSON (<see cref="Serialization.CaiJson"/>).</param>
internal sealed record ReportSection(string Id, string Title, string Explanation, string Finding, object Result, string Figures, IReadOnlyList<string> Charts, IReadOnlyList<ResultTable> Tables, string Json);

/// <summary>
/// The one place that lists the report's analyses, in report order, with their titles and explanations: each is computed
/// by the library on the selected runs and segment, and drawn with <see cref="SvgCharts"/>. The CLI adds no analysis logic.
/// </summary>
internal static class ReportAnalyses
{
    public static IReadOnlyList<ReportSection> Compute(ReportInput input, ReportSettings settings, Progress progress)
    {
        var table = input.Table;
        var runs = settings.SelectRuns(table);
        var segment = settings.SegmentOn(table, runs);
        var scheme = settings.Scheme;
        var first = runs[0].ScoreDate;
        var last = runs[^1].ScoreDate;
        var range = new DateRange(first, last.AddDays(1));
        var top = TopBucket(scheme);
        var tier = TierAttribute(table);
        var chart = new ChartOptions { Propensity = Propensity(table) };
        var sections = new List<ReportSection>();

        void Add<T>(string id, string title, string explanation, Func<T> compute, Func<T, IEnumerable<string>> charts, Func<T, IReadOnlyList<ResultTable>> tables, Func<T, string> finding, Func<T, string>? figures = null)
            where T : notnull
        {
            progress.Report("computing " + id);
            var result = compute();
            sections.Add(new ReportSection(id, title, explanation, finding(result), result, figures?.Invoke(result) ?? string.Empty, [.. charts(result)], tables(result), Serialization.CaiJson.Serialize(result, indented: true)));
        }

        Add(
            "summary",
            "Scoring summary",
            $"How many profiles the run of {Day(last)} scored, and how they split into Customer AI's Low (score below 25), Medium (25 to 75) and High (75 or more) propensity.",
            () => ScoringSummary.Compute(table, last, segment),
            _ => [],
            ResultTables.Of,
            ReportFindings.Summary);
        Add(
            "runs",
            "Every run at a glance",
            $"Per selected run: the people scored, those with no score, the {settings.SchemeName} buckets, the mean, least and greatest score, the mean probability and the values outside their range, in one pass (RunSummary).",
            () => RunSummary.Compute(table, new RunSummaryOptions { Scheme = scheme, Range = range, Segment = segment }),
            _ => [],
            ResultTables.Of,
            ReportFindings.Runs);
        Add(
            "distribution",
            "Distribution of scores",
            $"People per score bucket ({settings.SchemeName}: {string.Join(", ", scheme.Buckets.Select(b => b.DisplayName))}) in the run of {Day(last)}.",
            () => ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = scheme, Run = last, Segment = segment }),
            r => [SvgCharts.Distribution(r, chart)],
            ResultTables.Of,
            ReportFindings.Distribution,
            r => F($"{r.Total:N0} people: ") + string.Join(", ", r.Rows.Select(row => F($"{row.Bucket.DisplayName} {row.Count:N0} ({row.Share:P1})"))));
        Add(
            "histogram",
            "Scoring events per person",
            $"How many of the {ReportFindings.Plural(runs.Count, "selected run")} scored each person: persons scored in every run against newcomers and lapsed profiles.",
            () => MetricHistogram.Compute(table, new MetricHistogramOptions { Range = range, Segment = segment, BucketCount = Math.Min(runs.Count, MetricHistogram.MaxBuckets) }),
            r => [SvgCharts.Histogram(r, chart)],
            ResultTables.Of,
            r => ReportFindings.Histogram(r, runs.Count));
        Add(
            "trend",
            "Trend by bucket",
            "People per bucket, run by run (the chart); the table adds each bucket's share of the run and its mean score and probability: is the scored population shifting?",
            () => ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Run, Range = range, Scheme = scheme, Segment = segment }),
            r => [SvgCharts.Trend(r, chart)],
            ResultTables.Of,
            ReportFindings.Trend);
        if (tier is not null)
        {
            Add(
                "trend-by-tier",
                $"Trend by {tier}",
                $"People per value of the attribute '{tier}', run by run (the chart); the table gives each value's mean score and mean probability per run: do higher tiers keep their higher propensity?",
                () => ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Run, Range = range, Scheme = null, CohortAttribute = tier, Segment = segment }),
                r => [SvgCharts.Trend(r, chart)],
                ResultTables.Of,
                r => ReportFindings.TrendByAttribute(r, tier));
        }

        Add(
            "reason-codes",
            "Influential factors",
            $"The most frequent influential factors (reason codes) per bucket in the run of {Day(last)}, with the share of the bucket's profiles that have each.",
            () => ReasonCodeTable.Compute(table, new ReasonCodeOptions { Scheme = scheme, Run = last, Segment = segment, TopN = ReasonCodeOptions.InsightCardsTopN }),
            r => [SvgCharts.ReasonCodes(r, chart)],
            ResultTables.Of,
            ReportFindings.ReasonCodes,
            r => F($"{r.GrandTotal:N0} persons; top factor per bucket: ") + string.Join("; ", r.Rows.Select(b => b.Factors.Count == 0
                ? $"{b.DisplayName}: none"
                : F($"{b.DisplayName}: {b.Factors[0].Label} ({b.Factors[0].CoverageOfBucket:P1} of the bucket)"))));
        Add(
            "top-percent",
            "Top 20 %",
            settings.TopMethod == TargetingMethod.Recomputed
                ? $"The persons to target: the 20 % with the highest scores in the run of {Day(last)}, by the exact quantile of the score (the ⌈20 % × n⌉ highest, and everyone tied with the lowest of them)."
                : $"The persons to target: the top 20 % by Customer AI's supplied percentile in the run of {Day(last)} (percentileScore above 80).",
            () => TopPercent.Select(table, 20, new TopPercentOptions { Run = last, Segment = segment, Method = settings.TopMethod }),
            _ => [],
            ResultTables.Of,
            ReportFindings.Top);
        var topPercent = (TopPercentSelection)sections[^1].Result;
        Add(
            "audience",
            "Audience: the top 20 %",
            $"The top 20 % above as an audience for AEP's Audience Portal (Import audience): its ids are in {ReportFiles.AudienceFolder}/ beside this report, one CSV file per identity namespace; the chart shows how much of each bucket of the run it takes.",
            () => AudienceExport.Describe(table, topPercent.ToSegment(), new AudienceOptions { Name = ReportFiles.AudienceName, Run = last, Scheme = scheme }),
            a => [SvgCharts.Audience(a, chart)],
            ResultTables.Of,
            ReportFindings.Audience);
        if (runs.Count >= 2)
        {
            ReportTransitions.Add(table, runs, scheme, segment, chart, sections, progress);
        }

        Add(
            "flow",
            "Flow across runs",
            "The paths persons take through the buckets from their first selected run on (consecutive repeats collapse into one step), as CJA's Flow visualization.",
            () => BucketFlow.Compute(table, new BucketFlowOptions { Scheme = scheme, Range = range, Segment = segment, Columns = Math.Clamp(runs.Count, 1, BucketFlowOptions.MaxColumns) }),
            r => [SvgCharts.Flow(r, chart)],
            ResultTables.Of,
            ReportFindings.Flow);
        var venn = new[] { runs[0], runs[(runs.Count - 1) / 2], runs[^1] }.Distinct().ToList();
        Add(
            "venn",
            $"{top} in the first, middle and last run",
            venn.Count < 3
                ? $"Persons in the {top} bucket on {string.Join(" and ", venn.Select(r => Day(r.ScoreDate)))} (the selection has fewer than three runs): who stays {top}, who joins, who leaves."
                : $"Persons in the {top} bucket in the first ({Day(first)}), middle ({Day(venn[1].ScoreDate)}, run {(runs.Count + 1) / 2} of {runs.Count}) and last ({Day(last)}) selected runs: who stays {top}, who joins, who leaves.",
            () => Venn.Compute(table, HighIn(scheme, top, venn), new OverlapOptions { Range = range, Base = segment }),
            r => [SvgCharts.Venn(r, chart)],
            ResultTables.Of,
            ReportFindings.Venn);
        var sets = runs.Skip(Math.Max(0, runs.Count - SetIntersections.MaxSets)).ToList();
        Add(
            "intersections",
            $"{top} across runs",
            $"How many persons were {top} in exactly which of the {ReportFindings.Plural(sets.Count, "run")} from {Day(sets[0].ScoreDate)} to {Day(last)} (an UpSet-style view of N sets).",
            () => SetIntersections.Compute(table, HighIn(scheme, top, sets), new OverlapOptions { Range = range, Base = segment }),
            r => [SvgCharts.Intersections(r, chart)],
            ResultTables.Of,
            ReportFindings.Intersections);
        Add(
            "cohorts",
            "Weekly retention cohorts",
            "Each cohort is the persons scored in a week (a person scored in several weeks is in each of those cohorts, as in CJA's cohort table); the cells are the share of the cohort scored again 1, 2, … weeks later.",
            () => CohortTable.Compute(table, new CohortOptions { Granularity = CohortGranularity.Week, Range = range, Inclusion = segment }),
            r => [SvgCharts.Cohorts(r, chart)],
            ResultTables.Of,
            ReportFindings.Cohorts);

        if (input.Outcomes is { } outcomes)
        {
            var window = settings.OutcomeWindowDays;
            var evaluated = EvaluatedRun(runs, outcomes, window);
            Add(
                "evaluation",
                "Model evaluation",
                $"Persons scored on {Day(evaluated)} in ten equal groups by score, and how many of each converted within {window} days: lift per decile, cumulative gains and AUC.",
                () => ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = window, Run = evaluated, Segment = segment }),
                r => [SvgCharts.Lift(r, chart), SvgCharts.Gains(r, chart)],
                ResultTables.Of,
                ReportFindings.Evaluation,
                r => F($"{r.Count:N0} persons scored on {Day(r.Run)}, {r.Positives:N0} converted ({r.OverallRate:P2}); AUC {r.Auc:0.000}; top decile lift {r.Rows.FirstOrDefault()?.Lift:0.00}") + (r.IsComplete ? string.Empty : "; the outcome window has not passed yet"));
            Add(
                "performance",
                "Performance over time",
                $"The actual conversion rate per bucket within {window} days of each run against the expected rate (the bucket's mean probability).",
                () => PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = window, Scheme = scheme, Range = range, Segment = segment }),
                r => [SvgCharts.Performance(r, chart)],
                ResultTables.Of,
                ReportFindings.Performance,
                r => F($"{ReportFindings.Plural(r.Runs.Count, "run")}; over every run with actual rates, per bucket: ") + string.Join(", ", r.Rows.Where(x => x.Events is not null).GroupBy(x => x.Bucket).Select(g =>
                    F($"{g.Key.DisplayName} expected {Rate(g.Sum(x => x.ExpectedRate * x.Profiles), g.Sum(x => x.Profiles)):P1}, actual {Rate(g.Sum(x => x.Events), g.Sum(x => x.Profiles)):P1}"))));
            Add(
                "success-events",
                "Success events by bucket",
                $"Conversions and their value per bucket within {window} days of the run of {Day(evaluated)}.",
                () => SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { Run = evaluated, Scheme = scheme, OutcomeWindowDays = window, Segment = segment }),
                r => [SvgCharts.SuccessEvents(r, chart)],
                ResultTables.Of,
                ReportFindings.SuccessEvents,
                r => F($"{r.People:N0} people: ") + string.Join(", ", r.Rows.Select(x => F($"{x.Bucket.DisplayName} {x.Events:N0} events, conversion {x.ConversionRate:P1}, value {x.Value:N2}"))));
        }

        return sections;
    }

    /// <summary>The latest selected run whose outcome window has passed by the latest outcome; else the first selected run.</summary>
    private static DateOnly EvaluatedRun(IReadOnlyList<ScoreRun> runs, OutcomeEvents outcomes, int window)
    {
        var latest = outcomes.Latest is { } l ? DateOnly.FromDateTime(l.UtcDateTime) : DateOnly.MinValue;
        return runs.LastOrDefault(r => r.ScoreDate.AddDays(window) <= latest)?.ScoreDate ?? runs[0].ScoreDate;
    }

    private static List<OverlapSet> HighIn(BucketScheme scheme, string top, IEnumerable<ScoreRun> runs) =>
        [.. runs.Select(r => new OverlapSet($"{top} {Day(r.ScoreDate)}", Segment.InBucket(scheme, top, r.ScoreDate)))];

    /// <summary>The top bucket's name: its alias (High for CAI's scheme) or label.</summary>
    private static string TopBucket(BucketScheme scheme) => scheme.Buckets[^1].Alias ?? scheme.Buckets[^1].Label;

    /// <summary>An attribute named <c>tier</c> (any case), else the first whose name contains "tier"; null when none.</summary>
    private static string? TierAttribute(ScoreTable table) =>
        table.Attributes.FirstOrDefault(a => a.Name.Equals("tier", StringComparison.OrdinalIgnoreCase))?.Name
        ?? table.Attributes.FirstOrDefault(a => a.Name.Contains("tier", StringComparison.OrdinalIgnoreCase))?.Name;

    private static Models.PropensityKind Propensity(ScoreTable table) =>
        string.Equals(table.ModelType, "churn", StringComparison.OrdinalIgnoreCase) ? Models.PropensityKind.Churn : Models.PropensityKind.Conversion;

    private static double? Rate(double? numerator, long denominator) => denominator == 0 ? null : numerator / denominator;

    private static string F(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
