using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Output;

/// <summary>
/// Vega-Lite v5 specifications (in namespace <c>CaiScores.Output</c>, beside <see cref="SvgCharts"/>) of the charts <see cref="SvgCharts"/> draws, for a reporting front end that renders with
/// vega-embed: each method returns a self-contained JSON spec (<c>$schema</c>, title, inline <c>data.values</c>, encodings).
/// </summary>
/// <remarks>
/// <para>Categories keep the result's order, never Vega-Lite's alphabetical default: every discrete axis and colour has an
/// explicit <c>sort</c> array (buckets ascending, "No value" last; periods in time order; Entry last among rows, Exit last
/// among columns). CAI's Low/Medium/High take red/yellow/green for a conversion model and green/yellow/red for churn
/// (<see cref="ChartOptions.Propensity"/>) through an explicit colour scale <c>domain</c>/<c>range</c>; "No value" is grey.
/// Each mark has a tooltip.</para>
/// <para>The JSON is written with <see cref="Utf8JsonWriter"/>: strings from the data are JSON-escaped by construction,
/// including <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes, so a spec can be embedded in an HTML <c>&lt;script&gt;</c>.
/// Numbers are written in the invariant format; a share without a value is written as <c>null</c>. Two-space indentation,
/// <c>\n</c> line ends. The output depends only on the result and the options.</para>
/// </remarks>
public static class VegaLite
{
    /// <summary>The Vega-Lite schema every spec names.</summary>
    public const string SchemaUrl = "https://vega.github.io/schema/vega-lite/v5.json";

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
        var colors = series.Select(s => s.IsNoValue ? ChartPalette.NoValue
            : s.Cohort is null ? ChartPalette.Cai(s.Bucket, options.Propensity) ?? ChartPalette.Category(s.Index)
            : ChartPalette.Category(s.Index)).ToArray();
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

