using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Models;
using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Output;

/// <summary>
/// Draws analysis results as self-contained SVG text, with no native dependency: deterministic (the same result gives the
/// same bytes, whatever the current culture), readable at a glance (title, axis titles, round ticks, buckets in numeric
/// order, a legend for several series, a tooltip per bar), in colours that stay distinguishable with colour-vision
/// deficiencies, and CAI's own colours for Low / Medium / High. Every string from the data is escaped.
/// </summary>
public static partial class SvgCharts
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
        var (metric, counted) = HistogramAxes(histogram);
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
            var color = ChartPalette.Series(trend, s, options.Propensity);
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
            LegendInStackOrder = trend.Options.CohortAttribute is null,
        }.Render(options);
    }

    /// <summary>
    /// The transition matrix as a heat table: a row per from-run state (buckets, "No value" when shown, Entry), a column per
    /// to-run state (buckets, "No value", Exit) and the row total; each cell shows its persons and is shaded by its row share
    /// (where the row's persons went).
    /// </summary>
    /// <param name="matrix">The result to draw.</param>
    /// <param name="options">The title; null for the defaults. A table takes the size its cells need (Width and Height are not used).</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Transitions(TransitionMatrix matrix, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options = ChartOptions.Validate(options);
        var cells = matrix.Rows.Select(row => (IReadOnlyList<HeatCell?>)
        [
            .. row.Cells.Select(c => (HeatCell?)new HeatCell(
                c.Count.ToString("N0", CultureInfo.InvariantCulture),
                c.RowShare,
                $"{c.From.Label} → {c.To.Label}: {c.Count.ToString("N0", CultureInfo.InvariantCulture)} ({c.RowShare.ToString("0.0%", CultureInfo.InvariantCulture)} of {c.From.Label}, {c.ColumnShare.ToString("0.0%", CultureInfo.InvariantCulture)} of {c.To.Label})")),
            new HeatCell(row.Total.ToString("N0", CultureInfo.InvariantCulture), null, $"{row.From.Label}: {row.Total.ToString("N0", CultureInfo.InvariantCulture)} persons"),
        ]).ToList();
        return new HeatTable
        {
            Title = options.Title ?? string.Create(CultureInfo.InvariantCulture, $"From run {matrix.From:yyyy-MM-dd} (rows) to run {matrix.To:yyyy-MM-dd} (columns)"),
            Corner = "From ↓ / to →",
            RowLabels = [.. matrix.Rows.Select(r => r.From.Label)],
            ColumnLabels = [.. matrix.Columns.Select(c => c.To.Label), "Total"],
            Cells = cells,
            Ramp = ("#F7FBFF", "#08519C"),
        }.Render();
    }

    /// <summary>
    /// The cohort table as CJA draws it: a row per cohort (and split item) with its Included count, a column per offset,
    /// each cell showing its share of Included and shaded by it (green for retention, red for churn), the average row last.
    /// </summary>
    /// <param name="cohorts">The result to draw.</param>
    /// <param name="options">The title; null for the defaults. A table takes the size its cells need (Width and Height are not used).</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Cohorts(CohortTable cohorts, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        options = ChartOptions.Validate(options);
        var churn = cohorts.Options.Type == CohortType.Churn;
        // Offsets start at 1 (CJA's "+1 Week" column); cells are placed by their offset, not their position.
        var offsets = Math.Max(cohorts.Rows.SelectMany(r => r.Cells).Select(c => c.Offset).DefaultIfEmpty(0).Max(), cohorts.Average.Select(a => a.Offset).DefaultIfEmpty(0).Max());
        static string Percent(double? share) => share is { } s ? s.ToString("0.0%", CultureInfo.InvariantCulture) : "–";
        var rows = new List<IReadOnlyList<HeatCell?>>(cohorts.Rows.Count + 1);
        var labels = new List<string>(cohorts.Rows.Count + 1);
        foreach (var row in cohorts.Rows)
        {
            var label = row.Item is null ? row.Label : $"{row.Label} · {row.Item}";
            labels.Add(label);
            var included = row.Included.ToString("N0", CultureInfo.InvariantCulture);
            var cells = new HeatCell?[offsets + 1];
            cells[0] = new HeatCell(included, null, $"{label}: {included} included");
            foreach (var c in row.Cells.Where(c => c.Offset >= 1 && c.Offset <= offsets))
            {
                cells[c.Offset] = new HeatCell(Percent(c.Share), c.Share, $"{label}, +{c.Offset}: {c.Count.ToString("N0", CultureInfo.InvariantCulture)} of {included} ({Percent(c.Share)})");
            }

            rows.Add(cells);
        }

        labels.Add("Average");
        var average = new HeatCell?[offsets + 1];
        foreach (var a in cohorts.Average.Where(a => a.Offset >= 1 && a.Offset <= offsets))
        {
            average[a.Offset] = new HeatCell(Percent(a.Share), a.Share, $"Average, +{a.Offset}: {Percent(a.Share)} over {ChartText.Plural(a.Rows, "row")}");
        }

        rows.Add(average);
        var unit = cohorts.Options.Granularity.ToString();
        return new HeatTable
        {
            Title = options.Title ?? $"{(churn ? "Churn" : "Retention")} by {unit.ToLowerInvariant()} cohort{(cohorts.Options.Rolling ? " (rolling)" : string.Empty)}",
            RowLabels = labels,
            // Short column heads ("+1", "+2", …) so many offsets never run into each other; the unit is in the corner.
            Corner = $"Cohort ({unit.ToLowerInvariant()}s later →)",
            ColumnLabels = ["Included", .. Enumerable.Range(1, offsets).Select(o => $"+{o}")],
            Cells = rows,
            Ramp = churn ? ("#FFF5F0", "#A50F15") : ("#F7FCF5", "#006D2C"),
        }.Render();
    }

    /// <summary>A histogram's axis titles, shared with <see cref="VegaLite"/>: what is bucketed (x) and what is counted (y).</summary>
    internal static (string Metric, string Counted) HistogramAxes(MetricHistogram histogram) => (
        histogram.Metric switch
        {
            HistogramMetric.ScoringEvents => "Scoring events per person",
            HistogramMetric.Factors => "Influential factors",
            HistogramMetric.Score => "Score",
            HistogramMetric.Percentile => "Percentile",
            _ => "Value",
        },
        histogram.CountingMethod switch
        {
            CountingMethod.Event => "Events",
            CountingMethod.Person => "People",
            _ => "Count",
        });

    /// <summary>The field's name in titles and axis labels (shared with <see cref="VegaLite"/>).</summary>
    internal static string FieldName(ScoreField field) => field switch
    {
        ScoreField.Probability => "Probability",
        ScoreField.Percentile => "Percentile",
        _ => "Score",
    };

    /// <summary>The runs or date range a result covers, for titles (shared with <see cref="VegaLite"/>).</summary>
    internal static string Runs(IReadOnlyList<DateOnly> runs, Segments.DateRange? range) =>
        range is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r.Start:yyyy-MM-dd} to {r.End.AddDays(-1):yyyy-MM-dd}")
        : runs.Count == 1 ? string.Create(CultureInfo.InvariantCulture, $"run {runs[0]:yyyy-MM-dd}")
        : runs.Count == 0 ? "no runs"
        : string.Create(CultureInfo.InvariantCulture, $"runs {runs[0]:yyyy-MM-dd} to {runs[^1]:yyyy-MM-dd}");
}
