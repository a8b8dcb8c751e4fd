namespace CaiScores.Output;

/// <summary>One column of an <see cref="UpSetChart"/>: the sets it is made of (a bit per set), its size and its tooltip.</summary>
internal sealed record UpSetColumn(int Members, long Count, string Tooltip);

/// <summary>
/// An UpSet plot: a column per intersection, its size as a bar above a dot matrix whose filled dots (joined by a line)
/// mark the sets it is made of; a row per set, with its name and its size as a bar growing leftwards. Columns are drawn
/// in the order given; those that do not fit the width are left out and counted in a note.
/// </summary>
internal sealed class UpSetChart
{
    private const double CharWidth = 6.6;
    private const double RowHeight = 24;
    private const double MinColumn = 20;
    private const double SetBars = 90;

    public required string Title { get; init; }

    public required IReadOnlyList<string> SetNames { get; init; }

    public required IReadOnlyList<long> SetSizes { get; init; }

    public required IReadOnlyList<UpSetColumn> Columns { get; init; }

    /// <summary>Lines of small print under the matrix.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Shown instead of the plot when there is nothing to draw; null to draw.</summary>
    public string? Message { get; init; }

    public string Render(ChartOptions options)
    {
        var width = Math.Max(options.Width, (Title.Length * CharWidth * 1.4) + 24); // at least as wide as the title
        var nameWidth = Math.Min(220, Math.Max(60, SetNames.Count == 0 ? 0 : SetNames.Max(n => n.Length) * CharWidth) + 12);
        var matrixLeft = 12 + SetBars + nameWidth;
        var room = width - 16 - matrixLeft;
        var shown = (int)Math.Min(Columns.Count, Math.Floor(room / MinColumn));
        var column = shown == 0 ? MinColumn : Math.Min(48, room / shown);
        var top = 44.0;
        var barsBottom = top + Math.Max(140, options.Height - top - (RowHeight * SetNames.Count) - 40 - (16 * Notes.Count));
        var matrixTop = barsBottom + 8;
        var notesTop = matrixTop + (RowHeight * SetNames.Count) + 18;
        var notes = Notes.ToList();
        if (shown < Columns.Count)
        {
            var hidden = Columns.Skip(shown).ToList();
            notes.Add($"{ChartText.Plural(hidden.Count, "smaller intersection")} ({ChartText.Count(hidden.Sum(c => c.Count))} people) not shown here; the result lists every intersection.");
        }

        notes = [.. notes.SelectMany(n => ChartText.Wrap(n, (int)((width - 20) / 6)))];
        var height = notesTop + (16 * notes.Count) + 8;
        var svg = new SvgWriter(width, height, Title);
        svg.Text(width / 2, 22, Title, "middle", weight: "600", size: 14);
        if (Message is not null)
        {
            svg.Group(("class", "message"));
            svg.Text(width / 2, (top + notesTop) / 2, Message, "middle", size: 13, fill: "#555");
            svg.End();
            return svg.ToString();
        }

        double ColumnX(int c) => matrixLeft + ((c + 0.5) * column);
        double RowY(int s) => matrixTop + ((s + 0.5) * RowHeight);

        // Intersection sizes: a y axis of round ticks and a bar per column with its count above it.
        var (axisTop, step) = BarChart.NiceScale(Columns.Take(shown).Select(c => (double)c.Count).DefaultIfEmpty(0).Max() * 1.1);
        double Y(double value) => barsBottom - ((barsBottom - top) * value / axisTop);
        svg.Group(("class", "y-axis"));
        for (var t = 0; t <= (int)Math.Round(axisTop / step); t++)
        {
            var value = t * step;
            svg.Line(matrixLeft, Y(value), matrixLeft + (shown * column), Y(value), t == 0 ? ChartPalette.Axis : ChartPalette.Grid);
            svg.Text(matrixLeft - 6, Y(value) + 4, LineChart.Format(value, ValueFormat.Count, tick: true), "end", fill: "#444");
        }

        svg.Text(matrixLeft - 48, (top + barsBottom) / 2, "Intersection size (people)", "middle", rotate: -90, fill: "#444");
        svg.End();

        svg.Group(("class", "bars"));
        for (var c = 0; c < shown; c++)
        {
            var count = Columns[c].Count;
            svg.Rect(ColumnX(c) - (column * 0.35), Y(count), column * 0.7, barsBottom - Y(count), "#404040", Columns[c].Tooltip);
        }

        svg.End();
        svg.Group(("class", "bar-labels"));
        for (var c = 0; c < shown; c++)
        {
            var label = ChartText.Count(Columns[c].Count);
            if (label.Length * 6 <= column + 4)
            {
                svg.Text(ColumnX(c), Y(Columns[c].Count) - 4, label, "middle", size: 10, fill: "#333");
            }
            else
            {
                svg.Text(ColumnX(c) + 3, Y(Columns[c].Count) - 4, label, "start", rotate: -90, size: 10, fill: "#333");
            }
        }

        svg.End();

        // Sets: a shaded band per row, the name, and the size as a bar growing leftwards.
        var setMax = SetSizes.DefaultIfEmpty(0).Max();
        svg.Group(("class", "sets"));
        for (var s = 0; s < SetNames.Count; s++)
        {
            var y = matrixTop + (s * RowHeight);
            if (s % 2 == 0)
            {
                svg.Rect(12, y, matrixLeft - 12 + (shown * column), RowHeight, "#F4F4F4");
            }

            var length = setMax == 0 ? 0 : (SetBars - 40) * SetSizes[s] / setMax;
            svg.Rect(12 + SetBars - length, y + 5, length, RowHeight - 10, ChartPalette.Single, $"{SetNames[s]}: {ChartText.Count(SetSizes[s])} people");
            svg.Text(12 + SetBars - length - 4, y + 16, ChartText.Count(SetSizes[s]), "end", size: 10, fill: "#444");
            svg.Text(12 + SetBars + 8, y + 16, BarTable.Fit(SetNames[s], nameWidth - 12), fill: "#222");
        }

        svg.Text(12 + SetBars - 4, notesTop - 2, "Set size", "end", size: 11, fill: "#444");
        svg.End();

        // The matrix: a dot per set and column, filled for the sets of the intersection and joined by a line.
        svg.Group(("class", "matrix"));
        for (var c = 0; c < shown; c++)
        {
            var members = Columns[c].Members;
            var rows = Enumerable.Range(0, SetNames.Count).Where(s => (members & (1 << s)) != 0).ToList();
            if (rows.Count > 1)
            {
                svg.Line(ColumnX(c), RowY(rows[0]), ColumnX(c), RowY(rows[^1]), "#404040", 2);
            }

            for (var s = 0; s < SetNames.Count; s++)
            {
                var member = (members & (1 << s)) != 0;
                svg.Dot(ColumnX(c), RowY(s), 5, member ? "#404040" : "#D9D9D9", member ? Columns[c].Tooltip : null, member ? "#404040" : "#D9D9D9");
            }
        }

        svg.End();


        if (notes.Count > 0)
        {
            svg.Group(("class", "notes"));
            for (var n = 0; n < notes.Count; n++)
            {
                svg.Text(12, notesTop + 14 + (16 * n), notes[n], size: 11, fill: "#666");
            }

            svg.End();
        }

        return svg.ToString();
    }
}
