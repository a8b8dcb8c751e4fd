using CaiScores.Output;

namespace CaiScores.Tests.Output.Tables;

public sealed class ResultTableTests
{
    [Fact]
    public void Columns_are_found_by_name_and_an_unknown_name_lists_them()
    {
        var table = new ResultTable("t", "T", [ResultColumn.Strings("a", ["x", null]), ResultColumn.Int64s("b", [1, 2])]);
        Assert.Equal(2, table.RowCount);
        Assert.Same(table.Columns[1], table["b"]);
        Assert.True(table.HasColumn("a"));
        Assert.False(table.HasColumn("A"));
        var error = Assert.Throws<KeyNotFoundException>(() => table["c"]);
        Assert.Contains("its columns are a, b", error.Message, StringComparison.Ordinal);
        Assert.Equal("t: 2 rows × 2 columns", table.ToString());
    }

    [Fact]
    public void Construction_reports_every_problem_at_once()
    {
        var error = Assert.Throws<ArgumentException>(() => new ResultTable("t", "T",
            [ResultColumn.Int64s("a", [1, 2]), ResultColumn.Int64s("a", [1, 2]), ResultColumn.Doubles("c", [1.0])]));
        Assert.Contains("two columns are named 'a'", error.Message, StringComparison.Ordinal);
        Assert.Contains("column 'c' has 1 values, 'a' 2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ResultTable("t", "T", []));
        Assert.Throws<ArgumentException>(() => new ResultTable(" ", "T", [ResultColumn.Int64s("a", [1])]));
        Assert.Throws<ArgumentException>(() => new ResultTable("t", "", [ResultColumn.Int64s("a", [1])]));
    }

    [Fact]
    public void A_table_without_rows_is_allowed()
    {
        var table = new ResultTable("t", "T", [ResultColumn.Strings("a", [])]);
        Assert.Equal(0, table.RowCount);
    }

    [Fact]
    public void Head_keeps_the_first_rows_of_every_kind_of_column()
    {
        var at = new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.Zero);
        var table = new ResultTable("t", "T",
        [
            ResultColumn.Strings("s", ["a", null, "c"], "strings"),
            ResultColumn.Int64s("i", [1, 2, null]),
            ResultColumn.Doubles("d", [0.5, null, 1.5], isShare: true),
            ResultColumn.Dates("day", [new DateOnly(2026, 1, 4), null, null]),
            ResultColumn.Booleans("b", [true, false, null]),
            ResultColumn.Timestamps("at", [at, null, at]),
        ]);

        var head = table.Head(2);

        Assert.Equal(2, head.RowCount);
        Assert.Equal(("t", "T"), (head.Name, head.Title));
        Assert.Equal(table.Columns.Select(c => (c.Name, c.Kind, c.Description, c.IsShare)), head.Columns.Select(c => (c.Name, c.Kind, c.Description, c.IsShare)));
        foreach (var (column, original) in head.Columns.Zip(table.Columns))
        {
            Assert.Equal(Enumerable.Range(0, 2).Select(original.GetValue), Enumerable.Range(0, 2).Select(column.GetValue));
        }

        Assert.Same(table, table.Head(3));
        Assert.Equal(0, table.Head(0).RowCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Head(-1));
    }
}
