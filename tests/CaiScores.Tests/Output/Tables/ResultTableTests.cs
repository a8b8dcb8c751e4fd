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
}
