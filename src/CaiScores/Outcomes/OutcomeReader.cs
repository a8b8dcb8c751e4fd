using System.Globalization;
using System.Text;
using System.Text.Json;
using CaiScores.Columnar;
using CaiScores.Ingest;

namespace CaiScores.Outcomes;

/// <summary>
/// Reads success events (outcomes) from JSON Lines or CSV files, to join to a table with <see cref="OutcomeEvents.Join"/>.
/// </summary>
/// <remarks>
/// <para>JSON Lines: one object per line, e.g. <c>{"personId":"e1","timestamp":"2026-01-12T09:30:00Z","value":49.9}</c>;
/// <c>value</c> is optional (a number or null). Other properties are ignored.</para>
/// <para>CSV (RFC 4180, UTF-8, comma-separated, a header row): a <c>personId</c> and a <c>timestamp</c> column, an optional
/// <c>value</c> column (an empty cell is no value); header names are matched case-insensitively; other columns are ignored.</para>
/// <para>Timestamps are ISO-8601: <c>2026-01-12T09:30:00Z</c>, with any offset, or without one (read as UTC), or a date alone
/// (<c>2026-01-12</c>, midnight UTC). Values are invariant-culture numbers (<c>49.9</c>, <c>1e3</c>).</para>
/// <para>Bad input throws <see cref="CaiIngestException"/> naming the file, line and column or property: a missing or empty
/// person id, a missing or unparseable timestamp, an unparseable value, a row with the wrong number of cells, malformed JSON.</para>
/// </remarks>
public static class OutcomeReader
{
    private const string PersonIdName = "personId";
    private const string TimestampName = "timestamp";
    private const string ValueName = "value";

    /// <summary>Reads a JSON Lines outcome file, lazily (the file is opened when enumeration starts).</summary>
    /// <param name="path">The file.</param>
    /// <returns>One record per line (blank lines are skipped).</returns>
    /// <exception cref="CaiIngestException">A line is not a valid outcome object.</exception>
    public static IEnumerable<OutcomeRecord> ReadJsonLines(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadJsonLines(File.ReadLines(path), path);
    }

    /// <summary>Reads a CSV outcome file, lazily (the file is opened when enumeration starts).</summary>
    /// <param name="path">The file.</param>
    /// <returns>One record per row (blank lines are skipped).</returns>
    /// <exception cref="CaiIngestException">The header lacks a <c>personId</c> or <c>timestamp</c> column, or a row is invalid.</exception>
    public static IEnumerable<OutcomeRecord> ReadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadCsvFile(path);

        static IEnumerable<OutcomeRecord> ReadCsvFile(string path)
        {
            foreach (var record in ReadCsv(new StreamReader(path, Encoding.UTF8), path))
            {
                yield return record;
            }
        }
    }

    /// <summary>Reads an outcome file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records.</returns>
    /// <exception cref="CaiIngestException">The file holds invalid input.</exception>
    public static IEnumerable<OutcomeRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path) : ReadJsonLines(path);
    }

    internal static IEnumerable<OutcomeRecord> ReadJsonLines(IEnumerable<string> lines, string source)
    {
        long lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return ParseJsonLine(line, source, lineNumber);
            }
        }
    }

    internal static IEnumerable<OutcomeRecord> ReadCsv(TextReader reader, string source)
    {
        using (reader)
        {
            var csv = new AttributeReader.CsvReader(reader, source);
            if (!csv.TryReadRow(out var header, out _))
            {
                yield break;
            }

            var personColumn = Column(header, PersonIdName, source, required: true);
            var timeColumn = Column(header, TimestampName, source, required: true);
            var valueColumn = Column(header, ValueName, source, required: false);
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

                yield return new OutcomeRecord
                {
                    PersonId = personId,
                    Timestamp = ParseTimestamp(row[timeColumn], source, line, $"column '{header[timeColumn]}'"),
                    Value = valueColumn >= 0 && row[valueColumn].Length > 0 ? ParseValue(row[valueColumn], source, line, $"column '{header[valueColumn]}'") : null,
                };
            }
        }
    }

    private static int Column(List<string> header, string name, string source, bool required)
    {
        var index = header.FindIndex(h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        return index >= 0 || !required
            ? index
            : throw new CaiIngestException(new IngestProblem(source, 1, null, $"the header has no '{name}' column (found: {string.Join(", ", header)})"));
    }

    private static OutcomeRecord ParseJsonLine(string line, string source, long lineNumber)
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
                throw new CaiIngestException(new IngestProblem(source, lineNumber, "$", "an outcome line must be a JSON object"));
            }

            string? personId = null;
            DateTimeOffset? timestamp = null;
            double? value = null;
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
                else if (property.NameEquals(TimestampName))
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        throw new CaiIngestException(new IngestProblem(source, lineNumber, path, $"timestamp must be an ISO-8601 string, found {Kind(property.Value)}"));
                    }

                    timestamp = ParseTimestamp(property.Value.GetString()!, source, lineNumber, path);
                }
                else if (property.NameEquals(ValueName))
                {
                    value = property.Value.ValueKind switch
                    {
                        JsonValueKind.Null => null,
                        JsonValueKind.Number => property.Value.GetDouble(),
                        _ => throw new CaiIngestException(new IngestProblem(source, lineNumber, path, $"value must be a number or null, found {Kind(property.Value)}")),
                    };
                }
            }

            if (personId is null)
            {
                throw new CaiIngestException(new IngestProblem(source, lineNumber, "$", "the line has no personId"));
            }

            if (timestamp is null)
            {
                throw new CaiIngestException(new IngestProblem(source, lineNumber, "$", "the line has no timestamp"));
            }

            return new OutcomeRecord { PersonId = personId, Timestamp = timestamp.Value, Value = value };
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    /// <summary>An ISO-8601 timestamp (no offset = UTC) or a date alone (midnight UTC).</summary>
    internal static DateTimeOffset ParseTimestamp(string text, string source, long line, string where)
    {
        if (text.Length >= 10 && char.IsAsciiDigit(text[0]) && text[4] == '-')
        {
            if (text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
            {
                return timestamp;
            }
        }

        throw new CaiIngestException(new IngestProblem(source, line, where, $"'{text}' is not a timestamp (expected ISO-8601, e.g. 2026-01-12T09:30:00Z, or a date yyyy-MM-dd)"));
    }

    private static double ParseValue(string text, string source, long line, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CaiIngestException(new IngestProblem(source, line, where, $"'{text}' is not a number"));
}
