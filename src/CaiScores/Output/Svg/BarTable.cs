namespace CaiScores.Output;

/// <summary>What a row of a <see cref="BarTable"/> is: the total, a group header, an item of a group, or a grey note.</summary>
internal enum BarTableRowKind
{
    Total,
    Group,
    Item,
    Note,
}

/// <summary>
/// One row of a <see cref="BarTable"/>: its label, its count and share as text, the bar's length as a fraction of the bar
/// column (null for no bar), the bar's colour, and the row's tooltip (the full label and its numbers).
/// </summary>
internal sealed record BarTableRow(BarTableRowKind Kind, string Label, string Count, string Share, double? Bar, string Color, string Tooltip);

/// <summary>
/// A freeform table as CJA draws one with a breakdown: a header, then rows of a label, a count, a share and an in-cell bar
/// whose length is the share (0 to 1 of the bar column). Group rows are bold on a tint of their colour with a strip of it
/// at the left; item rows are indented under them. A label too long for its column is cut with an ellipsis; the row's
/// tooltip has it in full. The table is as wide as the options say (at least as wide as its title) and as tall as its rows need; the notes under it wrap.
/// </summary>
internal sealed class BarTable
{
    private const double CharWidth = 6.6;
    private const double RowHeight = 24;
    private const double BarColumn = 150;
    private const double CountColumn = 84;
    private const double ShareColumn = 64;
    private const double Indent = 20;

    public required string Title { get; init; }

    public required string LabelHeader { get; init; }

    public required string CountHeader { get; init; }

    public required string ShareHeader { get; init; }

    public required IReadOnlyList<BarTableRow> Rows { get; init; }

    /// <summary>Lines of small print under the table.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public string Render(ChartOptions options)
    {
        // At least as wide as the title; the bar column narrows on a narrow table, and the notes wrap.
        double left = 8, top = 40;
        var width = Math.Max(options.Width, (Title.Length * CharWidth * 1.4) + 24);
        var barColumn = Math.Clamp(width * 0.21, 80, BarColumn);
        var notes = Notes.SelectMany(n => ChartText.Wrap(n, (int)((width - 20) / 6))).ToList();
        var height = top + (RowHeight * (Rows.Count + 1)) + 12 + (16 * notes.Count);
        var barLeft = width - 12 - barColumn;
        var shareRight = barLeft - 12;
        var countRight = shareRight - ShareColumn;
        var labelRight = countRight - CountColumn + 8;
        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);

        svg.Group(("class", "header"));
        svg.Text(left + 6, top + 16, Fit(LabelHeader, labelRight - left - 6), weight: "600", fill: "#444");
        svg.Text(countRight, top + 16, CountHeader, "end", weight: "600", fill: "#444");
        svg.Text(shareRight, top + 16, ShareHeader, "end", weight: "600", fill: "#444");
        svg.Line(left, top + RowHeight, width - 8, top + RowHeight, ChartPalette.Axis);
        svg.End();

        svg.Group(("class", "rows"));
        for (var r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            var y = top + (RowHeight * (r + 1));
            var text = y + 16;
            var (indent, weight, fill) = row.Kind switch
            {
                BarTableRowKind.Item => (Indent, (string?)null, "#222"),
                BarTableRowKind.Note => (Indent, null, "#777"),
                _ => (0.0, "600", "#222"),
            };
            svg.Group(("class", row.Kind.ToString().ToLowerInvariant()));
            svg.Tooltip(row.Tooltip);
            if (row.Kind == BarTableRowKind.Group)
            {
                svg.Rect(left, y + 1, width - 16, RowHeight - 2, HeatTable.Mix("#FFFFFF", row.Color, 0.16));
                svg.Rect(left, y + 1, 5, RowHeight - 2, row.Color);
            }
            else if (row.Kind == BarTableRowKind.Total)
            {
                svg.Line(left, y + RowHeight, width - 8, y + RowHeight, ChartPalette.Grid);
            }

            svg.Text(left + 12 + indent, text, Fit(row.Label, labelRight - left - 12 - indent), weight: weight, fill: fill);
            svg.Text(countRight, text, row.Count, "end", weight: weight, fill: fill);
            svg.Text(shareRight, text, row.Share, "end", weight: weight, fill: fill);
            if (row.Bar is { } bar && double.IsFinite(bar))
            {
                svg.Rect(barLeft, y + 6, barColumn, RowHeight - 12, "#F0F0F0");
                svg.Rect(barLeft, y + 6, barColumn * Math.Clamp(bar, 0, 1), RowHeight - 12, row.Color);
            }

            svg.End();
        }

        svg.End();

        if (notes.Count > 0)
        {
            svg.Group(("class", "notes"));
            for (var n = 0; n < notes.Count; n++)
            {
                svg.Text(left + 6, top + (RowHeight * (Rows.Count + 1)) + 20 + (16 * n), notes[n], size: 11, fill: "#666");
            }

            svg.End();
        }

        return svg.ToString();
    }

    /// <summary>The text, cut with an ellipsis when it is wider (estimated) than <paramref name="room"/> pixels.</summary>
    internal static string Fit(string text, double room)
    {
        var chars = Math.Max(4, (int)(room / CharWidth));
        if (text.Length <= chars)
        {
            return text;
        }

        // Do not cut a surrogate pair in two.
        var cut = chars - 1;
        if (char.IsLowSurrogate(text[cut]) && cut > 0)
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(), "…");
    }
}
