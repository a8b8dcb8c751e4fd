using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Models;
using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Output.Svg;
using CaiScores.Trends;

namespace CaiScores.Output;

/// <summary>
/// Draws analysis results as self-contained SVG text, with no native dependency: deterministic (the same result gives the
/// same bytes, whatever the current culture), readable at a glance (title, axis titles, round ticks, buckets in numeric
/// order, a legend for several series, a tooltip per bar), in colours that stay distinguishable with colour-vision
/// deficiencies, and CAI's own colours for Low / Medium / High. Every string from the data is escaped.
/// </summary>
public static class SvgCharts
{
    /// <summary>The distribution as bars, one per bucket in ascending order, "No value" last and grey.</summary>
    /// <param name="distribution">The result to draw.</param>
    /// <param name="options">Size, title and colouring; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Distribution(ScoreDistribution distribution, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        options = ChartOptions.Validate(options);
        var rows = distribution.Rows;
        var colors = rows.Select(r => r.IsNoValue ? ChartPalette.NoValue : ChartPalette.Cai(r.Bucket, options.Propensity) ?? ChartPalette.Single).ToArray();
        var metric = distribution.Metric == DistributionMetric.People ? "People" : "Events";
        return new BarChart
        {
            Title = options.Title ?? $"{FieldName(distribution.Scheme.Field)} distribution, {Runs(distribution.Runs, distribution.Range)}",
            XTitle = $"{FieldName(distribution.Scheme.Field)} bucket",
            YTitle = metric,
            Categories = [.. rows.Select(r => r.IsNoValue ? "No value" : r.Bucket.DisplayName)],
            Series = [new BarSeries(metric, colors, [.. rows.Select(r => (double)r.Count)])],
        }.Render(options);
    }

    /// <summary>CJA's histogram: a bar per bucket in order, the overflow bucket (<c>N+</c>) last.</summary>
    /// <param name="histogram">The result to draw.</param>
    /// <param name="options">Size, title and colouring; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Histogram(MetricHistogram histogram, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        options = ChartOptions.Validate(options);
        var counted = histogram.CountingMethod == CountingMethod.Event ? "Events" : histogram.CountingMethod == CountingMethod.Person ? "People" : "Count";
        var metric = histogram.Metric switch
        {
            HistogramMetric.ScoringEvents => "Scoring events per person",
            HistogramMetric.Factors => "Influential factors",
            HistogramMetric.Score => "Score",
            HistogramMetric.Percentile => "Percentile",
            _ => "Value",
        };
        var rows = histogram.Rows;
        return new BarChart
        {
            Title = options.Title ?? $"Histogram of {metric.ToLowerInvariant()}",
            XTitle = metric,
            YTitle = counted,
            Categories = [.. rows.Select(r => r.Label)],
            Series = [new BarSeries(counted, [.. rows.Select(_ => ChartPalette.Single)], [.. rows.Select(r => (double)r.Count)])],
        }.Render(options);
    }

    /// <summary>
    /// The trend as stacked bars of People: a bar per period (or run) in time order, a segment per series (bucket, cohort,
    /// or cohort × bucket) stacked in the series' order; 100 % stacked with <see cref="ChartOptions.PercentStacked"/>.
    /// </summary>
    /// <param name="trend">The result to draw.</param>
    /// <param name="options">Size, title, colouring and stacking; null for the defaults.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// A bar's height is the sum of its series' People. With several runs in a period a person can be in two series, so a
    /// bar can be taller than the period's distinct People; the 100 % stacked bar is scaled to its own stack, as CJA's is.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="trend"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Trend(ScoreTrend trend, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        options = ChartOptions.Validate(options);
        var series = trend.Series;
        var bars = new List<BarSeries>(series.Count);
        foreach (var s in series)
        {
            // Buckets alone take CAI's colours; cohorts (alone or split by bucket) take a colour per series.
            var color = s.IsNoValue ? ChartPalette.NoValue
                : s.Cohort is null ? ChartPalette.Cai(s.Bucket, options.Propensity) ?? ChartPalette.Category(s.Index)
                : ChartPalette.Category(s.Index);
            var values = new double[trend.Periods.Count];
            for (var p = 0; p < values.Length; p++)
            {
                values[p] = trend[p, s.Index].People;
            }

            bars.Add(new BarSeries(s.Label, [.. values.Select(_ => color)], values));
        }

        var by = trend.Options.Granularity == TrendGranularity.Run ? "run" : trend.Options.Granularity.ToString().ToLowerInvariant();
        var split = (trend.Options.CohortAttribute, trend.Options.Scheme) switch
        {
            (null, null) => string.Empty,
            (null, _) => " by score bucket",
            (var attribute, null) => $" by {attribute}",
            (var attribute, _) => $" by {attribute} and score bucket",
        };
        return new BarChart
        {
            Title = options.Title ?? $"People per {by}{split}",
            XTitle = trend.Options.Granularity == TrendGranularity.Run ? "Scoring run" : $"{char.ToUpperInvariant(by[0])}{by[1..]} starting",
            YTitle = options.PercentStacked ? "Share of people" : "People",
            Categories = [.. trend.Periods.Select(p => p.Label)],
            Series = bars,
            Percent = options.PercentStacked,
        }.Render(options);
    }

    private static string FieldName(ScoreField field) => field switch
    {
        ScoreField.Probability => "Probability",
        ScoreField.Percentile => "Percentile",
        _ => "Score",
    };

    private static string Runs(IReadOnlyList<DateOnly> runs, Segments.DateRange? range) =>
        range is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.Start:yyyy-MM-dd} to {r.End.AddDays(-1):yyyy-MM-dd}")
        : runs.Count == 1 ? string.Create(CultureInfo.InvariantCulture, $"run {runs[0]:yyyy-MM-dd}")
        : runs.Count == 0 ? "no runs"
        : string.Create(CultureInfo.InvariantCulture, $"runs {runs[0]:yyyy-MM-dd} to {runs[^1]:yyyy-MM-dd}");
}
