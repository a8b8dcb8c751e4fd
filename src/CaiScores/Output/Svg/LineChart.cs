using System.Globalization;

namespace CaiScores.Output;

/// <summary>How a value axis and its labels are written.</summary>
internal enum ValueFormat
{
    /// <summary>Whole counts with thousands separators (<c>1,234</c>).</summary>
    Count,

    /// <summary>Fractions as percentages (<c>0.25</c> → <c>25%</c>).</summary>
    Percent,

    /// <summary>Plain ratios with up to two decimals (<c>1.35</c>).</summary>
    Ratio,
}

/// <summary>A point of a line: its x (a category index, or a value on the numeric x axis), its y and its tooltip.</summary>
internal readonly record struct LinePoint(double X, double Y, string Tooltip);

/// <summary>A line through points in order; a null point breaks the line (no value there).</summary>
internal sealed record LineSeries(string Color, IReadOnlyList<LinePoint?> Points, string? Dash = null, double Width = 2.5, bool Markers = true);

/// <summary>A bar of a category: its value, colour, the text written above it and its tooltip.</summary>
internal sealed record ValueBar(double Value, string Color, string Label, string Tooltip);

/// <summary>A horizontal line across the plot at a value, labelled at its right end.</summary>
internal sealed record ReferenceLine(double Value, string Label);

/// <summary>An entry of the legend: a swatch (a square) or a line sample (solid or dashed) and its text.</summary>
internal sealed record LegendItem(string Text, string Color, bool Line = false, string? Dash = null);

/// <summary>
/// A plot with a value axis of round ticks (counts, percentages or ratios) and an x axis either of categories (bands, as a
/// bar chart's) or of a numeric range: bars with their value written above, lines with dots, dashed reference lines,
/// a legend and notes under the axis. With <see cref="Message"/> the plot shows that text instead of data (a result with
/// nothing to draw says so). Every bar and dot carries a tooltip.
/// </summary>
internal sealed class LineChart
{
    private const double CharWidth = 6.6;

    public required string Title { get; init; }

    public required string XTitle { get; init; }

    public required string YTitle { get; init; }

    /// <summary>The categories of a banded x axis; null for a numeric x axis from 0 to <see cref="XMax"/>.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>A second, grey line under each category label (<c>120 people</c>); null for none.</summary>
    public IReadOnlyList<string>? SubLabels { get; init; }

    /// <summary>The end of a numeric x axis (its ticks are fifths of it).</summary>
    public double XMax { get; init; } = 1;

    public ValueFormat XFormat { get; init; } = ValueFormat.Percent;

    public ValueFormat YFormat { get; init; } = ValueFormat.Count;

    /// <summary>A fixed top of the value axis (with ticks at fifths); null to fit the data.</summary>
    public double? YMax { get; init; }

    /// <summary>One bar per category (null for none); only with <see cref="Categories"/>.</summary>
    public IReadOnlyList<ValueBar?> Bars { get; init; } = [];

    public IReadOnlyList<LineSeries> Lines { get; init; } = [];

    public IReadOnlyList<ReferenceLine> References { get; init; } = [];

    public IReadOnlyList<LegendItem> Legend { get; init; } = [];

    /// <summary>Lines of small print under the x axis title, wrapped to the width.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Shown in the plot instead of the data; null to draw the data.</summary>
    public string? Message { get; init; }

    public string Render(ChartOptions options)
    {
        double width = Math.Max(options.Width, (Title.Length * CharWidth * 1.4) + 24), height = options.Height; // at least as wide as the title
        var svg = new SvgWriter(width, height, Title);
        var legendWidth = Legend.Count == 0 ? 0 : Math.Min(220, 40 + (CharWidth * Legend.Max(l => l.Text.Length)));
        var left = 72.0;
        var right = width - 24 - legendWidth;
        var top = 44.0;
        var categories = Categories ?? [];
        var band = (right - left) / Math.Max(categories.Count, 1);
        var longest = categories.Count == 0 ? 0 : categories.Max(c => c.Length) * CharWidth;
        var turn = Categories is not null && longest > band * 0.92;
        var labelDepth = turn ? Math.Min(120, (longest * 0.6) + 12) : 18 + (SubLabels is null ? 0 : 14);
        var notes = Notes.SelectMany(n => ChartText.Wrap(n, (int)((width - left - 8) / 6))).ToList();
        var bottom = height - 24 - labelDepth - (16 * notes.Count);

        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);

