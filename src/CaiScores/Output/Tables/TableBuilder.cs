using System.Globalization;
using System.Text.Json;
using CaiScores.Bucketing;

namespace CaiScores.Output;

/// <summary>Builds a <see cref="ResultTable"/> from a list of rows, one column per accessor, in the order added.</summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed class TableBuilder<T>(string name, string title, IReadOnlyList<T> rows)
{
    private readonly List<ResultColumn> _columns = [];

    public TableBuilder<T> String(string column, Func<T, string?> value, string? description = null) =>
        Add(ResultColumn.Strings(column, rows.Select(value), description));

    public TableBuilder<T> Int64(string column, Func<T, long?> value, string? description = null) =>
        Add(ResultColumn.Int64s(column, rows.Select(value), description));

    public TableBuilder<T> Double(string column, Func<T, double?> value, string? description = null) =>
        Add(ResultColumn.Doubles(column, rows.Select(value), description));

    public TableBuilder<T> Share(string column, Func<T, double?> value, string? description = null) =>
        Add(ResultColumn.Doubles(column, rows.Select(value), description, isShare: true));

    public TableBuilder<T> Date(string column, Func<T, DateOnly?> value, string? description = null) =>
        Add(ResultColumn.Dates(column, rows.Select(value), description));

    public TableBuilder<T> Boolean(string column, Func<T, bool?> value, string? description = null) =>
        Add(ResultColumn.Booleans(column, rows.Select(value), description));

    public TableBuilder<T> Timestamp(string column, Func<T, DateTimeOffset?> value, string? description = null) =>
        Add(ResultColumn.Timestamps(column, rows.Select(value), description));

    /// <summary>An enum as its camelCase name, as the JSON output writes it.</summary>
    public TableBuilder<T> Enum<TEnum>(string column, Func<T, TEnum> value, string? description = null)
        where TEnum : struct, System.Enum =>
        String(column, r => EnumName(value(r)), description);

    /// <summary>A nullable enum as its camelCase name; null stays null.</summary>
    public TableBuilder<T> NullableEnum<TEnum>(string column, Func<T, TEnum?> value, string? description = null)
        where TEnum : struct, System.Enum =>
        String(column, r => value(r) is { } v ? EnumName(v) : null, description);

    /// <summary>The four columns of a bucket: <c>bucket</c> (alias, else label), <c>bucketLabel</c>, <c>lower</c>, <c>upper</c>.</summary>
    public TableBuilder<T> Bucket(Func<T, Bucket?> bucket, string prefix = "bucket") =>
        String(prefix, r => bucket(r)?.DisplayName, "The bucket's short name (its alias, e.g. High), else its label")
            .String(prefix + "Label", r => bucket(r)?.Label, "The bucket's label, e.g. 75 or more")
            .Double(prefix == "bucket" ? "lower" : prefix + "Lower", r => bucket(r)?.Lower, "The bucket's inclusive lower edge; null when open below")
            .Double(prefix == "bucket" ? "upper" : prefix + "Upper", r => bucket(r)?.Upper, "The bucket's exclusive upper edge; null when open above");

    public TableBuilder<T> Add(ResultColumn column)
    {
        _columns.Add(column);
        return this;
    }

    public ResultTable Build() => new(name, title, _columns);

    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, System.Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

/// <summary>Helpers for titles.</summary>
internal static class TableText
{
    /// <summary>The description of a <c>bucketIndex</c> column.</summary>
    public const string BucketIndex = "The bucket's position, 0 for the lowest";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>2026-01-04</c>, <c>2026-01-04 to 2026-02-08</c>, or <c>no run</c>.</summary>
    public static string Runs(IReadOnlyList<DateOnly> runs) => runs.Count switch
    {
        0 => "no run",
        1 => Day(runs[0]),
        _ => $"{Day(runs[0])} to {Day(runs[^1])}",
    };
}