    /// <summary>
    /// The transition matrix as a heat table (a <c>rect</c> and a <c>text</c> layer): a row per from-run state (buckets,
    /// "No value" when shown, Entry), a column per to-run state (buckets, "No value", Exit); each cell shows its persons and
    /// is shaded by its row share (where the row's persons went), blue from 0 to 1.
    /// </summary>
    /// <param name="matrix">The result to chart.</param>
    /// <param name="options">The title; null for the defaults. The table takes the size its cells need (Width and Height
    /// are not used).</param>
    /// <returns>A Vega-Lite v5 spec with one value per cell. Data fields: <c>from</c>, <c>to</c>, <c>count</c>,
    /// <c>rowShare</c>, <c>columnShare</c> (0–1), <c>fromTotal</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="matrix"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Transitions(TransitionMatrix matrix, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        options = ChartOptions.Validate(options);
        var cells = matrix.Rows.SelectMany(r => r.Cells.Select(c => (Row: r, Cell: c))).ToList();
        return Spec(options.Title ?? string.Create(CultureInfo.InvariantCulture, $"From run {matrix.From:yyyy-MM-dd} (rows) to run {matrix.To:yyyy-MM-dd} (columns)"), w =>
        {
            HeatSize(w);
            Values(w, cells, (w, x) =>
            {
                w.WriteString("from", x.Cell.From.Label);
                w.WriteString("to", x.Cell.To.Label);
                w.WriteNumber("count", x.Cell.Count);
                Number(w, "rowShare", x.Cell.RowShare);
                Number(w, "columnShare", x.Cell.ColumnShare);
                w.WriteNumber("fromTotal", x.Row.Total);
            });
            w.WriteStartObject("encoding");
            Discrete(w, "x", "to", $"To run {matrix.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", [.. matrix.Columns.Select(c => c.To.Label)], top: true);
            Discrete(w, "y", "from", $"From run {matrix.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", [.. matrix.Rows.Select(r => r.From.Label)]);
            w.WriteEndObject();
            HeatLayers(w, "rowShare", "Row share", ("#F7FBFF", "#08519C"), "count", ",",
                ("from", "From", null), ("to", "To", null), ("count", "Persons", ","), ("rowShare", "Share of row", ".1%"), ("columnShare", "Share of column", ".1%"), ("fromTotal", "Row total", ","));
        });
    }

    /// <summary>
    /// The cohort table as a heat table (a <c>rect</c> and a <c>text</c> layer): a row per cohort (and split item) and the
    /// average row last, a column per offset (<c>+1 Week</c>, …); each cell shows its share of Included and is shaded by it,
    /// green for retention, red for churn.
    /// </summary>
    /// <param name="cohorts">The result to chart.</param>
    /// <param name="options">The title; null for the defaults. The table takes the size its cells need (Width and Height
    /// are not used).</param>
    /// <returns>A Vega-Lite v5 spec with one value per cohort cell and per average cell (offsets 1 and up). Data fields:
    /// <c>cohort</c>, <c>offset</c> (column label), <c>share</c> (0–1, null when the cell has no share), <c>count</c> and
    /// <c>included</c> (absent on the average row), <c>rows</c> (average row only).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cohorts"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid.</exception>
    public static string Cohorts(CohortTable cohorts, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        options = ChartOptions.Validate(options);
        var churn = cohorts.Options.Type == CohortType.Churn;
        var unit = cohorts.Options.Granularity.ToString();
        var offsets = Math.Max(
            cohorts.Rows.SelectMany(r => r.Cells).Select(c => c.Offset).DefaultIfEmpty(0).Max(),
            cohorts.Average.Select(a => a.Offset).DefaultIfEmpty(0).Max());
        string Column(int offset) => string.Create(CultureInfo.InvariantCulture, $"+{offset} {unit}");
        var labels = cohorts.Rows.Select(r => r.Item is null ? r.Label : $"{r.Label} · {r.Item}").ToList();
        var cells = new List<(string Cohort, int Offset, double? Share, long? Count, long? Included, int? Rows)>();
        for (var i = 0; i < cohorts.Rows.Count; i++)
        {
            var row = cohorts.Rows[i];
            cells.AddRange(row.Cells.Where(c => c.Offset >= 1).Select(c => (labels[i], c.Offset, c.Share, (long?)c.Count, (long?)row.Included, (int?)null)));
        }

        cells.AddRange(cohorts.Average.Where(a => a.Offset >= 1).Select(a => ("Average", a.Offset, a.Share, (long?)null, (long?)null, (int?)a.Rows)));
        return Spec(options.Title ?? $"{(churn ? "Churn" : "Retention")} by {unit.ToLowerInvariant()} cohort{(cohorts.Options.Rolling ? " (rolling)" : string.Empty)}", w =>
        {
            HeatSize(w);
            Values(w, cells, (w, c) =>
            {
                w.WriteString("cohort", c.Cohort);
                w.WriteString("offset", Column(c.Offset));
                Number(w, "share", c.Share);
                if (c.Count is { } count)
                {
                    w.WriteNumber("count", count);
                }

                if (c.Included is { } included)
                {
                    w.WriteNumber("included", included);
                }

                if (c.Rows is { } rows)
                {
                    w.WriteNumber("rows", rows);
                }
            });
            w.WriteStartObject("encoding");
            Discrete(w, "x", "offset", $"{unit}s after the cohort's start", [.. Enumerable.Range(1, offsets).Select(Column)], top: true);
            Discrete(w, "y", "cohort", "Cohort", [.. labels, "Average"]);
            w.WriteEndObject();
            HeatLayers(w, "share", churn ? "Churned" : "Retained", churn ? ("#FFF5F0", "#A50F15") : ("#F7FCF5", "#006D2C"), "share", ".1%",
                ("cohort", "Cohort", null), ("offset", "Offset", null), ("share", "Share of included", ".1%"), ("count", "Persons", ","), ("included", "Included", ","));
        });
    }

    private static string Spec(string title, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
#if NET9_0_OR_GREATER
            NewLine = "\n",
#endif
        }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUrl);
            w.WriteString("title", title);
            body(w);
            w.WriteEndObject();
        }

        // Raw line breaks only occur between tokens (a string's are escaped), so this only normalises net8.0 on Windows.
        return Encoding.UTF8.GetString(buffer.WrittenSpan).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Size(Utf8JsonWriter w, ChartOptions options)
    {
        w.WriteNumber("width", options.Width);
        w.WriteNumber("height", options.Height);
    }

    private static void HeatSize(Utf8JsonWriter w)
    {
        w.WriteStartObject("width");
        w.WriteNumber("step", 64);
        w.WriteEndObject();
        w.WriteStartObject("height");
        w.WriteNumber("step", 28);
        w.WriteEndObject();
    }

    private static void Values<T>(Utf8JsonWriter w, IEnumerable<T> rows, Action<Utf8JsonWriter, T> write)
    {
        w.WriteStartObject("data");
        w.WriteStartArray("values");
        foreach (var row in rows)
        {
            w.WriteStartObject();
            write(w, row);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Mark(Utf8JsonWriter w, string type)
    {
        w.WriteStartObject("mark");
        w.WriteString("type", type);
        w.WriteBoolean("tooltip", true);
        w.WriteEndObject();
    }

    private static void Discrete(Utf8JsonWriter w, string channel, string field, string title, IReadOnlyList<string> order, bool top = false)
    {
        w.WriteStartObject(channel);
        w.WriteString("field", field);
        w.WriteString("type", "ordinal");
        w.WriteString("title", title);
        Strings(w, "sort", order);
        w.WriteStartObject("axis");
        w.WriteNumber("labelAngle", 0);
        if (top)
        {
            w.WriteString("orient", "top");
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Quantitative(Utf8JsonWriter w, string channel, string field, string title)
    {
        w.WriteStartObject(channel);
        w.WriteString("field", field);
        w.WriteString("type", "quantitative");
        w.WriteString("title", title);
        w.WriteEndObject();
    }

    private static void Colour(Utf8JsonWriter w, string field, IReadOnlyList<string> domain, IReadOnlyList<string> range, bool legend)
    {
        w.WriteStartObject("color");
        w.WriteString("field", field);
        w.WriteString("type", "nominal");
        Strings(w, "sort", domain);
        w.WriteStartObject("scale");
        Strings(w, "domain", domain);
        Strings(w, "range", range);
        w.WriteEndObject();
        if (!legend)
        {
            w.WriteNull("legend");
        }
        else
        {
            w.WriteStartObject("legend");
            w.WriteString("title", null as string);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void HeatLayers(
        Utf8JsonWriter w,
        string shadeField,
        string shadeTitle,
        (string Low, string High) ramp,
        string textField,
        string textFormat,
        params (string Field, string Title, string? Format)[] tooltip)
    {
        w.WriteStartArray("layer");

        w.WriteStartObject();
        Mark(w, "rect");
        w.WriteStartObject("encoding");
        w.WriteStartObject("color");
        w.WriteString("field", shadeField);
        w.WriteString("type", "quantitative");
        w.WriteString("title", shadeTitle);
        w.WriteStartObject("scale");
        w.WriteStartArray("domain");
        w.WriteNumberValue(0);
        w.WriteNumberValue(1);
        w.WriteEndArray();
        Strings(w, "range", [ramp.Low, ramp.High]);
        w.WriteEndObject();
        w.WriteStartObject("legend");
        w.WriteString("format", ".0%");
        w.WriteEndObject();
        w.WriteEndObject();
        Tooltip(w, tooltip);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteStartObject("mark");
        w.WriteString("type", "text");
        w.WriteNumber("fontSize", 11);
        w.WriteEndObject();
        w.WriteStartObject("encoding");
        w.WriteStartObject("text");
        w.WriteString("field", textField);
        w.WriteString("type", "quantitative");
        w.WriteString("format", textFormat);
        w.WriteEndObject();
        w.WriteStartObject("color");
        w.WriteStartObject("condition");
        w.WriteString("test", $"datum.{shadeField} > 0.5");
        w.WriteString("value", "white");
        w.WriteEndObject();
        w.WriteString("value", "black");
        w.WriteEndObject();
        Tooltip(w, tooltip);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteEndArray();
    }

    private static void Tooltip(Utf8JsonWriter w, params (string Field, string Title, string? Format)[] fields)
    {
        w.WriteStartArray("tooltip");
        foreach (var (field, title, format) in fields)
        {
            w.WriteStartObject();
            w.WriteString("field", field);
            w.WriteString("type", format is null ? "nominal" : "quantitative");
            w.WriteString("title", title);
            if (format is not null)
            {
                w.WriteString("format", format);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

}
