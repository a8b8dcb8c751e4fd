using System.Globalization;
using CaiScores.Audiences;
using CaiScores.Cohorts;
using CaiScores.Distributions;
using CaiScores.Flows;
using CaiScores.Histograms;
using CaiScores.Outcomes;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Targeting;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Cli.Report;

/// <summary>
/// The one-sentence finding that leads each section, computed from the section's result (never typed by hand): what a
/// reader should take away, with the numbers that say it.
/// </summary>
internal static class ReportFindings
{
    public static string Summary(ScoringSummary s) => s.TotalProfiles == 0
        ? F($"The run of {s.Run:yyyy-MM-dd} scored no one.")
        : F($"Of the {s.TotalProfiles:N0} profiles scored on {s.Run:yyyy-MM-dd}, ") + string.Join(", ", s.Buckets.Reverse().Select(b => F($"{b.Share:P1} are {b.Bucket.DisplayName}"))) + ".";

    /// <summary>
    /// What the reader must know before trusting the numbers: runs with 10 % or more fewer records than the run before (a
    /// partial export or a failed scoring run), and out-of-range values kept in the means.
    /// </summary>
    public static IEnumerable<string> InputWarnings(Ingest.IngestDiagnostics ingest, Ingest.OutOfRangePolicy policy)
    {
        foreach (var run in ingest.RunsWithRecordDrop(0.1))
        {
            yield return F($"the run of {run.Run:yyyy-MM-dd} has {run.RecordDropFromPrevious:P0} fewer records ({run.Records:N0}) than the run before it: a partial export or a failed scoring run?");
        }

        if (ingest.OutOfRange.Total > 0 && policy == Ingest.OutOfRangePolicy.Keep)
        {
            yield return F($"{ingest.OutOfRange.Total:N0} value(s) out of range (score outside 0–100, probability outside 0–1, percentile outside 1–100) are kept as read and count in every mean; read with --out-of-range clamp or exclude to leave them out.");
        }
    }

    /// <summary>The run summary's lead: persons and mean score from the first selected run to the last.</summary>
    public static string Runs(RunSummary r)
    {
        if (r.Rows.Count == 0)
        {
            return "No run was selected.";
        }

        var (first, last) = (r.Rows[0], r.Rows[^1]);
        var outOfRange = r.Rows.Sum(x => x.ScoreOutOfRange);
        return (r.Rows.Count == 1
            ? F($"The run of {last.Run:yyyy-MM-dd} scored {last.Persons:N0} people, mean score {NumberText.Format(last.MeanScore, "0.0")}")
            : F($"From {first.Run:yyyy-MM-dd} to {last.Run:yyyy-MM-dd} the people scored went from {first.Persons:N0} to {last.Persons:N0}, and the mean score from {NumberText.Format(first.MeanScore, "0.0")} to {NumberText.Format(last.MeanScore, "0.0")}"))
            + (outOfRange > 0 ? F($"; {outOfRange:N0} score(s) outside 0–100 count in these means.") : ".");
    }

    public static string Distribution(ScoreDistribution d)
    {
        if (d.Total == 0)
        {
            return "No one was scored in this run.";
        }

        var largest = d.Rows.MaxBy(r => r.Count)!;
        return F($"The largest bucket is {largest.Bucket.DisplayName} with {largest.Share:P1} of the {d.Total:N0} people; the mean score is {NumberText.Format(d.Statistics.Mean, "0.0")}.");
    }

    public static string Histogram(MetricHistogram h, int runs)
    {
        var every = h.Rows.Where(r => r.Lo == runs && !r.IsOverflow).Sum(r => r.Count);
        return h.EntityCount == 0
            ? "No one was scored."
            : F($"{every:N0} of {h.EntityCount:N0} persons ({Share(every, h.EntityCount):P1}) were scored in all {Plural(runs, "run")}; the rest missed at least one.");
    }

    /// <summary>How the share of the top and bottom series changed from the first to the last period.</summary>
    public static string Trend(ScoreTrend t)
    {
        if (t.Periods.Count < 2 || t.Series.Count == 0)
        {
            return t.Periods.Count == 1 ? "One run only: no trend to read yet." : "No data in the selected runs.";
        }

        var last = t.Periods.Count - 1;
        string Move(TrendSeries s)
        {
            var (a, b) = (t[0, s.Index].ShareOfPeriod, t[last, s.Index].ShareOfPeriod);
            var verb = Math.Abs(b - a) < 0.0005 ? "held at" : b > a ? "grew from" : "fell from";
            return verb == "held at" ? F($"{s.Label} held at {a:P1}") : F($"{s.Label} {verb} {a:P1} to {b:P1}");
        }

        var shown = t.Series.Where(s => !s.IsNoValue).ToList();
        var parts = shown.Count <= 2 ? shown : [shown[^1], shown[0]];
        return string.Join(" and ", parts.Select(Move)) + F($" of people between the first run ({t.Periods[0].Label}) and the last ({t.Periods[last].Label}).");
    }

