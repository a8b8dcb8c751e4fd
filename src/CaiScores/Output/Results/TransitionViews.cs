using CaiScores.Transitions;

namespace CaiScores.Output;

/// <summary>How transitions are shown: one matrix, or a series of them between consecutive runs, in the same three tables.</summary>
internal static class TransitionViews
{
    /// <summary>The matrix: its cells, row and column totals and summary, drawn as a heat table.</summary>
    public static readonly ResultView<TransitionMatrix> Matrix = new(Tables, m => [SvgCharts.Transitions(m)]);

    /// <summary>The series: every matrix's tables told apart by their runs; the latest <see cref="ResultDump.MaxMatrices"/> matrices drawn.</summary>
    public static readonly ResultView<TransitionSeries> Series = new(
        Tables,
        s => s.Matrices.Skip(Math.Max(0, s.Matrices.Count - ResultDump.MaxMatrices)).Select(m => SvgCharts.Transitions(m)));

    private static IReadOnlyList<ResultTable> Tables(TransitionMatrix matrix) =>
        Transitions([matrix], $"Transitions {TableText.Day(matrix.From)} to {TableText.Day(matrix.To)}");

    private static IReadOnlyList<ResultTable> Tables(TransitionSeries series) =>
        Transitions(series.Matrices, $"Transitions between consecutive runs, {TableText.Runs(series.Runs)}");

    private static IReadOnlyList<ResultTable> Transitions(IReadOnlyList<TransitionMatrix> matrices, string title)
    {
        var cells = matrices.SelectMany(m => m.Cells.Select(c => (Matrix: m, Cell: c))).ToList();
        var states = matrices.SelectMany(m =>
                m.Rows.Select(r => (Matrix: m, Side: "from", State: r.From, r.Total))
                    .Concat(m.Columns.Select(c => (Matrix: m, Side: "to", State: c.To, c.Total))))
            .ToList();
        return
        [
            new TableBuilder<(TransitionMatrix Matrix, TransitionCell Cell)>("transitions", title, cells)
                .Date("fromRun", c => c.Matrix.From, "The from-run's score date")
                .Date("toRun", c => c.Matrix.To, "The to-run's score date")
                .String("from", c => c.Cell.From.Label, "The row: the bucket in the from-run, No value, or Entry")
                .Enum("fromKind", c => c.Cell.From.Kind, "bucket, noValue or entry")
                .String("to", c => c.Cell.To.Label, "The column: the bucket in the to-run, No value, or Exit")
                .Enum("toKind", c => c.Cell.To.Kind, "bucket, noValue or exit")
                .Int64("count", c => c.Cell.Count, "Persons in from in the from-run and in to in the to-run")
                .Share("rowShare", c => c.Cell.RowShare, "count over the row's total (where the row's persons went)")
                .Share("columnShare", c => c.Cell.ColumnShare, "count over the column's total (where the column's persons came from)")
                .Build(),
            new TableBuilder<(TransitionMatrix Matrix, string Side, TransitionState State, long Total)>("transition-states", title + ": row and column totals", states)
                .Date("fromRun", s => s.Matrix.From, "The from-run's score date")
                .Date("toRun", s => s.Matrix.To, "The to-run's score date")
                .String("side", s => s.Side, "from for a row, to for a column")
                .String("state", s => s.State.Label, "The row's or column's label")
                .Enum("kind", s => s.State.Kind, "bucket, noValue, entry or exit")
                .Int64("total", s => s.Total, "Persons of the row (the from-run's) or column (the to-run's)")
                .Build(),
            new TableBuilder<TransitionMatrix>("transition-summary", title + ": summary", matrices)
                .Date("fromRun", m => m.From, "The from-run's score date")
                .Date("toRun", m => m.To, "The to-run's score date")
                .Int64("fromTotal", m => m.FromTotal, "Persons in a row of the from-run")
                .Int64("toTotal", m => m.ToTotal, "Persons in a column of the to-run")
                .Int64("entries", m => m.Entries, "Persons in the Entry row")
                .Int64("exits", m => m.Exits, "Persons in the Exit column")
                .Int64("inBoth", m => m.InBoth, "fromTotal − exits")
                .Int64("stayed", m => m.Stayed, "Persons in the same bucket in both runs")
                .Int64("movedUp", m => m.MovedUp, "Persons in a higher bucket in the to-run")
                .Int64("movedDown", m => m.MovedDown, "Persons in a lower bucket in the to-run")
                .Int64("noValueFrom", m => m.NoValueFrom, "Persons without a value in the from-run")
                .Int64("noValueTo", m => m.NoValueTo, "Persons without a value in the to-run")
                .Build(),
        ];
    }
}
