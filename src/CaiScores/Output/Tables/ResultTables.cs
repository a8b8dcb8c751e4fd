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
/// <para>Each result type's tables are defined once, in its view (Output/Results, registered in <see cref="ResultViews"/>);
/// these overloads and the LINQPad dump read them from there.</para>
/// </remarks>
public static class ResultTables
{
    /// <summary>The scoring summary as one row: run, model type, profiles, and count and share of Low, Medium and High.</summary>
    /// <param name="summary">The result.</param>
    /// <returns>One table, <c>summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoringSummary summary) => DistributionViews.Summary.Tables(summary);

    /// <summary>The distribution: one row per bucket (and "No value" when shown), then the totals.</summary>
    /// <param name="distribution">The result.</param>
    /// <returns><c>distribution</c> (bucket, count, share) and <c>distribution-totals</c> (one row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoreDistribution distribution) => DistributionViews.Distribution.Tables(distribution);

    /// <summary>The run summary: one row per run (persons, with a score, no value, mean, least and greatest score, mean probability, out-of-range counts), then one row per run and bucket.</summary>
    /// <param name="summary">The result.</param>
    /// <returns><c>run-summary</c> and <c>run-summary-buckets</c> (long format: run × bucket).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="summary"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(RunSummary summary) => DistributionViews.Runs.Tables(summary);

    /// <summary>The histogram: one row per bucket (the overflow bucket last), then the totals.</summary>
    /// <param name="histogram">The result.</param>
    /// <returns><c>histogram</c> and <c>histogram-totals</c> (one row).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(MetricHistogram histogram) => HistogramViews.Histogram.Tables(histogram);

    /// <summary>The trend: one row per period × series, then the periods and the series.</summary>
    /// <param name="trend">The result.</param>
    /// <returns><c>trend</c> (long format, with a <c>scoreP…</c> and <c>probabilityP…</c> column per requested percentile), <c>trend-periods</c> and <c>trend-series</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trend"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ScoreTrend trend) => TrendViews.Trend.Tables(trend);

    /// <summary>The reason codes: one row per bucket × top factor, then the buckets, then the factors' values.</summary>
    /// <param name="reasonCodes">The result.</param>
    /// <returns><c>reason-codes</c> (bucket × factor), <c>reason-code-buckets</c> and <c>reason-code-values</c> (bucket × factor × value).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reasonCodes"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ReasonCodeTable reasonCodes) => ReasonCodeViews.ReasonCodes.Tables(reasonCodes);

    /// <summary>The top-percent selection as one row: the rule, the threshold and the counts (not the persons: see <see cref="TopPercentSelection.GetPersonIds"/>).</summary>
    /// <param name="selection">The result.</param>
    /// <returns>One table, <c>top-percent</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="selection"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TopPercentSelection selection) => TargetingViews.TopPercent.Tables(selection);

    /// <summary>The audience: its summary, then the persons by namespace, by bucket of the run, and the files written (not the ids).</summary>
    /// <param name="audience">The result.</param>
    /// <returns><c>audience</c>, <c>audience-namespaces</c>, <c>audience-buckets</c> and <c>audience-files</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audience"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(Audiences.Audience audience) => AudienceViews.Audience.Tables(audience);

    /// <summary>The transition matrix: one row per cell (Entry row and Exit column included), then the row and column totals, then a one-row summary.</summary>
    /// <param name="matrix">The result.</param>
    /// <returns><c>transitions</c>, <c>transition-states</c> and <c>transition-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TransitionMatrix matrix) => TransitionViews.Matrix.Tables(matrix);

    /// <summary>The transitions between consecutive runs: the tables of <see cref="Of(TransitionMatrix)"/>, every matrix in run order, told apart by <c>fromRun</c> and <c>toRun</c>.</summary>
    /// <param name="series">The result.</param>
    /// <returns><c>transitions</c>, <c>transition-states</c> and <c>transition-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(TransitionSeries series) => TransitionViews.Series.Tables(series);

    /// <summary>The flow: the nodes, the links between them, the most frequent paths to every node, and a one-row summary.</summary>
    /// <param name="flow">The result.</param>
    /// <returns><c>flow-nodes</c>, <c>flow-links</c>, <c>flow-paths</c> (up to 10 per node, as <see cref="BucketFlow.PathsTo"/>) and <c>flow-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="flow"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(BucketFlow flow) => FlowViews.Flow.Tables(flow);

    /// <summary>The Venn diagram: the exclusive regions, the sets, the inclusive intersections, and the totals.</summary>
    /// <param name="venn">The result.</param>
    /// <returns><c>venn-regions</c>, <c>venn-sets</c>, <c>venn-intersections</c> and <c>venn-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="venn"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(Venn venn) => OverlapViews.Venn.Tables(venn);

    /// <summary>The set intersections (UpSet): the non-empty exclusive regions, largest first, the sets, and the totals.</summary>
    /// <param name="intersections">The result.</param>
    /// <returns><c>intersections</c>, <c>intersection-sets</c> and <c>intersection-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="intersections"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(SetIntersections intersections) => OverlapViews.Intersections.Tables(intersections);

    /// <summary>The cohort table: one row per cohort × offset, then one row per cohort, then the average row.</summary>
    /// <param name="cohorts">The result.</param>
    /// <returns><c>cohorts</c> (long format), <c>cohort-rows</c> and <c>cohort-average</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(CohortTable cohorts) => CohortViews.Cohorts.Tables(cohorts);

    /// <summary>The model evaluation: one row per group (decile), then a one-row summary with the AUC.</summary>
    /// <param name="evaluation">The result.</param>
    /// <returns><c>evaluation-deciles</c> and <c>evaluation-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="evaluation"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(ModelEvaluation evaluation) => OutcomeViews.Evaluation.Tables(evaluation);

    /// <summary>The performance summary: one row per run × bucket, one per run, and a one-row summary of the settings.</summary>
    /// <param name="performance">The result.</param>
    /// <returns><c>performance</c>, <c>performance-runs</c> and <c>performance-summary</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="performance"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(PerformanceSummary performance) => OutcomeViews.Performance.Tables(performance);

    /// <summary>The success events by bucket: one row per bucket, then the totals.</summary>
    /// <param name="successEvents">The result.</param>
    /// <returns><c>success-events</c> and <c>success-events-totals</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="successEvents"/> is null.</exception>
    public static IReadOnlyList<ResultTable> Of(SuccessEventsByBucket successEvents) => OutcomeViews.SuccessEvents.Tables(successEvents);

    /// <summary>The tables of any analysis result: those of the view registered for its runtime type in <see cref="ResultViews"/>.</summary>
    /// <param name="result">A result of one of the types with an <c>Of</c> overload.</param>
    /// <returns>Its tables.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">The result's type has no tables; the message names it.</exception>
    internal static IReadOnlyList<ResultTable> OfAny(object result) => ResultViews.Of(result).TablesOf(result);
}