    /// <summary>For a trend by attribute: who has the highest and lowest mean score in the last run.</summary>
    public static string TrendByAttribute(ScoreTrend t, string attribute)
    {
        var last = t.Periods.Count - 1;
        var means = t.Series.Where(s => !s.IsNoValue).Select(s => (s.Label, Row: t[last, s.Index])).Where(x => x.Row.MeanScore is not null).OrderByDescending(x => x.Row.MeanScore).ToList();
        if (last < 0 || means.Count == 0)
        {
            return "No data in the selected runs.";
        }

        var (top, bottom) = (means[0], means[^1]);
        return F($"In the last run ({t.Periods[last].Label}), {attribute} {top.Label} has the highest mean score ({NumberText.Format(top.Row.MeanScore, "0.0")}, mean probability {top.Row.MeanProbability:P1}) and {bottom.Label} the lowest ({NumberText.Format(bottom.Row.MeanScore, "0.0")}, {bottom.Row.MeanProbability:P1}).");
    }

    /// <summary>The factor whose coverage differs most between the top and the bottom bucket.</summary>
    public static string ReasonCodes(ReasonCodeTable r)
    {
        var buckets = r.Rows.Where(b => b.People > 0).ToList();
        if (buckets.Count < 2)
        {
            return buckets.Count == 1 && buckets[0].Factors.Count > 0
                ? F($"The most frequent factor is {buckets[0].Factors[0].Label} ({buckets[0].Factors[0].CoverageOfBucket:P1} of {buckets[0].DisplayName}).")
                : "Too few buckets with people to compare factors.";
        }

        var (high, low) = (buckets[^1], buckets[0]);
        double Coverage(ReasonCodeBucket b, string? code) => b.Factors.FirstOrDefault(f => f.Code == code)?.CoverageOfBucket ?? 0;
        var codes = high.Factors.Concat(low.Factors).Select(f => f.Code).Distinct().ToList();
        if (codes.Count == 0)
        {
            return "No influential factors in this run.";
        }

        var most = codes.MaxBy(c => Math.Abs(Coverage(high, c) - Coverage(low, c)));
        var label = high.Factors.Concat(low.Factors).First(f => f.Code == most).Label;
        return F($"{label} is the factor that most separates {high.DisplayName} from {low.DisplayName}: {Coverage(high, most):P1} of {high.DisplayName} against {Coverage(low, most):P1} of {low.DisplayName} (among each bucket's top factors).");
    }

    public static string Top(TopPercentSelection s) => s.Threshold is { } threshold
        ? F($"{s.Count:N0} of {s.WithValue:N0} persons ({s.Share:P1}) are in the top {s.Percent:0.##} %: {s.Rule}, {Method(s.Method)}{(s.TiedAtThreshold > 1 ? F($"; {s.TiedAtThreshold:N0} are tied at the threshold {NumberText.Format(threshold, "0.##")}") : string.Empty)}.")
        : "No one with a value to rank.";

    public static string Audience(Audience a)
    {
        if (a.Count == 0)
        {
            return "No one to export: the top 20 % is empty.";
        }

        var unknown = a.Namespaces.FirstOrDefault(n => n.Namespace is null);
        var files = unknown is not null
            ? F($"no file is written: the table does not know the identity namespace of {unknown.Persons:N0} of them (an Arrow table saved without it)")
            : "written to " + string.Join(" and ", a.Namespaces.Select(n => F($"{ReportFiles.AudienceFolder}/{ReportFiles.AudienceName}.{n.Namespace}.csv ({n.Persons:N0} {(n.Persons == 1 ? "id" : "ids")})")));
        return F($"{a.Count:N0} {(a.Count == 1 ? "person" : "persons")}, {files}.");
    }

    public static string Method(TargetingMethod method) => method switch
    {
        TargetingMethod.Recomputed => "exact: the ⌈p % × n⌉ highest scores and their ties (--top-method exact)",
        TargetingMethod.SuppliedPercentile => "Customer AI's supplied percentileScore (--top-method percentile)",
        _ => method.ToString(),
    };

