using System.Globalization;
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

namespace CaiScores.Output;

/// <summary>
/// Every analysis result as flat tables, for CSV, Arrow, HTML, a data frame or a spreadsheet, without glue code: one
/// <see cref="Of(ScoreDistribution)"/> overload per result type, returning the result's main table first and then one table
/// per other part (nodes and links, regions and sets, deciles and a one-row summary, …).
/// </summary>
/// <remarks>
/// <para>Conventions: column names are camelCase, the names the values have as JSON properties; matrices are in long format
/// (one row per cell); buckets are in numeric order; labels are exactly as the result has them; shares and rates are
/// fractions from 0 to 1 (<see cref="ResultColumn.IsShare"/>); enums are their camelCase names (<c>people</c>,
/// <c>noValue</c>); a missing value is a null cell, never a sentinel. docs/output-formats.md lists every table.</para>
/// <para>The tables are copies: computing them costs one pass over the result's rows.</para>
/// </remarks>
public static class ResultTables
{
    private const string BucketIndexDescription = "The bucket's position, 0 for the lowest";

    /// <summary>The scoring summary as one row: run, model type, profiles, and count and share of Low, Medium and High.</summary>
    /// <param name="summary">The result.</param>
    /// <returns>One table, <c>summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoringSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
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

    /// <summary>The distribution: one row per bucket (and "No value" when shown), then the totals.</summary>
    /// <param name="distribution">The result.</param>
    /// <returns><c>distribution</c> (bucket, count, share) and <c>distribution-totals</c> (one row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoreDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var runs = TableText.Runs(distribution.Runs);
        ScoreDistribution[] one = [distribution];
        return
        [
            new TableBuilder<DistributionRow>("distribution", $"{distribution.Scheme.Name ?? "Score"} distribution, {runs}", distribution.Rows)
                .Int64("bucketIndex", r => r.Bucket.Index, BucketIndexDescription)
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

    /// <summary>The histogram: one row per bucket (the overflow bucket last), then the totals.</summary>
    /// <param name="histogram">The result.</param>
    /// <returns><c>histogram</c> and <c>histogram-totals</c> (one row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(MetricHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
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

    /// <summary>The trend: one row per period × series, then the periods and the series.</summary>
    /// <param name="trend">The result.</param>
    /// <returns><c>trend</c> (long format, with a <c>scoreP…</c> and <c>probabilityP…</c> column per requested percentile), <c>trend-periods</c> and <c>trend-series</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trend"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoreTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var title = $"Score trend by {TableBuilder<object>.EnumName(trend.Options.Granularity)}";
        var series = trend.Series;
        var cells = Enumerable.Range(0, trend.Rows.Count).Select(i => (Row: trend.Rows[i], Series: series[i % series.Count])).ToList();
        var main = new TableBuilder<(TrendRow Row, TrendSeries Series)>("trend", title, cells)
            .Date("period", c => c.Row.Period, "The period's first day")
            .String("periodLabel", c => c.Row.PeriodLabel, "The period's label")
            .String("series", c => c.Row.Series, "The series' label")
            .String("cohort", c => c.Series.Cohort, "The series' cohort value; null without cohorts or for no value")
            .String("bucket", c => c.Series.Bucket?.DisplayName, "The series' bucket; null without a scheme or for no value")
            .Boolean("isNoValue", c => c.Series.IsNoValue, "Whether the series gathers rows without a score or cohort value")
            .Int64("people", c => c.Row.People, "Distinct persons of the series in the period")
            .Int64("events", c => c.Row.Events, "Score rows (person × run) of the series in the period")
            .Share("shareOfPeriod", c => c.Row.ShareOfPeriod, "people over the period's distinct persons (the 100 % stacked value)")
            .Double("meanScore", c => c.Row.MeanScore, "Mean score; null when no row has one")
            .Double("meanProbability", c => c.Row.MeanProbability, "Mean probability; null when no row has one");
        var percentiles = trend.Options.Percentiles;
        for (var p = 0; p < percentiles.Count; p++)
        {
            var index = p;
            var suffix = percentiles[p].ToString("R", CultureInfo.InvariantCulture).Replace('.', '_');
            main.Double("scoreP" + suffix, c => index < c.Row.ScorePercentiles.Count ? c.Row.ScorePercentiles[index] : null, $"The {percentiles[p].ToString("R", CultureInfo.InvariantCulture)}th percentile of the scores (nearest rank); null without scores");
            main.Double("probabilityP" + suffix, c => index < c.Row.ProbabilityPercentiles.Count ? c.Row.ProbabilityPercentiles[index] : null, $"The {percentiles[p].ToString("R", CultureInfo.InvariantCulture)}th percentile of the probabilities; null without probabilities");
        }

        return
        [
            main.Build(),
            new TableBuilder<TrendPeriod>("trend-periods", title + ": periods", trend.Periods)
                .Int64("index", p => p.Index, "The period's position, 0 for the earliest")
                .Date("start", p => p.Start, "The first day")
                .Date("end", p => p.End, "The day after the last")
                .String("label", p => p.Label, "The period's label")
                .Int64("runs", p => p.Runs.Count, "Runs in the period")
                .Date("firstRun", p => p.Runs.Count > 0 ? p.Runs[0] : null, "The first run in the period; null when none")
                .Date("lastRun", p => p.Runs.Count > 0 ? p.Runs[^1] : null, "The last run in the period; null when none")
                .Int64("people", p => p.People, "Distinct persons in a shown series in the period")
                .Int64("events", p => p.Events, "Score rows in shown series in the period")
                .Build(),
            new TableBuilder<TrendSeries>("trend-series", title + ": series", series)
                .Int64("index", s => s.Index, "The series' position in the legend")
                .String("label", s => s.Label, "The legend label")
                .String("cohort", s => s.Cohort, "The cohort value; null without cohorts or for no value")
                .Bucket(s => s.Bucket)
                .Boolean("isNoValue", s => s.IsNoValue, "Whether the series gathers rows without a score or cohort value")
                .Build(),
        ];
    }

