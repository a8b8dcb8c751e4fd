using CaiScores.Output;

namespace CaiScores.Tests.Output.Tables;

public sealed class ResultColumnTests
{
    [Fact]
    public void Values_are_read_back_typed_with_explicit_nulls()
    {
        var day = new DateOnly(2026, 1, 4);
        var instant = new DateTimeOffset(2026, 1, 4, 12, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal([null, "", "x"], Read(ResultColumn.Strings("s", [null, "", "x"]), (c, i) => c.GetString(i)));
        Assert.Equal([1L, null], Read(ResultColumn.Int64s("i", [1, null]), (c, i) => c.GetInt64(i)));
        Assert.Equal([double.NaN, null, -0.0], Read(ResultColumn.Doubles("d", [double.NaN, null, -0.0]), (c, i) => c.GetDouble(i)));
        Assert.Equal([day, null], Read(ResultColumn.Dates("t", [day, null]), (c, i) => c.GetDate(i)));
        Assert.Equal([true, null, false], Read(ResultColumn.Booleans("b", [true, null, false]), (c, i) => c.GetBoolean(i)));
        var utc = ResultColumn.Timestamps("ts", [instant, null]);
        Assert.Equal(instant, utc.GetTimestamp(0));
        Assert.Equal(TimeSpan.Zero, utc.GetTimestamp(0)!.Value.Offset);
        Assert.Equal(1, utc.NullCount);
        Assert.True(utc.IsNull(1));
        Assert.Equal(ResultColumnKind.Timestamp, utc.Kind);
    }

    [Fact]
    public void GetValue_boxes_the_typed_value()
    {
        Assert.Equal(3L, ResultColumn.Int64s("i", [3]).GetValue(0));
        Assert.Null(ResultColumn.Strings("s", [null]).GetValue(0));
        Assert.Equal(0.5, ResultColumn.Doubles("d", [0.5], isShare: true).GetValue(0));
    }

    [Fact]
    public void The_wrong_getter_or_row_throws()
    {
        var column = ResultColumn.Int64s("count", [1, 2], "Persons");
        var error = Assert.Throws<InvalidOperationException>(() => column.GetString(0));
        Assert.Contains("'count' holds Int64 values, not String", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => column.GetInt64(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.IsNull(-1));
        Assert.Equal("Persons", column.Description);
        Assert.False(column.IsShare);
    }

    [Fact]
    public void Values_are_copied()
    {
        long?[] values = [1, 2];
        var column = ResultColumn.Int64s("i", values);
        values[0] = 9;
        Assert.Equal(1, column.GetInt64(0));
        Assert.Throws<ArgumentException>(() => ResultColumn.Int64s(" ", values));
        Assert.Throws<ArgumentNullException>(() => ResultColumn.Int64s("i", null!));
    }

    private static List<T> Read<T>(ResultColumn column, Func<ResultColumn, int, T> get) => [.. Enumerable.Range(0, column.Count).Select(i => get(column, i))];
}
