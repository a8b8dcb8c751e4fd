using System.Globalization;

namespace CaiScores.Output;

/// <summary>One series of a bar chart: a value per category and the colour of each bar.</summary>
internal sealed record BarSeries(string Name, IReadOnlyList<string> Colors, IReadOnlyList<double> Values);

/// <summary>
/// Vertical bars, one per category, with the series stacked bottom-up in their order; with one series a plain bar chart.
/// Drawn with a title, a y axis of round ticks and gridlines, category labels (turned when they do not fit), axis titles
/// and, for several series, a legend. Every bar carries a tooltip with its category, series, value and share.
/// </summary>
internal sealed class BarChart
{
    private const double CharWidth = 6.6; // average glyph advance of a 12 px sans-serif, for layout estimates

    public required string Title { get; init; }

    public required string XTitle { get; init; }

    public required string YTitle { get; init; }

    public required IReadOnlyList<string> Categories { get; init; }

    public required IReadOnlyList<BarSeries> Series { get; init; }

    /// <summary>Each stack scaled to 100 % of its own total.</summary>
    public bool Percent { get; init; }

    /// <summary>
    /// The legend's order: true (ordered series such as buckets) lists the top of the stack first, as the segments are
    /// drawn; false (categories such as attribute values) lists the series in their own order, as the tables do.
    /// </summary>
    public bool LegendInStackOrder { get; init; } = true;

    public string Render(ChartOptions options)
    {
        double width = options.Width, height = options.Height;
        var svg = new SvgWriter(width, height, Title);
        var legend = Series.Count > 1;
        var legendWidth = legend ? Math.Min(200, 28 + (CharWidth * Series.Max(s => s.Name.Length))) : 0;
        var left = 72.0;
        var right = width - 16 - legendWidth;
        var top = 40.0;
        var n = Math.Max(Categories.Count, 1);
        var band = (right - left) / n;
        var longest = Categories.Count == 0 ? 0 : Categories.Max(c => c.Length) * CharWidth;
        var turn = longest > band * 0.92;
        var labelDepth = turn ? Math.Min(120, (longest * 0.6) + 12) : 18;
        var bottom = height - 24 - labelDepth;

        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);

        var totals = new double[Categories.Count];
        foreach (var series in Series)
        {
            for (var c = 0; c < Categories.Count; c++)
            {
                totals[c] += Math.Max(0, series.Values[c]);
            }
        }

        var (axisTop, step) = Percent ? (1.0, 0.2) : NiceScale(totals.Length == 0 ? 0 : totals.Max());
        double Y(double value) => bottom - ((bottom - top) * value / axisTop);

        // Gridlines and the y axis.
        svg.Group(("class", "y-axis"));
        var ticks = (int)Math.Round(axisTop / step);
        for (var t = 0; t <= ticks; t++)
        {
            var value = t * step;
            var y = Y(value);
            svg.Line(left, y, right, y, t == 0 ? ChartPalette.Axis : ChartPalette.Grid);
            svg.Text(left - 6, y + 4, Percent ? value.ToString("0%", CultureInfo.InvariantCulture) : FormatCount(value), "end", fill: "#444");
        }

        svg.Text(16, (top + bottom) / 2, YTitle, "middle", rotate: -90, fill: "#444");
        svg.End();

        // Bars, bottom-up per category.
        svg.Group(("class", "bars"));
        var barWidth = band * (Categories.Count > 30 ? 0.86 : 0.7);
        var grandTotal = totals.Sum();
        for (var c = 0; c < Categories.Count; c++)
        {
            var x = left + (c * band) + ((band - barWidth) / 2);
            var below = 0.0;
            foreach (var series in Series)
            {
                var value = Math.Max(0, series.Values[c]);
                if (value == 0)
                {
                    continue;
                }

                var share = totals[c] == 0 ? 0 : value / totals[c];
                var scaled = Percent ? share : value;
                var tooltip = Series.Count == 1
                    ? $"{Categories[c]}: {FormatCount(value)} ({Share(value, grandTotal)} of {FormatCount(grandTotal)})"
                    : $"{Categories[c]} · {series.Name}: {FormatCount(value)} ({Share(value, totals[c])} of {FormatCount(totals[c])})";
                svg.Rect(x, Y(below + scaled), barWidth, Y(below) - Y(below + scaled), series.Colors[c], tooltip);
                below += scaled;
            }
        }

        svg.End();

        // Category labels and the x title.
        svg.Group(("class", "x-axis"));
        for (var c = 0; c < Categories.Count; c++)
        {
            var x = left + (c * band) + (band / 2);
            if (turn)
            {
                svg.Text(x, bottom + 14, Categories[c], "end", rotate: -40, fill: "#444");
            }
            else
            {
                svg.Text(x, bottom + 16, Categories[c], "middle", fill: "#444");
            }
        }

        svg.Text((left + right) / 2, height - 8, XTitle, "middle", fill: "#444");
        svg.End();

        if (legend)
        {
            svg.Group(("class", "legend"));
            var lx = right + 16;

            // Every entry fits beside the plot: rows close up (down to 12 px) when there are many series.
            var row = Math.Clamp((height - top - 8) / Series.Count, 12, 20);
            var swatch = Math.Min(12, row - 3);
            for (var i = 0; i < Series.Count; i++)
            {
                var series = LegendInStackOrder ? Series[Series.Count - 1 - i] : Series[i];
                var ly = top + (i * row);
                svg.Rect(lx, ly, swatch, swatch, series.Colors.Count == 0 ? ChartPalette.Single : series.Colors[0]);
                svg.Text(lx + swatch + 6, ly + swatch - 2, series.Name, size: row < 16 ? 11 : null);
            }

            svg.End();
        }

        return svg.ToString();
    }

    /// <summary>The top of the axis and its step: 1, 2 or 5 × 10^k, about five steps, the top at or above <paramref name="max"/>.</summary>
    internal static (double Top, double Step) NiceScale(double max)
    {
        if (!(max > 0) || double.IsInfinity(max))
        {
            return (1, 0.2);
        }

        var raw = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            <= 1 => magnitude,
            <= 2 => 2 * magnitude,
            <= 5 => 5 * magnitude,
            _ => 10 * magnitude,
        };
        if (max >= 1 && step < 1)
        {
            step = 1; // counts: whole ticks
        }

        return (Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    private static string Share(double part, double whole) => (whole == 0 ? 0 : part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string FormatCount(double value) => ChartText.Number(value);
}
