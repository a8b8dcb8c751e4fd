using System.Globalization;

namespace CaiScores.Output;

/// <summary>One cell of a heat table: its text, its shade (0 to 1; null for no shading) and its tooltip.</summary>
internal readonly record struct HeatCell(string Text, double? Shade, string Tooltip);

/// <summary>
/// A table whose cells are shaded by a value between 0 and 1 on a single-hue ramp (light to dark; the text turns white on
/// dark cells): transition matrices, cohort tables. Row labels on the left, an optional plain (unshaded) column after
/// them, column labels on top.
/// </summary>
internal sealed class HeatTable
{
    private const double CharWidth = 6.6;
    private const double RowHeight = 26;

    public required string Title { get; init; }

    public required string Corner { get; init; }

    public required IReadOnlyList<string> RowLabels { get; init; }

    public required IReadOnlyList<string> ColumnLabels { get; init; }

    /// <summary>Cells by row, then column; a row may be shorter than the columns (the rest left empty).</summary>
    public required IReadOnlyList<IReadOnlyList<HeatCell?>> Cells { get; init; }

    /// <summary>The ramp's light and dark ends.</summary>
    public required (string Light, string Dark) Ramp { get; init; }

    public string Render()
    {
        var labelWidth = Math.Max(CharWidth * Math.Max(Corner.Length, RowLabels.Count == 0 ? 0 : RowLabels.Max(l => l.Length)), 60) + 16;
        var cellWidth = Math.Max(64, (ColumnLabels.Count == 0 ? 0 : ColumnLabels.Max(l => l.Length) * CharWidth) + 12);
        double top = 44, left = 8;
        // A table takes the size its cells need (at least wide enough for the title): no empty canvas below it.
        var width = Math.Max(left + labelWidth + (cellWidth * ColumnLabels.Count) + 8, (Title.Length * CharWidth * 1.4) + 24);
        var height = top + (RowHeight * (RowLabels.Count + 1)) + 12;
        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);

        svg.Group(("class", "header"));
        svg.Text(left + 4, top + 17, Corner, weight: "600", fill: "#444");
        for (var c = 0; c < ColumnLabels.Count; c++)
        {
            svg.Text(left + labelWidth + (c * cellWidth) + (cellWidth / 2), top + 17, ColumnLabels[c], "middle", weight: "600", fill: "#444");
        }

        svg.Line(left, top + RowHeight, left + labelWidth + (cellWidth * ColumnLabels.Count), top + RowHeight, ChartPalette.Axis);
        svg.End();

        svg.Group(("class", "cells"));
        for (var r = 0; r < RowLabels.Count; r++)
        {
            var y = top + (RowHeight * (r + 1));
            svg.Text(left + 4, y + 17, RowLabels[r], fill: "#222");
            var row = Cells[r];
            for (var c = 0; c < ColumnLabels.Count && c < row.Count; c++)
            {
                if (row[c] is not { } cell)
                {
                    continue;
                }

                var x = left + labelWidth + (c * cellWidth);
                var shade = cell.Shade is { } s && double.IsFinite(s) ? Math.Clamp(s, 0, 1) : (double?)null;
                svg.Rect(x + 1, y + 1, cellWidth - 2, RowHeight - 2, shade is { } v ? Mix(Ramp.Light, Ramp.Dark, v) : "#FFFFFF", cell.Tooltip, stroke: ChartPalette.Grid);
                svg.Text(x + (cellWidth / 2), y + 17, cell.Text, "middle", fill: shade > 0.55 ? "#FFFFFF" : "#222");
            }
        }

        svg.End();
        return svg.ToString();
    }

    /// <summary>The colour a fraction <paramref name="t"/> of the way from <paramref name="light"/> to <paramref name="dark"/> (#RRGGBB).</summary>
    internal static string Mix(string light, string dark, double t)
    {
        static int Channel(string color, int i) => int.Parse(color.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        Span<char> text = stackalloc char[7];
        text[0] = '#';
        for (var i = 0; i < 3; i++)
        {
            var value = (int)Math.Round(Channel(light, i) + ((Channel(dark, i) - Channel(light, i)) * t), MidpointRounding.AwayFromZero);
            value.TryFormat(text.Slice(1 + (2 * i), 2), out _, "X2", CultureInfo.InvariantCulture);
        }

        return new string(text);
    }
}
