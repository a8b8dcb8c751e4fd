namespace CaiScores.Output;

/// <summary>One node of a Sankey: its column (0 = leftmost), its two label lines, colour, value and tooltip.</summary>
internal sealed record SankeyNode(int Column, string Label, string Detail, string Color, double Value, string Tooltip);

/// <summary>A band from node <paramref name="From"/> to node <paramref name="To"/> (indexes into the nodes; the next column).</summary>
internal sealed record SankeyLink(int From, int To, double Value, string Color, string Tooltip);

/// <summary>
/// A Sankey diagram in columns, left to right: each node a coloured bar with a light box beside it holding its label and
/// detail, stacked top-down in the order given; node heights and band widths are one scale times their values, so the
/// bands leaving (or entering) a node fill its height exactly. Every node keeps room for its two label lines, so labels
/// never overlap; the drawing grows beyond the requested size when the columns or nodes need it.
/// </summary>
internal sealed class Sankey
{
    public const double BarWidth = 8;
    private const double LabelSlot = 26; // two label lines
    private const double Padding = 8;    // between nodes of a column
    private const double MinGap = 56;    // between the boxes of two columns, for the bands
    private const double Margin = 16;
    private const double Top = 58;
    private const int MaxLabelChars = 26;

    public required string Title { get; init; }

    public required IReadOnlyList<string> ColumnTitles { get; init; }

    /// <summary>The nodes, column by column, top-down within a column.</summary>
    public required IReadOnlyList<SankeyNode> Nodes { get; init; }

    /// <summary>The bands; their order does not matter (they are stacked by the order of the nodes they join).</summary>
    public required IReadOnlyList<SankeyLink> Links { get; init; }

    /// <summary>Shown instead of the diagram when there is nothing to draw.</summary>
    public string? EmptyMessage { get; init; }

    public string Render(ChartOptions options)
    {
        var columns = ColumnTitles.Count;
        var byColumn = Enumerable.Range(0, columns).Select(c => Enumerable.Range(0, Nodes.Count).Where(i => Nodes[i].Column == c).ToArray()).ToArray();
        var labels = Nodes.Select(n => Truncate(n.Label)).ToArray();
        var textWidth = Nodes.Count == 0 ? 0 : Nodes.Select((n, i) => Math.Max(labels[i].Length * 7.0, n.Detail.Length * 6.1)).Max();
        var box = BarWidth + Math.Clamp(textWidth + 14, 64, 200);
        var width = Math.Max(options.Width, (2 * Margin) + (columns * box) + (Math.Max(columns - 1, 0) * MinGap));
        var gap = columns > 1 ? (width - (2 * Margin) - (columns * box)) / (columns - 1) : 0;
        var most = byColumn.Length == 0 ? 0 : byColumn.Max(c => c.Length);
        var height = Math.Max(options.Height, Top + Margin + (most * (LabelSlot + Padding)));
        var plot = height - Top - Margin;
        double X(int column) => Margin + (column * (box + gap));

        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);
        var maxTotal = byColumn.Length == 0 ? 0 : byColumn.Max(c => c.Sum(i => Math.Max(0, Nodes[i].Value)));
        if (EmptyMessage is not null || !(maxTotal > 0))
        {
            svg.Text(width / 2, height / 2, EmptyMessage ?? "Nothing to show", "middle", fill: "#666");
            return svg.ToString();
        }

        svg.Group(("class", "columns"));
        for (var c = 0; c < columns; c++)
        {
            svg.Text(X(c), 44, ColumnTitles[c], fill: "#666");
        }

        svg.End();

        // The largest scale at which every column fits the plot, each node taking at least its label's room.
        double Extent(double[] column, double k) => column.Sum(v => Math.Max(v * k, LabelSlot)) + (Padding * (column.Length - 1));
        var values = byColumn.Select(c => c.Select(i => Math.Max(0, Nodes[i].Value)).ToArray()).ToArray();
        double low = 0, high = plot / maxTotal;
        for (var iteration = 0; iteration < 60; iteration++)
        {
            var k = (low + high) / 2;
            if (values.All(c => Extent(c, k) <= plot + 1e-9))
            {
                low = k;
            }
            else
            {
                high = k;
            }
        }