    /// <summary>The reason codes: one row per bucket × top factor, then the buckets, then the factors' values.</summary>
    /// <param name="reasonCodes">The result.</param>
    /// <returns><c>reason-codes</c> (bucket × factor), <c>reason-code-buckets</c> and <c>reason-code-values</c> (bucket × factor × value).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reasonCodes"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ReasonCodeTable reasonCodes)
    {
        ArgumentNullException.ThrowIfNull(reasonCodes);
        var title = $"Influential factors by bucket, {TableText.Runs(reasonCodes.Runs)}";
        var factors = reasonCodes.Rows.SelectMany(b => b.Factors.Select((f, i) => (Bucket: b, Rank: i + 1, Factor: f))).ToList();
        var values = factors.SelectMany(f => f.Factor.Values.Select(v => (f.Bucket, f.Factor, Value: v))).ToList();
        return
        [
            new TableBuilder<(ReasonCodeBucket Bucket, int Rank, ReasonCodeFactor Factor)>("reason-codes", title, factors)
                .String("bucket", f => f.Bucket.DisplayName, "The bucket's short name (its alias), else its label")
                .Int64("bucketIndex", f => f.Bucket.Bucket.Index, BucketIndexDescription)
                .Int64("rank", f => f.Rank, "The factor's rank in the bucket, 1 for the most people")
                .String("code", f => f.Factor.Code, "The factor code; null for factors without one")
                .String("label", f => f.Factor.Label, "The code, or No value")
                .Int64("people", f => f.Factor.People, "Persons of the bucket with this code")
                .Share("shareOfTableTotal", f => f.Factor.ShareOfTableTotal, "people over the bucket's tableTotal (CJA's percentage)")
                .Share("coverageOfBucket", f => f.Factor.CoverageOfBucket, "people over the bucket's people (the CAI card's coverage)")
                .Int64("importanceLow", f => f.Factor.ImportanceCounts.Low, "Persons with this code at importance low")
                .Int64("importanceMedium", f => f.Factor.ImportanceCounts.Medium, "Persons with this code at importance medium")
                .Int64("importanceHigh", f => f.Factor.ImportanceCounts.High, "Persons with this code at importance high")
                .Int64("importanceUnspecified", f => f.Factor.ImportanceCounts.Unspecified, "Persons with this code without a known importance")
                .Build(),
            new TableBuilder<ReasonCodeBucket>("reason-code-buckets", title + ": buckets", reasonCodes.Rows)
                .Int64("bucketIndex", b => b.Bucket.Index, BucketIndexDescription)
                .Bucket(b => b.Bucket)
                .Int64("people", b => b.People, "Persons with a value in the bucket")
                .Share("shareOfGrandTotal", b => b.ShareOfGrandTotal, "people over the grand total (CJA's % of Grand Total)")
                .Int64("tableTotal", b => b.TableTotal, "Persons of the bucket with at least one factor counted")
                .Int64("otherCodes", b => b.OtherCodes, "Codes in the bucket beyond the top factors")
                .Build(),
            new TableBuilder<(ReasonCodeBucket Bucket, ReasonCodeFactor Factor, FactorValueCount Value)>("reason-code-values", title + ": factor values", values)
                .String("bucket", v => v.Bucket.DisplayName, "The bucket's short name (its alias), else its label")
                .Int64("bucketIndex", v => v.Bucket.Bucket.Index, BucketIndexDescription)
                .String("code", v => v.Factor.Code, "The factor code; null for factors without one")
                .String("value", v => v.Value.Value, "The factor's value as text; null when it had none")
                .String("label", v => v.Value.Label, "The value, or No value")
                .Int64("people", v => v.Value.People, "Persons of the bucket with the code at this value")
                .Build(),
        ];
    }

