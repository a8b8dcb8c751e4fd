using System.Text.Json;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// Reads person attributes (loyalty tier, country, …) from JSON Lines or CSV files, to join to a table with
/// <see cref="ScoreTable.WithAttributes"/>. Every other column or property than the person id and date is an attribute,
/// unless <see cref="PersonFileColumns.AttributeColumns"/> names the ones to take.
/// </summary>
/// <remarks>
/// <para>JSON Lines: one object per line, e.g. <c>{"personId":"e1","tier":"gold","country":"DE"}</c>, optionally with
/// <c>"validFrom":"2021-08-01"</c> for values that change over time. Strings are taken as they are; numbers and booleans as
/// their JSON text; null as "no value". The person id may be a string or a number.</para>
/// <para>CSV (RFC 4180, UTF-8, comma-separated, a header row): a person id column, an optional <c>validFrom</c> column,
/// and one column per attribute; an empty cell is "no value". Attribute names are kept as the header writes them.</para>
/// <para>Which column is the person id (<c>personId</c>, <c>person_id</c>, <c>ECID</c>, <c>id</c>, …), the date and the
/// attributes is set or detected by <see cref="PersonFileColumns"/>: for CSV from the header, for JSON Lines from the first
/// line's properties (there, attribute names of <see cref="PersonFileColumns.AttributeColumns"/> absent from a line are
/// simply no value, and when the first line has no date, a later line's <c>validFrom</c> is still its date).</para>
/// <para>Bad input throws <see cref="CaiIngestException"/> naming the file, line and column or property: no or several
/// person id candidates (listing the names found), a missing person id, an unparseable date, a row with the wrong number of
/// cells, malformed JSON.</para>
/// </remarks>
public static class AttributeReader
{
    private const string ValidFromName = "validFrom";

    /// <summary>Reads a JSON Lines attribute file, lazily.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which properties hold what; default <see langword="null"/> detects them (<see cref="PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">A line is not a valid attribute object, or the person id property cannot be told.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<PersonAttributeRecord> ReadJsonLines(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        return ReadJsonLines(File.ReadLines(path), path, columns ?? PersonFileColumns.Detect);
    }

    /// <summary>Reads a CSV attribute file, lazily.</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them (<see cref="PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">The header has no person id column (or several candidates), or a row is invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<PersonAttributeRecord> ReadCsv(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        return PersonFile.ReadCsv(path, (reader, source) => ReadCsv(reader, source, columns ?? PersonFileColumns.Detect));
    }

    /// <summary>Reads an attribute file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them.</param>
    /// <returns>The records.</returns>
    /// <exception cref="CaiIngestException">The file holds invalid input.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<PersonAttributeRecord> Read(string path, PersonFileColumns? columns = null) =>
        PersonFile.IsCsv(path) ? ReadCsv(path, columns) : ReadJsonLines(path, columns);

    internal static IEnumerable<PersonAttributeRecord> ReadJsonLines(IEnumerable<string> lines, string source, PersonFileColumns? columns = null)
    {
        columns ??= PersonFileColumns.Detect;
        (string Id, string ValidFrom)? names = null;
        var take = columns.AttributeColumns is { } named ? new HashSet<string>(named, StringComparer.OrdinalIgnoreCase) : null;
        foreach (var (line, lineNumber) in PersonJsonLines.NonBlank(lines))
        {
            if (names is null)
            {
                var first = PersonJsonLines.PropertyNames(line, source, lineNumber, "attribute");
                var date = columns.FindValidFromColumn(first, source, lineNumber);
                names = (first[columns.FindIdColumn(first, source, lineNumber)], PersonFileColumns.Normalize(date >= 0 ? first[date] : columns.ValidFromColumn ?? ValidFromName));
            }

            foreach (var record in ParseJsonLine(line, source, lineNumber, names.Value, take))
            {
                yield return record;
            }
        }
    }

    private static List<PersonAttributeRecord> ParseJsonLine(string line, string source, long lineNumber, (string Id, string ValidFrom) names, HashSet<string>? take)
    {
        DateOnly? validFrom = null;
        var values = new List<(string Name, string? Value)>();
        var personId = PersonJsonLines.ReadObject(line, source, lineNumber, "attribute", names.Id, (property, path) =>
        {
            if (PersonFileColumns.Normalize(property.Name) == names.ValidFrom)
            {
                validFrom = property.Value.ValueKind == JsonValueKind.Null ? null : ParseDate(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText(), source, lineNumber, path);
            }
            else if (take is null || take.Contains(property.Name))
            {
                values.Add((property.Name, property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                    _ => throw PersonFile.Problem(source, lineNumber, path, $"an attribute value must be a string, number, boolean or null, found {PersonJsonLines.Kind(property.Value)}"),
                }));
            }
        });

        return values.ConvertAll(v => new PersonAttributeRecord { PersonId = personId, Name = v.Name, Value = v.Value, ValidFrom = validFrom });
    }

    internal static IEnumerable<PersonAttributeRecord> ReadCsv(TextReader reader, string source, PersonFileColumns? columns = null)
    {
        columns ??= PersonFileColumns.Detect;
        using (reader)
        {
            var csv = new PersonCsvReader(reader, source, columns);
            if (!csv.TryReadHeader())
            {
                yield break;
            }

            var header = csv.Header;
            var personColumn = csv.PersonColumn;
            var dateColumn = columns.FindValidFromColumn(header, source, 1);
            var take = columns.FindAttributeColumns(header, source, 1, personColumn, dateColumn);
            while (csv.TryReadRow(out var row, out var line, out var personId))
            {
                var validFrom = dateColumn >= 0 && row[dateColumn].Length > 0 ? ParseDate(row[dateColumn], source, line, csv.Where(dateColumn)) : (DateOnly?)null;
                foreach (var c in take)
                {
                    yield return new PersonAttributeRecord { PersonId = personId, Name = header[c], Value = row[c].Length == 0 ? null : row[c], ValidFrom = validFrom };
                }
            }
        }
    }

    private static DateOnly ParseDate(string? text, string source, long line, string where) =>
        text is not null && ScoreDates.TryParse(text, out var date)
            ? date
            : throw PersonFile.Problem(source, line, where, $"'{text}' is not a date (expected yyyy-MM-dd)");
}
