using System.Globalization;
using System.Text;
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
    private const string PersonIdName = "personId";
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
        return ReadCsvFile(path);

        // The file is opened when enumeration starts, and again for every enumeration.
        static IEnumerable<PersonAttributeRecord> ReadCsvFile(string path)
        {
            foreach (var record in ReadCsv(new StreamReader(path, Encoding.UTF8), path))
            {
                yield return record;
            }
        }
    }

    /// <summary>Reads an attribute file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records.</returns>
    public static IEnumerable<PersonAttributeRecord> Read(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path) : ReadJsonLines(path);

    internal static IEnumerable<PersonAttributeRecord> ReadJsonLines(IEnumerable<string> lines, string source)
    {
        long lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            foreach (var record in ParseJsonLine(line, source, lineNumber))
            {
                yield return record;
            }
        }
    }

    private static List<PersonAttributeRecord> ParseJsonLine(string line, string source, long lineNumber)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new CaiIngestException(new IngestProblem(source, lineNumber, null, "malformed JSON: " + e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CaiIngestException(new IngestProblem(source, lineNumber, "$", "an attribute line must be a JSON object"));
            }

            string? personId = null;
            DateOnly? validFrom = null;
            var values = new List<(string Name, string? Value)>();
            foreach (var property in root.EnumerateObject())
            {
                var path = "$." + property.Name;
                if (property.NameEquals(PersonIdName))
                {
                    personId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (string.IsNullOrEmpty(personId))
                    {
                        throw new CaiIngestException(new IngestProblem(source, lineNumber, path, "personId must be a non-empty string"));
                    }
                }
                else if (property.NameEquals(ValidFromName))
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
                        _ => throw new CaiIngestException(new IngestProblem(source, lineNumber, path, $"an attribute value must be a string, number, boolean or null, found {property.Value.ValueKind.ToString().ToLowerInvariant()}")),
                    }));
                }
            }

            if (personId is null)
            {
                throw new CaiIngestException(new IngestProblem(source, lineNumber, "$", "the line has no personId"));
            }

            return values.ConvertAll(v => new PersonAttributeRecord { PersonId = personId, Name = v.Name, Value = v.Value, ValidFrom = validFrom });
        }
    }

    internal static IEnumerable<PersonAttributeRecord> ReadCsv(TextReader reader, string source)
    {
        using (reader)
        {
            var csv = new CsvReader(reader, source);
            if (!csv.TryReadRow(out var header, out _))
            {
                yield break;
            }

            var personColumn = header.FindIndex(h => h.Equals(PersonIdName, StringComparison.OrdinalIgnoreCase));
            if (personColumn < 0)
            {
                throw new CaiIngestException(new IngestProblem(source, 1, null, $"the header has no '{PersonIdName}' column (found: {string.Join(", ", header)})"));
            }

            var dateColumn = header.FindIndex(h => h.Equals(ValidFromName, StringComparison.OrdinalIgnoreCase));
            while (csv.TryReadRow(out var row, out var line))
            {
                if (row.Count == 1 && row[0].Length == 0)
                {
                    continue; // a blank line
                }

                if (row.Count != header.Count)
                {
                    throw new CaiIngestException(new IngestProblem(source, line, null, $"the row has {row.Count} cells, the header {header.Count}"));
                }

                var personId = row[personColumn];
                if (personId.Length == 0)
                {
                    throw new CaiIngestException(new IngestProblem(source, line, $"column '{header[personColumn]}'", "the person id is empty"));
                }

                var validFrom = dateColumn >= 0 && row[dateColumn].Length > 0 ? ParseDate(row[dateColumn], source, line, $"column '{header[dateColumn]}'") : (DateOnly?)null;
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
            : throw new CaiIngestException(new IngestProblem(source, line, where, $"'{text}' is not a date (expected yyyy-MM-dd)"));

    /// <summary>RFC 4180 rows: quoted cells may hold commas, quotes (doubled) and line breaks.</summary>
    internal sealed class CsvReader(TextReader reader, string source)
    {
        private long _line;

        public bool TryReadRow(out List<string> cells, out long line)
        {
            cells = [];
            line = _line + 1;
            var text = reader.ReadLine();
            if (text is null)
            {
                return false;
            }

            _line++;
            var cell = new StringBuilder();
            var i = 0;
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i == text.Length)
                        {
                            var next = reader.ReadLine() ?? throw new CaiIngestException(new IngestProblem(source, line, null, "a quoted cell is not closed"));
                            _line++;
                            cell.Append('\n');
                            text = next;
                            i = 0;
                            continue;
                        }

                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                cell.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        cell.Append(text[i++]);
                    }

                    if (i < text.Length && text[i] != ',')
                    {
                        throw new CaiIngestException(new IngestProblem(source, _line, null, string.Create(CultureInfo.InvariantCulture, $"unexpected '{text[i]}' after a quoted cell (column {cells.Count + 1})")));
                    }
                }
                else
                {
                    var end = text.IndexOf(',', i);
                    cell.Append(text, i, (end < 0 ? text.Length : end) - i);
                    i = end < 0 ? text.Length : end;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                if (i >= text.Length)
                {
                    return true;
                }

                i++; // the comma
            }
        }
    }
}
