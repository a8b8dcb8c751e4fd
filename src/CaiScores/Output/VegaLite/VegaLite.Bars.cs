using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Trends;

namespace CaiScores.Output;

/// <content>The bar charts: a distribution, a histogram, and a trend of stacked bars.</content>
public static partial class VegaLite
{
    /// <summary>The distribution as bars, one per bucket in ascending order, "No value" last and grey.</summary>
    /// <param name="distribution">The result to chart.</param>
    /// <param name="options">Size, title and colouring (<see cref="ChartOptions.Propensity"/>); null for the defaults.</param>
    /// <returns>A Vega-Lite v5 spec. Data fields: <c>bucket</c> (display name), <c>label</c> (range), <c>count</c>, <c>share</c> (0–1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Distribution(ScoreDistribution distribution, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        options = ChartOptions.Validate(options);
        var rows = distribution.Rows;
        var names = rows.Select(r => r.IsNoValue ? "No value" : r.Bucket.DisplayName).ToArray();
        var colors = rows.Select(r => r.IsNoValue ? ChartPalette.NoValue : ChartPalette.Cai(r.Bucket, options.Propensity) ?? ChartPalette.Single).ToArray();
        var field = SvgCharts.FieldName(distribution.Scheme.Field);
        var metric = distribution.Metric == DistributionMetric.People ? "People" : "Events";
        return Spec(options.Title ?? $"{field} distribution, {SvgCharts.Runs(distribution.Runs, distribution.Range)}", w =>
        {
            Size(w, options);
            Values(w, rows, (w, r) =>
            {
                w.WriteString("bucket", r.IsNoValue ? "No value" : r.Bucket.DisplayName);
                w.WriteString("label", r.Bucket.Label);
                w.WriteNumber("count", r.Count);
                Number(w, "share", r.Share);
            });
            Mark(w, "bar");
            w.WriteStartObject("encoding");
            Discrete(w, "x", "bucket", $"{field} bucket", names);
            Quantitative(w, "y", "count", metric);
            Colour(w, "bucket", names, colors, legend: false);
            Tooltip(w, ("bucket", "Bucket", null), ("label", "Range", null), ("count", metric, ","), ("share", "Share", ".1%"));
            w.WriteEndObject();
        });
    }

    /// <summary>CJA's histogram: a bar per bucket in order, the overflow bucket (<c>N+</c>) last.</summary>
    /// <param name="histogram">The result to chart.</param>
    /// <param name="options">Size and title; null for the defaults.</param>
    /// <returns>A Vega-Lite v5 spec. Data fields: <c>bucket</c> (label), <c>lo</c>, <c>hi</c> (absent for the overflow bucket), <c>count</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="histogram"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Histogram(MetricHistogram histogram, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        options = ChartOptions.Validate(options);
        var (metric, counted) = SvgCharts.HistogramAxes(histogram);
        var rows = histogram.Rows;
        return Spec(options.Title ?? $"Histogram of {metric.ToLowerInvariant()}", w =>
        {
            Size(w, options);
            Values(w, rows, (w, r) =>
            {
                w.WriteString("bucket", r.Label);
                w.WriteNumber("lo", r.Lo);
                if (r.Hi is { } hi)
                {
                    w.WriteNumber("hi", hi);
                }

                w.WriteNumber("count", r.Count);
            });
            w.WriteStartObject("mark");
            w.WriteString("type", "bar");
            w.WriteString("color", ChartPalette.Single);
            w.WriteEndObject();
            w.WriteStartObject("encoding");
            Discrete(w, "x", "bucket", metric, [.. rows.Select(r => r.Label)]);
            Quantitative(w, "y", "count", counted);
            Tooltip(w, ("bucket", metric, null), ("count", counted, ","));
            w.WriteEndObject();
        });
    }

    /// <summary>
    /// The trend as stacked bars of People: a bar per period (or run) in time order, a segment per series (bucket, cohort,
    /// or cohort × bucket) stacked in the series' order; 100 % stacked (<c>stack: "normalize"</c>) with
    /// <see cref="ChartOptions.PercentStacked"/>.
    /// </summary>
    /// <param name="trend">The result to chart.</param>
    /// <param name="options">Size, title, colouring and stacking; null for the defaults.</param>
    /// <returns>A Vega-Lite v5 spec with one value per trend row. Data fields: <c>period</c> (label), <c>series</c>,
    /// <c>seriesIndex</c> (stacking order), <c>people</c>, <c>shareOfPeriod</c> (0–1), <c>meanScore</c> when known.</returns>
    /// <remarks>Buckets alone take CAI's colours (or one colour each for a custom scheme); cohorts take a colour per series.
    /// A bar's height is the sum of its series' People, as in <see cref="SvgCharts.Trend"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="trend"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Trend(ScoreTrend trend, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trend);
        options = ChartOptions.Validate(options);
        var series = trend.Series;
        var names = series.Select(s => s.Label).ToArray();
        var colors = series.Select(s => ChartPalette.Series(trend, s, options.Propensity)).ToArray();
        var indexOf = series.ToDictionary(s => s.Label, s => s.Index, StringComparer.Ordinal);
        var run = trend.Options.Granularity == TrendGranularity.Run;
        var by = run ? "run" : trend.Options.Granularity.ToString().ToLowerInvariant();
        var split = (trend.Options.CohortAttribute, trend.Options.Scheme) switch
        {
            (null, null) => string.Empty,
            (null, _) => " by score bucket",
            (var attribute, null) => $" by {attribute}",
            (var attribute, _) => $" by {attribute} and score bucket",
        };
        var yTitle = options.PercentStacked ? "Share of people" : "People";
        return Spec(options.Title ?? $"People per {by}{split}", w =>
        {
            Size(w, options);
            Values(w, trend.Rows, (w, r) =>
            {
                w.WriteString("period", r.PeriodLabel);
                w.WriteString("series", r.Series);
                w.WriteNumber("seriesIndex", indexOf.TryGetValue(r.Series, out var i) ? i : -1);
                w.WriteNumber("people", r.People);
                Number(w, "shareOfPeriod", r.ShareOfPeriod);
                if (r.MeanScore is { } mean && double.IsFinite(mean))
                {
                    w.WriteNumber("meanScore", mean);
                }
            });
            Mark(w, "bar");
            w.WriteStartObject("encoding");
            Discrete(w, "x", "period", run ? "Scoring run" : $"{char.ToUpperInvariant(by[0])}{by[1..]} starting", [.. trend.Periods.Select(p => p.Label)]);
            w.WriteStartObject("y");
            w.WriteString("field", "people");
            w.WriteString("type", "quantitative");
            w.WriteString("title", yTitle);
            w.WriteString("stack", options.PercentStacked ? "normalize" : "zero");
            if (options.PercentStacked)
            {
                w.WriteStartObject("axis");
                w.WriteString("format", ".0%");
                w.WriteEndObject();
            }

            w.WriteEndObject();
            Colour(w, "series", names, colors, legend: true);
            w.WriteStartObject("order");
            w.WriteString("field", "seriesIndex");
            w.WriteString("type", "quantitative");
            w.WriteString("sort", "ascending");
            w.WriteEndObject();
            Tooltip(w, ("period", "Period", null), ("series", "Series", null), ("people", "People", ","), ("shareOfPeriod", "Share of period", ".1%"));
            w.WriteEndObject();
        });
    }
}
