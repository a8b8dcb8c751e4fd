namespace CaiScores.Output;

/// <summary>
/// A rectangular table of one part of an analysis result (see <see cref="ResultTables"/>): named, typed columns of equal
/// length, ready for CSV (<see cref="CaiCsv"/>), Arrow (<see cref="CaiArrow"/>) or HTML (<see cref="CaiHtml"/>). Immutable.
/// </summary>
public sealed class ResultTable
{
    private readonly ResultColumn[] _columns;
    private readonly Dictionary<string, ResultColumn> _byName;

    /// <summary>Creates a table.</summary>
    /// <param name="name">The stable identifier of the table (<c>distribution</c>, <c>flow-links</c>), usable as a file name.</param>
    /// <param name="title">The human title (a caption).</param>
    /// <param name="columns">The columns, in order; all of the same length, with distinct names (ordinal).</param>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> or one of them is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="title"/> is null or blank, there is no
    /// column, two columns share a name, or the columns differ in length (the message says which).</exception>
    public ResultTable(string name, string title, IEnumerable<ResultColumn> columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        if (_columns.Length == 0)
        {
            throw new ArgumentException($"Table '{name}' has no column.", nameof(columns));
        }

        _byName = new Dictionary<string, ResultColumn>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var column in _columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (!_byName.TryAdd(column.Name, column))
            {
                errors.Add($"two columns are named '{column.Name}'");
            }

            if (column.Count != _columns[0].Count)
            {
                errors.Add($"column '{column.Name}' has {column.Count} values, '{_columns[0].Name}' {_columns[0].Count}");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Table '{name}': {string.Join("; ", errors)}.", nameof(columns));
        }

        Name = name;
        Title = title;
        RowCount = _columns[0].Count;
    }

    /// <summary>The stable identifier of the table: lower-case words joined by hyphens (<c>distribution</c>, <c>flow-links</c>).</summary>
    public string Name { get; }

    /// <summary>The human title, e.g. <c>CAI score distribution, 2026-02-08</c>.</summary>
    public string Title { get; }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ResultColumn> Columns => _columns;

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The column of a name.</summary>
    /// <param name="column">The column's name, ordinal.</param>
    /// <returns>The column.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="column"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No column has that name; the message lists the columns.</exception>
    public ResultColumn this[string column]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(column);
            return _byName.TryGetValue(column, out var found)
                ? found
                : throw new KeyNotFoundException($"Table '{Name}' has no column '{column}'; its columns are {string.Join(", ", _columns.Select(c => c.Name))}.");
        }
    }

    /// <summary>Whether the table has a column of a name.</summary>
    /// <param name="column">The column's name, ordinal.</param>
    /// <returns>True when there is one.</returns>
    public bool HasColumn(string column) => column is not null && _byName.ContainsKey(column);

    /// <summary>The table's first rows, for a page or a dump that shows a long table in part.</summary>
    /// <param name="rows">How many rows to keep, at least 0.</param>
    /// <returns>This table when it has no more than <paramref name="rows"/> rows; otherwise a copy of its first rows (same
    /// name, title and columns).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative.</exception>
    public ResultTable Head(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (RowCount <= rows)
        {
            return this;
        }

        var index = Enumerable.Range(0, rows).ToArray();
        return new ResultTable(Name, Title, _columns.Select(c => c.Kind switch
        {
            ResultColumnKind.String => ResultColumn.Strings(c.Name, index.Select(c.GetString), c.Description),
            ResultColumnKind.Int64 => ResultColumn.Int64s(c.Name, index.Select(c.GetInt64), c.Description),
            ResultColumnKind.Double => ResultColumn.Doubles(c.Name, index.Select(c.GetDouble), c.Description, c.IsShare),
            ResultColumnKind.Date => ResultColumn.Dates(c.Name, index.Select(c.GetDate), c.Description),
            ResultColumnKind.Boolean => ResultColumn.Booleans(c.Name, index.Select(c.GetBoolean), c.Description),
            _ => ResultColumn.Timestamps(c.Name, index.Select(c.GetTimestamp), c.Description),
        }));
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {RowCount} rows × {_columns.Length} columns";
}
