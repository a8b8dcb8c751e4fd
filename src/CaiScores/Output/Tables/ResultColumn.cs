namespace CaiScores.Output;

/// <summary>
/// One column of a <see cref="ResultTable"/>: a name, a kind and one value (or null) per row, stored as a typed array (no
/// boxing per cell). Immutable.
/// </summary>
/// <remarks>
/// Read the values with the getter of the column's kind (<see cref="GetInt64"/> for <see cref="ResultColumnKind.Int64"/>,
/// …), which returns null for a null cell, or with <see cref="GetValue"/> (boxed, for generic code). Timestamps are kept in
/// UTC (offset zero).
/// </remarks>
public sealed class ResultColumn
{
    private readonly string?[]? _strings;
    private readonly long?[]? _int64s;
    private readonly double?[]? _doubles;
    private readonly DateOnly?[]? _dates;
    private readonly bool?[]? _booleans;
    private readonly DateTimeOffset?[]? _timestamps;

    private ResultColumn(string name, ResultColumnKind kind, int count, string? description, bool isShare)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Kind = kind;
        Count = count;
        Description = description;
        IsShare = isShare;
    }

    private ResultColumn(string name, string?[] values, string? description)
        : this(name, ResultColumnKind.String, values.Length, description, false) => _strings = values;

    private ResultColumn(string name, long?[] values, string? description)
        : this(name, ResultColumnKind.Int64, values.Length, description, false) => _int64s = values;

    private ResultColumn(string name, double?[] values, string? description, bool isShare)
        : this(name, ResultColumnKind.Double, values.Length, description, isShare) => _doubles = values;

    private ResultColumn(string name, DateOnly?[] values, string? description)
        : this(name, ResultColumnKind.Date, values.Length, description, false) => _dates = values;

    private ResultColumn(string name, bool?[] values, string? description)
        : this(name, ResultColumnKind.Boolean, values.Length, description, false) => _booleans = values;

    private ResultColumn(string name, DateTimeOffset?[] values, string? description)
        : this(name, ResultColumnKind.Timestamp, values.Length, description, false) => _timestamps = values;

    /// <summary>The column's name: camelCase, the name the value has as a JSON property (<c>count</c>, <c>shareOfPeriod</c>).</summary>
    public string Name { get; }

    /// <summary>The type of the values.</summary>
    public ResultColumnKind Kind { get; }

    /// <summary>The number of values (the table's row count).</summary>
    public int Count { get; }

    /// <summary>What the column holds, in words; null when the name says it all.</summary>
    public string? Description { get; }

    /// <summary>
    /// Whether the values are shares: fractions from 0 to 1 (a rate, a share of a total), which human-facing formats show
    /// as percentages. Only <see cref="ResultColumnKind.Double"/> columns can be shares.
    /// </summary>
    public bool IsShare { get; }

    /// <summary>How many values are null.</summary>
    public int NullCount
    {
        get
        {
            var nulls = 0;
            for (var i = 0; i < Count; i++)
            {
                nulls += IsNull(i) ? 1 : 0;
            }

            return nulls;
        }
    }

    /// <summary>Creates a text column.</summary>
    /// <param name="name">The column's name (camelCase).</param>
    /// <param name="values">The values, nulls allowed; copied.</param>
    /// <param name="description">What the column holds; null for none.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static ResultColumn Strings(string name, IEnumerable<string?> values, string? description = null) =>
        new(name, Copy(values), description);

    /// <summary>Creates a column of whole numbers.</summary>
    /// <inheritdoc cref="Strings" />
    public static ResultColumn Int64s(string name, IEnumerable<long?> values, string? description = null) =>
        new(name, Copy(values), description);

    /// <summary>Creates a column of real numbers.</summary>
    /// <param name="name">The column's name (camelCase).</param>
    /// <param name="values">The values, nulls allowed; copied.</param>
    /// <param name="description">What the column holds; null for none.</param>
    /// <param name="isShare">Whether the values are fractions 0 to 1 (see <see cref="IsShare"/>); default false.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static ResultColumn Doubles(string name, IEnumerable<double?> values, string? description = null, bool isShare = false) =>
        new(name, Copy(values), description, isShare);

    /// <summary>Creates a column of calendar days.</summary>
    /// <inheritdoc cref="Strings" />
    public static ResultColumn Dates(string name, IEnumerable<DateOnly?> values, string? description = null) =>
        new(name, Copy(values), description);

    /// <summary>Creates a column of flags.</summary>
    /// <inheritdoc cref="Strings" />
    public static ResultColumn Booleans(string name, IEnumerable<bool?> values, string? description = null) =>
        new(name, Copy(values), description);

    /// <summary>Creates a column of instants; each is converted to UTC (the instant is kept, the offset is not).</summary>
    /// <inheritdoc cref="Strings" />
    public static ResultColumn Timestamps(string name, IEnumerable<DateTimeOffset?> values, string? description = null) =>
        new(name, [.. Copy(values).Select(v => v?.ToUniversalTime())], description);

    /// <summary>Whether the value of a row is null.</summary>
    /// <param name="row">The row, from 0.</param>
    /// <returns>True for a null cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the column.</exception>
    public bool IsNull(int row) => Kind switch
    {
        ResultColumnKind.String => _strings![CheckRow(row)] is null,
        ResultColumnKind.Int64 => _int64s![CheckRow(row)] is null,
        ResultColumnKind.Double => _doubles![CheckRow(row)] is null,
        ResultColumnKind.Date => _dates![CheckRow(row)] is null,
        ResultColumnKind.Boolean => _booleans![CheckRow(row)] is null,
        _ => _timestamps![CheckRow(row)] is null,
    };

    /// <summary>The value of a row of a <see cref="ResultColumnKind.String"/> column.</summary>
    /// <param name="row">The row, from 0.</param>
    /// <returns>The value; null for a null cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the column.</exception>
    /// <exception cref="InvalidOperationException">The column is of another kind.</exception>
    public string? GetString(int row) => Of(_strings, ResultColumnKind.String)[CheckRow(row)];

    /// <summary>The value of a row of a <see cref="ResultColumnKind.Int64"/> column.</summary>
    /// <inheritdoc cref="GetString" />
    public long? GetInt64(int row) => Of(_int64s, ResultColumnKind.Int64)[CheckRow(row)];

    /// <summary>The value of a row of a <see cref="ResultColumnKind.Double"/> column.</summary>
    /// <inheritdoc cref="GetString" />
    public double? GetDouble(int row) => Of(_doubles, ResultColumnKind.Double)[CheckRow(row)];

    /// <summary>The value of a row of a <see cref="ResultColumnKind.Date"/> column.</summary>
    /// <inheritdoc cref="GetString" />
    public DateOnly? GetDate(int row) => Of(_dates, ResultColumnKind.Date)[CheckRow(row)];

    /// <summary>The value of a row of a <see cref="ResultColumnKind.Boolean"/> column.</summary>
    /// <inheritdoc cref="GetString" />
    public bool? GetBoolean(int row) => Of(_booleans, ResultColumnKind.Boolean)[CheckRow(row)];

    /// <summary>The value of a row of a <see cref="ResultColumnKind.Timestamp"/> column, in UTC.</summary>
    /// <inheritdoc cref="GetString" />
    public DateTimeOffset? GetTimestamp(int row) => Of(_timestamps, ResultColumnKind.Timestamp)[CheckRow(row)];

    /// <summary>The value of a row, boxed (a <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="DateOnly"/>, <see cref="bool"/> or <see cref="DateTimeOffset"/>).</summary>
    /// <param name="row">The row, from 0.</param>
    /// <returns>The value; null for a null cell.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the column.</exception>
    public object? GetValue(int row) => Kind switch
    {
        ResultColumnKind.String => _strings![CheckRow(row)],
        ResultColumnKind.Int64 => _int64s![CheckRow(row)],
        ResultColumnKind.Double => _doubles![CheckRow(row)],
        ResultColumnKind.Date => _dates![CheckRow(row)],
        ResultColumnKind.Boolean => _booleans![CheckRow(row)],
        _ => _timestamps![CheckRow(row)],
    };

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Kind}, {Count} values)";

    private static T[] Copy<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return [.. values];
    }

    private int CheckRow(int row) =>
        (uint)row < (uint)Count ? row : throw new ArgumentOutOfRangeException(nameof(row), row, $"Column '{Name}' has {Count} rows.");

    private T[] Of<T>(T[]? values, ResultColumnKind kind) =>
        values ?? throw new InvalidOperationException($"Column '{Name}' holds {Kind} values, not {kind}.");
}