    /// <summary>The top-percent selection as one row: the rule, the threshold and the counts (not the persons: see <see cref="TopPercentSelection.GetPersonIds"/>).</summary>
    /// <param name="selection">The result.</param>
    /// <returns>One table, <c>top-percent</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TopPercentSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        TopPercentSelection[] one = [selection];
        return
        [
            new TableBuilder<TopPercentSelection>("top-percent", $"Top {selection.Percent.ToString("R", CultureInfo.InvariantCulture)} %, {TableText.Day(selection.Run)}", one)
                .Date("run", s => s.Run, "The run's score date")
                .Double("percent", s => s.Percent, "The p of top p %, from 0 to 100")
                .Enum("method", s => s.Method, "How the top p % was decided")
                .Enum("field", s => s.Field, "The value the threshold is on")
                .String("rule", s => s.Rule, "The rule in words")
                .Double("threshold", s => s.Threshold, "The lowest selected value; null when no one is selected")
                .Int64("scored", s => s.Scored, "Persons scored in the run")
                .Int64("withValue", s => s.WithValue, "Persons ranked (with a usable value)")
                .Int64("noValue", s => s.NoValue, "Scored persons without a value")
                .Int64("notANumber", s => s.NotANumber, "Scored persons with a NaN value")
                .Int64("targetCount", s => s.TargetCount, "Persons asked for: ceiling of p % × withValue")
                .Int64("count", s => s.Count, "Persons selected")
                .Int64("tiedAtThreshold", s => s.TiedAtThreshold, "Selected persons whose value equals the threshold")
                .Int64("excessOverTarget", s => s.ExcessOverTarget, "count − targetCount")
                .Share("share", s => s.Share, "count over withValue")
                .Int64("recomputedPercentiles", s => s.RecomputedPercentiles, "Persons whose missing percentile was recomputed")
                .Double("recomputedThreshold", s => s.RecomputedThreshold, "The field value above which recomputed percentiles are selected; null unless recomputed")
                .Build(),
        ];
    }

    /// <summary>The transition matrix: one row per cell (Entry row and Exit column included), then the row and column totals, then a one-row summary.</summary>
    /// <param name="matrix">The result.</param>
    /// <returns><c>transitions</c>, <c>transition-states</c> and <c>transition-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TransitionMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Transitions([matrix], $"Transitions {TableText.Day(matrix.From)} to {TableText.Day(matrix.To)}");
    }

    /// <summary>The transitions between consecutive runs: the tables of <see cref="Of(TransitionMatrix)"/>, every matrix in run order, told apart by <c>fromRun</c> and <c>toRun</c>.</summary>
    /// <param name="series">The result.</param>
    /// <returns><c>transitions</c>, <c>transition-states</c> and <c>transition-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TransitionSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Transitions(series.Matrices, $"Transitions between consecutive runs, {TableText.Runs(series.Runs)}");
    }

    /// <summary>The flow: the nodes, the links between them, the most frequent paths to every node, and a one-row summary.</summary>
    /// <param name="flow">The result.</param>
    /// <returns><c>flow-nodes</c>, <c>flow-links</c>, <c>flow-paths</c> (up to 10 per node, as <see cref="BucketFlow.PathsTo"/>) and <c>flow-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flow"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(BucketFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var title = $"Bucket flow, {TableText.Runs(flow.Runs)}";
        var paths = flow.Nodes.SelectMany(n => flow.PathsTo(n).Select((p, i) => (Node: n, Rank: i + 1, Path: p))).ToList();
        BucketFlow[] one = [flow];
        return
        [
            new TableBuilder<FlowNode>("flow-nodes", title + ": nodes", flow.Nodes)
                .Int64("column", n => n.Column, "0 for the anchor, 1, 2, … after it, −1, −2, … before it")
                .String("label", n => n.Label, "The item's label, +K more, Exit or Entry")
                .Enum("kind", n => n.Kind, "anchor, item, more, exit or entry")
                .Int64("count", n => n.Count, "Path views through the node")
                .Share("pctOfAnchor", n => n.PctOfAnchor, "count over the anchor's count")
                .String("mergedLabels", n => n.MergedLabels.Count == 0 ? null : string.Join("; ", n.MergedLabels), "For a +K more node, the labels merged into it, most frequent first, joined by '; '; else null")
                .Build(),
            new TableBuilder<FlowLink>("flow-links", title + ": links", flow.Links)
                .Int64("fromColumn", l => l.FromColumn, "The column of the left node")
                .String("from", l => l.From, "The left node's label")
                .Int64("toColumn", l => l.FromColumn + 1, "The column of the right node")
                .String("to", l => l.To, "The right node's label")
                .Int64("count", l => l.Count, "Path views along the link")
                .Build(),
            new TableBuilder<(FlowNode Node, int Rank, FlowPath Path)>("flow-paths", title + ": paths", paths)
                .Int64("column", p => p.Node.Column, "The node's column")
                .String("node", p => p.Node.Label, "The node's label")
                .Int64("rank", p => p.Rank, "1 for the node's most frequent path")
                .String("path", p => string.Join(" → ", p.Path.Labels), "The items' own labels in time order, joined by ' → '")
                .Int64("steps", p => p.Path.Labels.Count, "Labels on the path")
                .Int64("count", p => p.Path.Count, "Path views along exactly this path")
                .Share("shareOfNode", p => p.Path.ShareOfNode, "count over the node's count")
                .Build(),
            new TableBuilder<BucketFlow>("flow-summary", title + ": summary", one)
                .Enum("anchorKind", f => f.Anchor.Kind, "entry, startsWith, endsWith or contains")
                .String("anchorItem", f => f.Anchor.Item, "The anchor item; null for entry")
                .Date("firstRun", f => f.Runs.Count > 0 ? f.Runs[0] : null, "The first run of the sequences")
                .Date("lastRun", f => f.Runs.Count > 0 ? f.Runs[^1] : null, "The last run of the sequences")
                .Int64("columns", f => f.Columns, "Columns on each side of the anchor")
                .Int64("itemsPerColumn", f => f.ItemsPerColumn, "Items shown per column before +K more")
                .Int64("anchorCount", f => f.AnchorCount, "Path views through the anchor")
                .Int64("persons", f => f.Persons, "Persons with a path")
                .Build(),
        ];
    }

    /// <summary>The Venn diagram: the exclusive regions, the sets, the inclusive intersections, and the totals.</summary>
    /// <param name="venn">The result.</param>
    /// <returns><c>venn-regions</c>, <c>venn-sets</c>, <c>venn-intersections</c> and <c>venn-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="venn"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(Venn venn)
    {
        ArgumentNullException.ThrowIfNull(venn);
        var title = $"Venn of {string.Join(", ", venn.Names)}";
        return
        [
            Regions("venn-regions", title + ": regions", venn.Regions),
            Regions("venn-sets", title + ": sets", venn.Sets),
            Regions("venn-intersections", title + ": intersections", venn.Intersections),
            OverlapTotals("venn-totals", title + ": totals", venn.Union, venn.Outside, venn.BaseCount, venn.Runs),
        ];
    }

    /// <summary>The set intersections (UpSet): the non-empty exclusive regions, largest first, the sets, and the totals.</summary>
    /// <param name="intersections">The result.</param>
    /// <returns><c>intersections</c>, <c>intersection-sets</c> and <c>intersection-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="intersections"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(SetIntersections intersections)
    {
        ArgumentNullException.ThrowIfNull(intersections);
        var title = $"Intersections of {intersections.Names.Count} sets";
        return
        [
            Regions("intersections", title, intersections.Regions),
            Regions("intersection-sets", title + ": sets", intersections.Sets),
            OverlapTotals("intersection-totals", title + ": totals", intersections.Union, intersections.Outside, intersections.BaseCount, intersections.Runs),
        ];
    }

    /// <summary>The cohort table: one row per cohort × offset, then one row per cohort, then the average row.</summary>
    /// <param name="cohorts">The result.</param>
    /// <returns><c>cohorts</c> (long format), <c>cohort-rows</c> and <c>cohort-average</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(CohortTable cohorts)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        var title = $"{TableBuilder<object>.EnumName(cohorts.Options.Type)} cohorts by {TableBuilder<object>.EnumName(cohorts.Options.Granularity)}";
        var cells = cohorts.Rows.SelectMany(r => r.Cells.Select(c => (Row: r, Cell: c))).ToList();
        return
        [
            new TableBuilder<(CohortRow Row, CohortCell Cell)>("cohorts", title, cells)
                .Date("period", c => cohorts.Periods[c.Row.Period].Start, "The cohort's period, its first day")
                .String("periodLabel", c => c.Row.Label, "The cohort period's label")
                .String("item", c => c.Row.Item, "The split item; null without a split")
                .Int64("included", c => c.Row.Included, "Persons in the cohort")
                .Int64("offset", c => c.Cell.Offset, "Periods after the cohort's period (1 for +1)")
                .Int64("count", c => c.Cell.Count, "Persons retained (or churned) at this offset")
                .Share("share", c => c.Cell.Share, "count over included; null when included is 0")
                .Build(),
            new TableBuilder<CohortRow>("cohort-rows", title + ": cohorts", cohorts.Rows)
                .Date("period", r => cohorts.Periods[r.Period].Start, "The cohort's period, its first day")
                .String("periodLabel", r => r.Label, "The cohort period's label")
                .String("item", r => r.Item, "The split item; null without a split")
                .Int64("included", r => r.Included, "Persons in the cohort")
                .Int64("offsets", r => r.Cells.Count, "Cells of the row (offsets 1 … n)")
                .Build(),
            new TableBuilder<CohortAverageCell>("cohort-average", title + ": average", cohorts.Average)
                .Int64("offset", a => a.Offset, "Periods after the cohort's period")
                .Share("share", a => a.Share, "Mean of the rows' shares at this offset (CJA's average row); null when no row has one")
                .Int64("rows", a => a.Rows, "Rows averaged")
                .Share("pooledShare", a => a.PooledShare, "Σ count / Σ included over the same rows; null when no row has one")
                .Build(),
        ];
    }

    /// <summary>The model evaluation: one row per group (decile), then a one-row summary with the AUC.</summary>
    /// <param name="evaluation">The result.</param>
    /// <returns><c>evaluation-deciles</c> and <c>evaluation-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ModelEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var title = $"Model evaluation, {TableText.Day(evaluation.Run)}, {evaluation.OutcomeWindowDays}-day window";
        ModelEvaluation[] one = [evaluation];
        return
        [
            new TableBuilder<DecileRow>("evaluation-deciles", title, evaluation.Rows)
                .Int64("group", r => r.Group, "1 for the highest scores")
                .Int64("count", r => r.Count, "Persons in the group")
                .Int64("positives", r => r.Positives, "Persons of the group with an outcome in the window")
                .Share("rate", r => r.Rate, "positives over count; null for an empty group")
                .Double("lift", r => r.Lift, "rate over the overall rate (1 = random); null for an empty group or no positive")
                .Share("cumulativeShare", r => r.CumulativeShare, "Persons in this and higher groups over all ranked (the gains chart's x)")
                .Share("cumulativeGain", r => r.CumulativeGain, "Positives in this and higher groups over all positives (the gains chart's y); null when none")
                .Build(),
            new TableBuilder<ModelEvaluation>("evaluation-summary", title + ": summary", one)
                .Date("run", e => e.Run, "The run's score date")
                .Int64("outcomeWindowDays", e => e.OutcomeWindowDays, "Days after the score date in which an outcome counts")
                .Timestamp("windowStart", e => e.WindowStart, "The window's start (exclusive)")
                .Timestamp("windowEnd", e => e.WindowEnd, "The window's end (inclusive)")
                .Timestamp("asOf", e => e.AsOf, "The time outcomes are known up to; null when unknown")
                .Boolean("isComplete", e => e.IsComplete, "Whether the window has passed")
                .Int64("groups", e => e.Groups, "Groups the ranked persons are cut into")
                .Int64("count", e => e.Count, "Persons ranked")
                .Int64("positives", e => e.Positives, "Ranked persons with an outcome in the window")
                .Int64("negatives", e => e.Negatives, "Ranked persons without")
                .Share("overallRate", e => e.OverallRate, "positives over count; null when no one is ranked")
                .Double("auc", e => e.Auc, "Area under the ROC curve; null without positives or negatives")
                .Int64("noValue", e => e.NoValue, "Persons scored without a score (not ranked)")
                .Int64("nanCount", e => e.NaNCount, "Persons with a NaN score (not ranked)")
                .Build(),
        ];
    }

    /// <summary>The performance summary: one row per run × bucket, one per run, and a one-row summary of the settings.</summary>
    /// <param name="performance">The result.</param>
    /// <returns><c>performance</c>, <c>performance-runs</c> and <c>performance-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="performance"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(PerformanceSummary performance)
    {
        ArgumentNullException.ThrowIfNull(performance);
        var title = $"Performance summary, {performance.OutcomeWindowDays}-day window";
        PerformanceSummary[] one = [performance];
        return
        [
            new TableBuilder<PerformanceRow>("performance", title, performance.Rows)
                .Date("run", r => r.Run, "The run's score date")
                .Int64("bucketIndex", r => r.Bucket.Index, BucketIndexDescription)
                .Bucket(r => r.Bucket)
                .Int64("profiles", r => r.Profiles, "Persons scored in the run with a value in the bucket")
                .Share("expectedRate", r => r.ExpectedRate, "Mean probability of those profiles; null when none has one")
                .Int64("events", r => r.Events, "Profiles that converted (or churned); null until the window has passed")
                .Share("actualRate", r => r.ActualRate, "events over profiles; null until the window has passed or without profiles")
                .Build(),
            new TableBuilder<PerformanceRun>("performance-runs", title + ": runs", performance.Runs)
                .Date("run", r => r.Run, "The run's score date")
                .Timestamp("windowEnd", r => r.WindowEnd, "The end of the run's outcome window (inclusive)")
                .Boolean("windowPassed", r => r.WindowPassed, "Whether the window has passed (only then are actual rates reported)")
                .Int64("profiles", r => r.Profiles, "Persons scored in the run, with or without a value")
                .Int64("noValue", r => r.NoValue, "Profiles without a value")
                .Int64("nanCount", r => r.NaNCount, "Profiles with a NaN value")
                .Share("expectedRate", r => r.ExpectedRate, "Mean probability over the run's profiles; null when none has one")
                .Int64("events", r => r.Events, "Profiles that converted (or churned); null until the window has passed")
                .Share("actualRate", r => r.ActualRate, "events over profiles; null until the window has passed")
                .Build(),
            new TableBuilder<PerformanceSummary>("performance-summary", title + ": settings", one)
                .Enum("kind", p => p.Kind, "conversion or churn")
                .String("scheme", p => p.Scheme.Name, "The bucket scheme's name; null for a custom scheme")
                .Enum("field", p => p.Scheme.Field, "The score field bucketed")
                .Int64("outcomeWindowDays", p => p.OutcomeWindowDays, "Days after the score date in which an outcome counts")
                .Timestamp("asOf", p => p.AsOf, "The time outcomes are known up to; null when unknown")
                .Build(),
        ];
    }

    /// <summary>The success events by bucket: one row per bucket, then the totals.</summary>
    /// <param name="successEvents">The result.</param>
    /// <returns><c>success-events</c> and <c>success-events-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="successEvents"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(SuccessEventsByBucket successEvents)
    {
        ArgumentNullException.ThrowIfNull(successEvents);
        var title = $"Success events by bucket, {TableText.Day(successEvents.Run)}";
        SuccessEventsByBucket[] one = [successEvents];
        return
        [
            new TableBuilder<SuccessEventsRow>("success-events", title, successEvents.Rows)
                .Int64("bucketIndex", r => r.Bucket.Index, BucketIndexDescription)
                .Bucket(r => r.Bucket)
                .Int64("people", r => r.People, "Persons scored in the run with a value in the bucket")
                .Int64("peopleWithEvents", r => r.PeopleWithEvents, "Those with at least one outcome counted")
                .Int64("events", r => r.Events, "Their outcomes counted")
                .Double("value", r => r.Value, "The sum of the outcomes' values (NaN when one is NaN)")
                .Double("eventsPerPerson", r => r.EventsPerPerson, "events over people; null without people")
                .Share("conversionRate", r => r.ConversionRate, "peopleWithEvents over people; null without people")
                .Build(),
            new TableBuilder<SuccessEventsByBucket>("success-events-totals", title + ": totals", one)
                .Date("run", s => s.Run, "The run's score date")
                .Int64("outcomeWindowDays", s => s.OutcomeWindowDays, "Days after the score date in which an outcome counts; null for all outcomes")
                .Int64("people", s => s.People, "Persons scored in the run")
                .Int64("noValue", s => s.NoValue, "Of them, without a value (in no bucket)")
                .Int64("nanCount", s => s.NaNCount, "Of them, with a NaN value (in no bucket)")
                .Build(),
        ];
    }

    /// <summary>The tables of any analysis result, dispatched on its runtime type.</summary>
    /// <param name="result">A result of one of the types with an <c>Of</c> overload.</param>
    /// <returns>Its tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The result's type has no tables; the message names it.</exception>
    internal static IReadOnlyList<ResultTable> OfAny(object result) => result switch
    {
        null => throw new ArgumentNullException(nameof(result)),
        ScoringSummary r => Of(r),
        ScoreDistribution r => Of(r),
        MetricHistogram r => Of(r),
        ScoreTrend r => Of(r),
        ReasonCodeTable r => Of(r),
        TopPercentSelection r => Of(r),
        TransitionMatrix r => Of(r),
        TransitionSeries r => Of(r),
        BucketFlow r => Of(r),
        Venn r => Of(r),
        SetIntersections r => Of(r),
        CohortTable r => Of(r),
        ModelEvaluation r => Of(r),
        PerformanceSummary r => Of(r),
        SuccessEventsByBucket r => Of(r),
        _ => throw new ArgumentException($"{result.GetType().FullName} is not an analysis result with tables.", nameof(result)),
    };

    private static IReadOnlyList<ResultTable> Transitions(IReadOnlyList<TransitionMatrix> matrices, string title)
    {
        var cells = matrices.SelectMany(m => m.Cells.Select(c => (Matrix: m, Cell: c))).ToList();
        var states = matrices.SelectMany(m =>
                m.Rows.Select(r => (Matrix: m, Side: "from", State: r.From, r.Total))
                    .Concat(m.Columns.Select(c => (Matrix: m, Side: "to", State: c.To, c.Total))))
            .ToList();
        return
        [
            new TableBuilder<(TransitionMatrix Matrix, TransitionCell Cell)>("transitions", title, cells)
                .Date("fromRun", c => c.Matrix.From, "The from-run's score date")
                .Date("toRun", c => c.Matrix.To, "The to-run's score date")
                .String("from", c => c.Cell.From.Label, "The row: the bucket in the from-run, No value, or Entry")
                .Enum("fromKind", c => c.Cell.From.Kind, "bucket, noValue or entry")
                .String("to", c => c.Cell.To.Label, "The column: the bucket in the to-run, No value, or Exit")
                .Enum("toKind", c => c.Cell.To.Kind, "bucket, noValue or exit")
                .Int64("count", c => c.Cell.Count, "Persons in from in the from-run and in to in the to-run")
                .Share("rowShare", c => c.Cell.RowShare, "count over the row's total (where the row's persons went)")
                .Share("columnShare", c => c.Cell.ColumnShare, "count over the column's total (where the column's persons came from)")
                .Build(),
            new TableBuilder<(TransitionMatrix Matrix, string Side, TransitionState State, long Total)>("transition-states", title + ": row and column totals", states)
                .Date("fromRun", s => s.Matrix.From, "The from-run's score date")
                .Date("toRun", s => s.Matrix.To, "The to-run's score date")
                .String("side", s => s.Side, "from for a row, to for a column")
                .String("state", s => s.State.Label, "The row's or column's label")
                .Enum("kind", s => s.State.Kind, "bucket, noValue, entry or exit")
                .Int64("total", s => s.Total, "Persons of the row (the from-run's) or column (the to-run's)")
                .Build(),
            new TableBuilder<TransitionMatrix>("transition-summary", title + ": summary", matrices)
                .Date("fromRun", m => m.From, "The from-run's score date")
                .Date("toRun", m => m.To, "The to-run's score date")
                .Int64("fromTotal", m => m.FromTotal, "Persons in a row of the from-run")
                .Int64("toTotal", m => m.ToTotal, "Persons in a column of the to-run")
                .Int64("entries", m => m.Entries, "Persons in the Entry row")
                .Int64("exits", m => m.Exits, "Persons in the Exit column")
                .Int64("inBoth", m => m.InBoth, "fromTotal − exits")
                .Int64("stayed", m => m.Stayed, "Persons in the same bucket in both runs")
                .Int64("movedUp", m => m.MovedUp, "Persons in a higher bucket in the to-run")
                .Int64("movedDown", m => m.MovedDown, "Persons in a lower bucket in the to-run")
                .Int64("noValueFrom", m => m.NoValueFrom, "Persons without a value in the from-run")
                .Int64("noValueTo", m => m.NoValueTo, "Persons without a value in the to-run")
                .Build(),
        ];
    }

    private static ResultTable Regions(string name, string title, IReadOnlyList<OverlapRegion> regions) =>
        new TableBuilder<OverlapRegion>(name, title, regions)
            .String("label", r => r.Label, "The area in words: A ∩ B (inclusive) or A ∩ B only (exclusive)")
            .Int64("members", r => r.Members, "The sets as a bit mask: bit i for the i-th set given")
            .Int64("degree", r => r.Degree, "How many sets")
            .Boolean("exclusive", r => r.Exclusive, "True for persons in these sets and no other, false for these sets whatever else")
            .Int64("count", r => r.Count, "Distinct base persons in the area")
            .Share("shareOfUnion", r => r.ShareOfUnion, "count over the persons in at least one set")
            .Share("shareOfBase", r => r.ShareOfBase, "count over the base persons")
            .Build();

    private static ResultTable OverlapTotals(string name, string title, long union, long outside, long baseCount, IReadOnlyList<DateOnly> runs)
    {
        int[] one = [0];
        return new TableBuilder<int>(name, title, one)
            .Date("firstRun", _ => runs.Count > 0 ? runs[0] : null, "The first run looked at")
            .Date("lastRun", _ => runs.Count > 0 ? runs[^1] : null, "The last run looked at")
            .Int64("union", _ => union, "Base persons in at least one set")
            .Int64("outside", _ => outside, "Base persons in no set")
            .Int64("baseCount", _ => baseCount, "Base persons")
            .Build();
    }
}