    public static string Transitions(TransitionMatrix m) =>
        F($"Between {m.From:yyyy-MM-dd} and {m.To:yyyy-MM-dd}, {m.MovedUp:N0} persons moved up a bucket or more, {m.MovedDown:N0} moved down and {m.Stayed:N0} stayed; {m.Entries:N0} entered and {m.Exits:N0} left.");

    public static string Flow(BucketFlow f)
    {
        var first = f.Nodes.Where(n => n.Column == 1 && n.Kind != FlowNodeKind.Exit).MaxBy(n => n.Count);
        return first is null
            ? "No one entered the flow."
            : F($"{f.AnchorCount:N0} persons enter the flow; {first.PctOfAnchor:P1} of them start in {f.Scheme.Buckets.FirstOrDefault(b => b.Label == first.Label)?.DisplayName ?? first.Label}.");
    }

    public static string Venn(Venn v)
    {
        var all = v.Regions.Where(r => r.Degree == v.Sets.Count).Sum(r => r.Count);
        var firstOnly = v.Regions.Where(r => r.Degree == 1 && r.Names[0] == v.Sets[0].Names[0]).Sum(r => r.Count);
        var lastOnly = v.Sets.Count < 2 ? 0 : v.Regions.Where(r => r.Degree == 1 && r.Names[0] == v.Sets[^1].Names[0]).Sum(r => r.Count);
        return v.Sets.Count < 2
            ? F($"{v.Sets[0].Count:N0} persons are in the only run selected.")
            : F($"{all:N0} persons are in all {Plural(v.Sets.Count, "set")}; {firstOnly:N0} only in {v.Sets[0].Names[0]} (they left) and {lastOnly:N0} only in {v.Sets[^1].Names[0]} (they joined).");
    }

    public static string Intersections(SetIntersections x)
    {
        var all = x.Regions.Where(r => r.Degree == x.Sets.Count).Sum(r => r.Count);
        var largest = x.Regions.MaxBy(r => r.Count);
        return largest is null
            ? "No one is in any set."
            : F($"{all:N0} persons are in all {Plural(x.Sets.Count, "set")}; the largest group, {largest.Count:N0} persons, is ") + (largest.Degree == x.Sets.Count
                ? "those in every set."
                : largest.Degree == 1 ? F($"those only in {largest.Names[0]}.") : F($"in exactly {largest.Degree} of the {x.Sets.Count} sets ({largest.Label})."));
    }

    public static string Cohorts(CohortTable c)
    {
        var unit = c.Options.Granularity.ToString().ToLowerInvariant();
        var first = c.Average.FirstOrDefault(a => a.Offset == 1);
        var last = c.Average.Where(a => a.Share is not null).MaxBy(a => a.Offset);
        return first?.Share is not { } one || last?.Share is not { } end
            ? F($"One {unit} only: no retention to read yet.")
            : F($"On average {one:P1} of a cohort is scored again one {unit} later and {end:P1} {Plural(last.Offset, unit)} later.");
    }

    public static string Evaluation(ModelEvaluation e) => e.Rows.FirstOrDefault()?.Lift is { } lift
        ? F($"The top tenth by score converts at {lift:0.0}× the average rate ({e.Rows[0].Rate:P1} against {e.OverallRate:P1}); AUC {e.Auc:0.000} (0.5 is random, 1 perfect).")
        : "No conversions to evaluate the model against.";

    public static string Performance(PerformanceSummary p)
    {
        var passed = p.Runs.Where(r => r.ActualRate is not null).ToList();
        return passed.Count == 0
            ? "No run's outcome window has passed yet: only expected rates."
            : F($"Over {Plural(passed.Count, "run")} with actual rates, the actual conversion rate was {Rate(passed.Sum(r => r.Events), passed.Sum(r => r.Profiles)):P1} against an expected {Rate(passed.Sum(r => r.ExpectedRate * r.Profiles), passed.Sum(r => r.Profiles)):P1}.");
    }

    public static string SuccessEvents(SuccessEventsByBucket s)
    {
        var rows = s.Rows.Where(r => r.People > 0).ToList();
        return rows.Count < 2
            ? F($"{s.People:N0} people; too few buckets to compare.")
            : F($"{rows[^1].Bucket.DisplayName} converts at {rows[^1].ConversionRate:P1} against {rows[0].ConversionRate:P1} in {rows[0].Bucket.DisplayName}.");
    }

    /// <summary><c>1 run</c>, <c>2 runs</c>: a count and its noun, plural when it is not one.</summary>
    public static string Plural(long count, string noun) => F($"{count:N0} {noun}{(count == 1 ? string.Empty : "s")}");

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;

    private static double? Rate(double? numerator, long denominator) => denominator == 0 ? null : numerator / denominator;

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
