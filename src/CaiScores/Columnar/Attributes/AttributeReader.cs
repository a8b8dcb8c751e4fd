using System.Text.Json;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// Reads person attributes (loyalty tier, country, …) from JSON Lines or CSV files, to join to a table with
/// <see cref="ScoreTable.WithAttributes"/>. Every other column or property than the person id and date is an attribute.
/// </summary>
/// <remarks>
/// <para>JSON Lines: one object per line, e.g. <c>{"personId":"e1","tier":"gold","country":"DE"}</c>, optionally with
/// <c>"validFrom":"2021-08-01"</c> for values that change over time. Strings are taken as they are; numbers and booleans as
/// their JSON text; null as "no value".</para>
/// <para>CSV (RFC 4180, UTF-8, comma-separated, a header row): a <c>personId</c> column, an optional <c>validFrom</c> column,
/// and one column per attribute; an empty cell is "no value". Header names are matched case-insensitively for the two
/// key columns and kept as written for attributes.</para>
/// <para>Bad input throws <see cref="CaiIngestException"/> naming the file, line and column or property: a missing person id,
/// an unparseable date, a row with the wrong number of cells, malformed JSON.</para>
/// </remarks>
public static class AttributeReader
{
    private const string ValidFromName = "validFrom";

    /// <summary>Reads a JSON Lines attribute file, lazily.</summary>
    /// <param name="path">The file.</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">A line is not a valid attribute object.</exception>
    public static IEnumerable<PersonAttributeRecord> ReadJsonLines(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadJsonLines(File.ReadLines(path), path);
    }

    /// <summary>Reads a CSV attribute file, lazily.</summary>
    /// <param name="path">The file.</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">The header has no <c>personId</c> column, or a row is invalid.</exception>
    public static IEnumerable<PersonAttributeRecord> ReadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return PersonFile.ReadCsv(path, ReadCsv);
    }

    /// <summary>Reads an attribute file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records.</returns>
    public static IEnumerable<PersonAttributeRecord> Read(string path) =>
        PersonFile.IsCsv(path) ? ReadCsv(path) : ReadJsonLines(path);

    internal static IEnumerable<PersonAttributeRecord> ReadJsonLines(IEnumerable<string> lines, string source)
    {
        foreach (var (line, lineNumber) in PersonJsonLines.NonBlank(lines))
        {
            foreach (var record in ParseJsonLine(line, source, lineNumber))
            {
                yield return record;
            }
        }
    }

    private static List<PersonAttributeRecord> ParseJsonLine(string line, string source, long lineNumber)
    {
        DateOnly? validFrom = null;
        var values = new List<(string Name, string? Value)>();
        var personId = PersonJsonLines.ReadObject(line, source, lineNumber, "attribute", (property, path) =>
        {
            if (property.NameEquals(ValidFromName))
            {
                validFrom = property.Value.ValueKind == JsonValueKind.Null ? null : ParseDate(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : property.Value.GetRawText(), source, lineNumber, path);
            }
            else
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

    internal static IEnumerable<PersonAttributeRecord> ReadCsv(TextReader reader, string source)
    {
        using (reader)
        {
            var csv = new PersonCsvReader(reader, source);
            if (!csv.TryReadHeader())
            {
                yield break;
            }

            var header = csv.Header;
            var personColumn = csv.PersonColumn;
            var dateColumn = csv.Column(ValidFromName, required: false);
            while (csv.TryReadRow(out var row, out var line, out var personId))
            {
                var validFrom = dateColumn >= 0 && row[dateColumn].Length > 0 ? ParseDate(row[dateColumn], source, line, csv.Where(dateColumn)) : (DateOnly?)null;
                for (var c = 0; c < header.Count; c++)
                {
                    if (c != personColumn && c != dateColumn)
                    {
                        yield return new PersonAttributeRecord { PersonId = personId, Name = header[c], Value = row[c].Length == 0 ? null : row[c], ValidFrom = validFrom };
                    }
                }
            }
        }
    }

    private static DateOnly ParseDate(string? text, string source, long line, string where) =>
        text is not null && ScoreDates.TryParse(text, out var date)
            ? date
            : throw PersonFile.Problem(source, line, where, $"'{text}' is not a date (expected yyyy-MM-dd)");
}
