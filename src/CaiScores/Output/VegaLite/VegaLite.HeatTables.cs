using System.Globalization;
using System.Text.Json;
using CaiScores.Cohorts;
using CaiScores.Transitions;

namespace CaiScores.Output;

/// <content>The heat tables: a transition matrix and a cohort table, each a <c>rect</c> layer shaded by a share and a
/// <c>text</c> layer of the values.</content>
public static partial class VegaLite
{
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

    private static void HeatSize(Utf8JsonWriter w)
    {
        w.WriteStartObject("width");
        w.WriteNumber("step", 64);
        w.WriteEndObject();
        w.WriteStartObject("height");
        w.WriteNumber("step", 28);
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
}
