using System.Globalization;
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
        return PersonFile.ReadCsv(path, ReadCsv);
    }

    /// <summary>Reads an outcome file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The records.</returns>
    /// <exception cref="CaiIngestException">The file holds invalid input.</exception>
    public static IEnumerable<OutcomeRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return PersonFile.IsCsv(path) ? ReadCsv(path) : ReadJsonLines(path);
    }

    internal static IEnumerable<OutcomeRecord> ReadJsonLines(IEnumerable<string> lines, string source)
    {
        foreach (var (line, lineNumber) in PersonJsonLines.NonBlank(lines))
        {
            yield return ParseJsonLine(line, source, lineNumber);
        }
    }

    internal static IEnumerable<OutcomeRecord> ReadCsv(TextReader reader, string source)
    {
        using (reader)
        {
            var csv = new PersonCsvReader(reader, source);
            if (!csv.TryReadHeader())
            {
                yield break;
            }

            var timeColumn = csv.Column(TimestampName, required: true);
            var valueColumn = csv.Column(ValueName, required: false);
            while (csv.TryReadRow(out var row, out var line, out var personId))
            {
                yield return new OutcomeRecord
                {
                    PersonId = personId,
                    Timestamp = ParseTimestamp(row[timeColumn], source, line, csv.Where(timeColumn)),
                    Value = valueColumn >= 0 && row[valueColumn].Length > 0 ? ParseValue(row[valueColumn], source, line, csv.Where(valueColumn)) : null,
                };
            }
        }
    }

    private static OutcomeRecord ParseJsonLine(string line, string source, long lineNumber)
    {
        DateTimeOffset? timestamp = null;
        double? value = null;
        var personId = PersonJsonLines.ReadObject(line, source, lineNumber, "outcome", (property, path) =>
        {
            if (property.NameEquals(TimestampName))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw PersonFile.Problem(source, lineNumber, path, $"timestamp must be an ISO-8601 string, found {PersonJsonLines.Kind(property.Value)}");
                }

                timestamp = ParseTimestamp(property.Value.GetString()!, source, lineNumber, path);
            }
            else if (property.NameEquals(ValueName))
            {
                value = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => property.Value.GetDouble(),
                    _ => throw PersonFile.Problem(source, lineNumber, path, $"value must be a number or null, found {PersonJsonLines.Kind(property.Value)}"),
                };
            }
        });

        return timestamp is { } time
            ? new OutcomeRecord { PersonId = personId, Timestamp = time, Value = value }
            : throw PersonFile.Problem(source, lineNumber, "$", "the line has no timestamp");
    }

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

        throw PersonFile.Problem(source, line, where, $"'{text}' is not a timestamp (expected ISO-8601, e.g. 2026-01-12T09:30:00Z, or a date yyyy-MM-dd)");
    }

    private static double ParseValue(string text, string source, long line, string where) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw PersonFile.Problem(source, line, where, $"'{text}' is not a number");
}
