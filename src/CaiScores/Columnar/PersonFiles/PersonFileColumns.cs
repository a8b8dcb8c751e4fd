namespace CaiScores.Columnar;

/// <summary>
/// Which columns of a person file (attributes, outcomes; CSV header names, JSON Lines property names or Parquet column
/// names) hold what. Every property left <see langword="null"/> is detected from the names the file has.
/// </summary>
/// <remarks>
/// <para>Names are matched case-insensitively. Detection compares names with <c>_</c>, <c>-</c>, <c>.</c> and spaces
/// removed, case-insensitively (<c>person_id</c>, <c>Person ID</c> and <c>personId</c> are one name): the canonical name
/// (<c>personId</c>, <c>timestamp</c>, <c>value</c>, <c>validFrom</c>) wins outright; otherwise exactly one known alias must
/// be present (see <see cref="IdColumn"/>, <see cref="TimestampColumn"/>, <see cref="ValueColumn"/>).</para>
/// <para>When detection finds none of a required column, or several candidates, the reader throws
/// <see cref="Ingest.CaiIngestException"/> naming the file, listing the names found and the property to set. A name given
/// here that the file lacks is an error too. For JSON Lines the names are read from the first non-blank line.</para>
/// </remarks>
public sealed class PersonFileColumns
{
    /// <summary>Detect every column (the default).</summary>
    public static PersonFileColumns Detect { get; } = new();

    /// <summary>The column holding the person id (the same id the score table resolved from the identity map).</summary>
    /// <value>Default <see langword="null"/>: <c>personId</c>, else the one column among <c>id</c>, <c>ecid</c>, <c>mcid</c>,
    /// <c>identity</c>, <c>identityId</c>, <c>profileId</c>, <c>customerId</c>, <c>userId</c>, <c>visitorId</c>, <c>crmId</c>.</value>
    public string? IdColumn { get; init; }

    /// <summary>For attribute files: the columns to take as attributes, by name; every other column is ignored.</summary>
    /// <value>Default <see langword="null"/>: every column but the person id and <see cref="ValidFromColumn"/>.</value>
    public IReadOnlyList<string>? AttributeColumns { get; init; }

    /// <summary>For attribute files: the column with the date from which a value holds (<c>yyyy-MM-dd</c>).</summary>
    /// <value>Default <see langword="null"/>: <c>validFrom</c> when present, else none (values hold for every run).</value>
    public string? ValidFromColumn { get; init; }

    /// <summary>For outcome files: the column with when the outcome happened.</summary>
    /// <value>Default <see langword="null"/>: <c>timestamp</c>, else the one column among <c>time</c>, <c>date</c>,
    /// <c>dateTime</c>, <c>eventTime</c>, <c>eventTimestamp</c>, <c>eventDate</c>, <c>ts</c>, <c>occurredAt</c>.</value>
    public string? TimestampColumn { get; init; }

    /// <summary>For outcome files: the column with the outcome's value (revenue, units, …).</summary>
    /// <value>Default <see langword="null"/>: <c>value</c>, else the one column among <c>revenue</c>, <c>amount</c>, else none
    /// (outcomes without a value).</value>
    public string? ValueColumn { get; init; }

    /// <summary>Checks the names given, reporting every problem at once.</summary>
    /// <exception cref="ArgumentException">A name is empty or blank (leave it null to detect the column),
    /// <see cref="AttributeColumns"/> is empty, holds a blank name or names a key column, or two properties name one column.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        (string? Name, string Property)[] keys =
            [(IdColumn, nameof(IdColumn)), (TimestampColumn, nameof(TimestampColumn)), (ValueColumn, nameof(ValueColumn)), (ValidFromColumn, nameof(ValidFromColumn))];
        problems.AddRange(keys.Where(k => k.Name is not null && string.IsNullOrWhiteSpace(k.Name)).Select(k => $"{k.Property} is blank (leave it null to detect the column)"));
        if (AttributeColumns is { } attributes)
        {
            if (attributes.Count == 0 || attributes.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"{nameof(AttributeColumns)} is empty or holds a blank name (leave it null to take every column)");
            }