        var (axisTop, step) = YMax is { } fixedTop ? (fixedTop, fixedTop / 5) : Scale(DataMax());
        double Y(double value) => bottom - ((bottom - top) * Math.Clamp(value, 0, axisTop) / axisTop);
        double X(double x) => Categories is null ? left + ((right - left) * Math.Clamp(x, 0, XMax) / XMax) : left + ((x + 0.5) * band);

        // Gridlines and the value axis.
        svg.Group(("class", "y-axis"));
        var ticks = (int)Math.Round(axisTop / step);
        for (var t = 0; t <= ticks; t++)
        {
            var value = t * step;
            svg.Line(left, Y(value), right, Y(value), t == 0 ? ChartPalette.Axis : ChartPalette.Grid);
            svg.Text(left - 6, Y(value) + 4, Format(value, YFormat, tick: true), "end", fill: "#444");
        }

        svg.Text(16, (top + bottom) / 2, YTitle, "middle", rotate: -90, fill: "#444");
        svg.End();

        // The x axis: category labels (and sub-labels) under the bands, or ticks at fifths of the range.
        svg.Group(("class", "x-axis"));
        if (Categories is null)
        {
            svg.Line(left, top, left, bottom, ChartPalette.Axis);
            for (var t = 0; t <= 5; t++)
            {
                var value = XMax * t / 5;
                svg.Line(X(value), bottom, X(value), bottom + 4, ChartPalette.Axis);
                svg.Text(X(value), bottom + 16, Format(value, XFormat, tick: true), "middle", fill: "#444");
            }
        }
        else
        {
            for (var c = 0; c < categories.Count; c++)
            {
                if (turn)
                {
                    svg.Text(X(c), bottom + 14, categories[c], "end", rotate: -40, fill: "#444");
                    continue;
                }

                svg.Text(X(c), bottom + 16, categories[c], "middle", fill: "#444");
                if (SubLabels is not null && c < SubLabels.Count)
                {
                    svg.Text(X(c), bottom + 30, SubLabels[c], "middle", size: 11, fill: "#777");
                }
            }
        }

        svg.Text((left + right) / 2, bottom + labelDepth + 16, XTitle, "middle", fill: "#444");
        for (var n = 0; n < notes.Count; n++)
        {
            svg.Text(left, bottom + labelDepth + 34 + (16 * n), notes[n], size: 11, fill: "#666");
        }

        svg.End();

        if (Message is not null)
        {
            svg.Group(("class", "message"));
            svg.Text((left + right) / 2, (top + bottom) / 2, Message, "middle", size: 13, fill: "#555");
            svg.End();
            return svg.ToString();
        }

        if (Bars.Count > 0)
        {
            svg.Group(("class", "bars"));
            var barWidth = band * 0.64;
            for (var c = 0; c < Bars.Count && c < categories.Count; c++)
            {
                if (Bars[c] is not { } bar)
                {
                    continue;
                }

                var value = Math.Max(0, bar.Value);
                svg.Rect(X(c) - (barWidth / 2), Y(value), barWidth, bottom - Y(value), bar.Color, bar.Tooltip);
            }

            svg.End();
        }

        // Reference lines under the bar labels, and every label on a white halo: a line never crosses a label out.
        if (References.Count > 0)
        {
            svg.Group(("class", "references"));
            foreach (var reference in References)
            {
                svg.Polyline([(left, Y(reference.Value)), (right, Y(reference.Value))], "#333", 1.5, "6 4");
                svg.Text(right - 4, Y(reference.Value) - 5, reference.Label, "end", size: 11, fill: "#333", halo: true);
            }

            svg.End();
        }