        var scale = low;
        var y = new double[Nodes.Count];
        var h = new double[Nodes.Count];
        foreach (var column in byColumn)
        {
            var next = Top;
            foreach (var i in column)
            {
                y[i] = next;
                h[i] = Math.Max(0, Nodes[i].Value) * scale;
                next += Math.Max(h[i], LabelSlot) + Padding;
            }
        }

        // Bands leave a node top-down in the order of their targets and enter one in the order of their sources.
        var order = Enumerable.Range(0, Links.Count).ToArray();
        var position = new int[Nodes.Count];
        foreach (var column in byColumn)
        {
            for (var p = 0; p < column.Length; p++)
            {
                position[column[p]] = p;
            }
        }

        var outOffset = (double[])y.Clone();
        var inOffset = (double[])y.Clone();
        var from = new double[Links.Count];
        var to = new double[Links.Count];
        foreach (var l in order.OrderBy(l => position[Links[l].From]).ThenBy(l => position[Links[l].To]))
        {
            from[l] = outOffset[Links[l].From];
            outOffset[Links[l].From] += Links[l].Value * scale;
        }

        foreach (var l in order.OrderBy(l => position[Links[l].To]).ThenBy(l => position[Links[l].From]))
        {
            to[l] = inOffset[Links[l].To];
            inOffset[Links[l].To] += Links[l].Value * scale;
        }

        svg.Group(("class", "links"));
        foreach (var l in order.OrderBy(l => Nodes[Links[l].From].Column).ThenBy(l => position[Links[l].From]).ThenBy(l => position[Links[l].To]))
        {
            var link = Links[l];
            var w = Math.Max(0, link.Value) * scale;
            if (w <= 0)
            {
                continue;
            }

            var x0 = X(Nodes[link.From].Column) + box;
            var x1 = X(Nodes[link.To].Column);
            var xm = (x0 + x1) / 2;
            var (y0, y1) = (from[l], to[l]);
            var n = SvgWriter.Number;
            svg.Path(
                $"M{n(x0)},{n(y0)} C{n(xm)},{n(y0)} {n(xm)},{n(y1)} {n(x1)},{n(y1)} L{n(x1)},{n(y1 + w)} C{n(xm)},{n(y1 + w)} {n(xm)},{n(y0 + w)} {n(x0)},{n(y0 + w)} Z",
                link.Color,
                0.4,
                link.Tooltip);
        }

        svg.End();

        svg.Group(("class", "node-boxes"));
        for (var i = 0; i < Nodes.Count; i++)
        {
            svg.Rect(X(Nodes[i].Column) + BarWidth, y[i], box - BarWidth, h[i], HeatTable.Mix("#FFFFFF", Nodes[i].Color, 0.16), Nodes[i].Tooltip);
        }

        svg.End();

        svg.Group(("class", "nodes"));
        for (var i = 0; i < Nodes.Count; i++)
        {
            svg.Rect(X(Nodes[i].Column), y[i], BarWidth, h[i], Nodes[i].Color, Nodes[i].Tooltip);
        }

        svg.End();

        // Labels: centred on a node tall enough for both lines, else from its top down into the room it was given.
        svg.Group(("class", "labels"));
        for (var i = 0; i < Nodes.Count; i++)
        {
            var top = h[i] >= LabelSlot ? y[i] + ((h[i] - LabelSlot) / 2) : y[i];
            var x = X(Nodes[i].Column) + BarWidth + 6;
            svg.Text(x, top + 11, labels[i], weight: "600");
            svg.Text(x, top + 24, Nodes[i].Detail, size: 11, fill: "#444");
        }

        svg.End();
        return svg.ToString();
    }

    private static string Truncate(string label) => label.Length <= MaxLabelChars ? label : string.Concat(label.AsSpan(0, MaxLabelChars - 1), "…");
}