            problems.AddRange(keys.Where(k => !string.IsNullOrWhiteSpace(k.Name) && attributes.Contains(k.Name, StringComparer.OrdinalIgnoreCase))
                .Select(k => $"{nameof(AttributeColumns)} names '{k.Name}', the {k.Property}"));
        }

        problems.AddRange(keys.Where(k => !string.IsNullOrWhiteSpace(k.Name)).GroupBy(k => k.Name!, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"{string.Join(" and ", g.Select(k => k.Property))} name one column, '{g.Key}'"));
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(PersonFileColumns)}: {string.Join("; ", problems)}.");
        }
    }

    internal static readonly string[] IdNames =
        ["personid", "id", "ecid", "mcid", "identity", "identityid", "profileid", "customerid", "userid", "visitorid", "crmid"];

    internal static readonly string[] TimestampNames =
        ["timestamp", "time", "date", "datetime", "eventtime", "eventtimestamp", "eventdate", "ts", "occurredat"];

    internal static readonly string[] ValueNames = ["value", "revenue", "amount"];

    internal static readonly string[] ValidFromNames = ["validfrom"];

    /// <summary>Finds the person id column among a file's column names.</summary>
    /// <param name="names">The names (a CSV header, a Parquet schema, a JSON object's properties), in order.</param>
    /// <param name="source">The file, for the error.</param>
    /// <param name="line">The line the names are on, for the error (1 for a CSV header; <see langword="null"/> for none).</param>
    /// <returns>The index of the column in <paramref name="names"/>.</returns>
    /// <exception cref="Ingest.CaiIngestException"><see cref="IdColumn"/> names a column the file lacks, or it is null and
    /// detection finds no candidate or several; the message names the file and lists <paramref name="names"/>.</exception>
    public int FindIdColumn(IReadOnlyList<string> names, string source, long? line = null) =>
        Find(names, IdColumn, IdNames, "the person id", nameof(IdColumn), required: true, source, line);

    /// <summary>Finds the timestamp column of an outcome file among its column names.</summary>
    /// <param name="names">The names, in order.</param>
    /// <param name="source">The file, for the error.</param>
    /// <param name="line">The line the names are on, for the error.</param>
    /// <returns>The index of the column.</returns>
    /// <exception cref="Ingest.CaiIngestException">As for <see cref="FindIdColumn"/>.</exception>
    public int FindTimestampColumn(IReadOnlyList<string> names, string source, long? line = null) =>
        Find(names, TimestampColumn, TimestampNames, "the timestamp", nameof(TimestampColumn), required: true, source, line);

    /// <summary>Finds the value column of an outcome file among its column names.</summary>
    /// <param name="names">The names, in order.</param>
    /// <param name="source">The file, for the error.</param>
    /// <param name="line">The line the names are on, for the error.</param>
    /// <returns>The index of the column; -1 when <see cref="ValueColumn"/> is null and no candidate is present.</returns>
    /// <exception cref="Ingest.CaiIngestException"><see cref="ValueColumn"/> names a column the file lacks, or several candidates are present.</exception>
    public int FindValueColumn(IReadOnlyList<string> names, string source, long? line = null) =>
        Find(names, ValueColumn, ValueNames, "the value", nameof(ValueColumn), required: false, source, line);

    /// <summary>Finds the valid-from column of an attribute file among its column names.</summary>
    /// <param name="names">The names, in order.</param>
    /// <param name="source">The file, for the error.</param>
    /// <param name="line">The line the names are on, for the error.</param>
    /// <returns>The index of the column; -1 when <see cref="ValidFromColumn"/> is null and no <c>validFrom</c> column is present.</returns>
    /// <exception cref="Ingest.CaiIngestException"><see cref="ValidFromColumn"/> names a column the file lacks.</exception>
    public int FindValidFromColumn(IReadOnlyList<string> names, string source, long? line = null) =>
        Find(names, ValidFromColumn, ValidFromNames, "the valid-from date", nameof(ValidFromColumn), required: false, source, line);

    /// <summary>Finds the attribute columns of an attribute file among its column names.</summary>
    /// <param name="names">The names, in order.</param>
    /// <param name="source">The file, for the error.</param>
    /// <param name="line">The line the names are on, for the error.</param>
    /// <param name="idColumn">The person id column (never an attribute).</param>
    /// <param name="validFromColumn">The valid-from column (never an attribute), or -1.</param>
    /// <returns>The indexes of the attribute columns, ascending: those <see cref="AttributeColumns"/> names, or every column
    /// but the two keys.</returns>
    /// <exception cref="Ingest.CaiIngestException"><see cref="AttributeColumns"/> names a column the file lacks (every such name is listed).</exception>
    public IReadOnlyList<int> FindAttributeColumns(IReadOnlyList<string> names, string source, long? line, int idColumn, int validFromColumn)
    {
        ArgumentNullException.ThrowIfNull(names);
        var take = new bool[names.Count];
        if (AttributeColumns is null)
        {
            Array.Fill(take, true);
        }
        else
        {
            var missing = new List<string>();
            foreach (var name in AttributeColumns)
            {
                var index = IndexOf(names, name);
                if (index < 0)
                {
                    missing.Add(name);
                }
                else
                {
                    take[index] = true;
                }
            }

            if (missing.Count > 0)
            {
                throw PersonFile.Problem(source, line, null, $"no column {string.Join(", ", missing.Select(m => $"'{m}'"))} as {nameof(PersonFileColumns)}.{nameof(AttributeColumns)} names (found: {string.Join(", ", names)})");
            }
        }

        return [.. Enumerable.Range(0, names.Count).Where(i => take[i] && i != idColumn && i != validFromColumn)];
    }

    /// <summary>A name as detection compares it: lower case, without <c>_</c>, <c>-</c>, <c>.</c> and spaces.</summary>
    internal static string Normalize(string name) =>
        string.Concat(name.Where(c => c is not ('_' or '-' or '.' or ' '))).ToLowerInvariant();

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static int Find(IReadOnlyList<string> names, string? given, string[] known, string what, string property, bool required, string source, long? line)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(source);
        var found = $"(found: {string.Join(", ", names)})";
        var option = $"{nameof(PersonFileColumns)}.{property}";
        if (given is not null)
        {
            var index = IndexOf(names, given);
            return index >= 0 ? index : throw PersonFile.Problem(source, line, null, $"no column '{given}' as {option} names {found}");
        }

        var normalized = names.Select(Normalize).ToList();
        var canonical = normalized.IndexOf(known[0]);
        if (canonical >= 0)
        {
            return canonical;
        }

        var candidates = Enumerable.Range(0, names.Count).Where(i => known.Contains(normalized[i])).ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 when !required => -1,
            0 => throw PersonFile.Problem(source, line, null, $"cannot tell which column is {what} {found}; name it with {option}"),
            _ => throw PersonFile.Problem(source, line, null, $"several columns could be {what} ({string.Join(", ", candidates.Select(i => names[i]))}); name one with {option}"),
        };
    }
}