        if (Bars.Count > 0)
        {
            svg.Group(("class", "bar-labels"));
            for (var c = 0; c < Bars.Count && c < categories.Count; c++)
            {
                if (Bars[c] is { } bar)
                {
                    svg.Text(X(c), Y(Math.Max(0, bar.Value)) - 5, bar.Label, "middle", fill: "#333", halo: true);
                }
            }

            svg.End();
        }

        if (Lines.Count > 0)
        {
            svg.Group(("class", "lines"));
            foreach (var line in Lines)
            {
                // A null point ends a stretch of line; each stretch is one polyline.
                var stretch = new List<(double, double)>();
                foreach (var point in line.Points.Append(null))
                {
                    if (point is { } p)
                    {
                        stretch.Add((X(p.X), Y(p.Y)));
                        continue;
                    }

                    if (stretch.Count > 1)
                    {
                        svg.Polyline(stretch, line.Color, line.Width, line.Dash);
                    }

                    stretch.Clear();
                }
            }

            svg.End();
            svg.Group(("class", "points"));
            foreach (var line in Lines.Where(l => l.Markers))
            {
                foreach (var p in line.Points.OfType<LinePoint>())
                {
                    svg.Dot(X(p.X), Y(p.Y), 4, line.Color, p.Tooltip);
                }
            }

            svg.End();
        }

        if (Legend.Count > 0)
        {
            svg.Group(("class", "legend"));
            var lx = right + 20;
            for (var i = 0; i < Legend.Count; i++)
            {
                var item = Legend[i];
                var ly = top + (i * 20);
                if (item.Line)
                {
                    svg.Polyline([(lx, ly + 6), (lx + 22, ly + 6)], item.Color, 2.5, item.Dash);
                }
                else
                {
                    svg.Rect(lx + 5, ly, 12, 12, item.Color);
                }

                svg.Text(lx + 28, ly + 10, item.Text);
            }

            svg.End();
        }

        return svg.ToString();
    }

    /// <summary>A value as an axis or label writes it: <c>1,234</c>, <c>25%</c> (ticks) or <c>25.0%</c>, <c>1.35</c>.</summary>
    internal static string Format(double value, ValueFormat format, bool tick = false) => format switch
    {
        ValueFormat.Percent => value.ToString(tick ? "0.#%" : "0.0%", CultureInfo.InvariantCulture),
        ValueFormat.Ratio => value.ToString(tick ? "0.##" : "0.00", CultureInfo.InvariantCulture),
        _ => ChartText.Number(value),
    };

    /// <summary>The top of the value axis and its step (see <see cref="BarChart.NiceScale"/>); fractions get fractional steps.</summary>
    private (double Top, double Step) Scale(double max)
    {
        if (YFormat == ValueFormat.Count)
        {
            return BarChart.NiceScale(max);
        }

        // NiceScale keeps whole steps for counts; scaled up, a fraction's steps are whole too, and scaled back exact enough.
        const double Factor = 1e6;
        var (top, step) = BarChart.NiceScale(max * Factor);
        return max > 0 && double.IsFinite(max) ? (top / Factor, step / Factor) : (1, 0.2);
    }

    private double DataMax()
    {
        var max = 0.0;
        foreach (var bar in Bars.OfType<ValueBar>())
        {
            max = Math.Max(max, bar.Value);
        }

        foreach (var point in Lines.SelectMany(l => l.Points).OfType<LinePoint>())
        {
            max = Math.Max(max, point.Y);
        }

        foreach (var reference in References)
        {
            max = Math.Max(max, reference.Value);
        }

        // Room above the tallest bar for its label.
        return Bars.Count > 0 ? max * 1.08 : max;
    }
}
