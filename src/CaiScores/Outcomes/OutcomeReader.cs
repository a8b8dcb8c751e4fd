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
/// <para>CSV (RFC 4180, UTF-8, comma-separated, a header row): a person id and a timestamp column, an optional value column
/// (an empty cell is no value); other columns are ignored.</para>
/// <para>Which columns hold the person id (<c>personId</c>, <c>person_id</c>, <c>ECID</c>, …), the timestamp
/// (<c>timestamp</c>, <c>date</c>, <c>event_time</c>, …) and the value (<c>value</c>, <c>revenue</c>, <c>amount</c>) is set
/// or detected by <see cref="PersonFileColumns"/>: for CSV from the header, for JSON Lines from the first line's properties
/// (when the first line has no value, a later line's <c>value</c> is still read).</para>
/// <para>Timestamps are ISO-8601: <c>2026-01-12T09:30:00Z</c>, with any offset, or without one (read as UTC), or a date alone
/// (<c>2026-01-12</c>, midnight UTC). Values are invariant-culture numbers (<c>49.9</c>, <c>1e3</c>).</para>
/// <para>Bad input throws <see cref="CaiIngestException"/> naming the file, line and column or property: no or several
/// candidates for the person id or timestamp (listing the names found), a missing or empty person id, a missing or
/// unparseable timestamp, an unparseable value, a row with the wrong number of cells, malformed JSON.</para>
/// </remarks>
public static class OutcomeReader
{
    private const string ValueName = "value";

    /// <summary>Reads a JSON Lines outcome file, lazily (the file is opened when enumeration starts).</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which properties hold what; default <see langword="null"/> detects them (<see cref="PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per line (blank lines are skipped).</returns>
    /// <exception cref="CaiIngestException">A line is not a valid outcome object, or a property cannot be told.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<OutcomeRecord> ReadJsonLines(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        return ReadJsonLines(File.ReadLines(path), path, columns);
    }

    /// <summary>Reads a CSV outcome file, lazily (the file is opened when enumeration starts).</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them (<see cref="PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per row (blank lines are skipped).</returns>
    /// <exception cref="CaiIngestException">The header lacks a person id or timestamp column (or has several candidates), or a row is invalid.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<OutcomeRecord> ReadCsv(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        return PersonFile.ReadCsv(path, (reader, source) => ReadCsv(reader, source, columns));
    }

    /// <summary>Reads an outcome file, choosing the format by its extension (<c>.csv</c>, else JSON Lines).</summary>
    /// <param name="path">The file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them.</param>
    /// <returns>The records.</returns>
    /// <exception cref="CaiIngestException">The file holds invalid input.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<OutcomeRecord> Read(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return PersonFile.IsCsv(path) ? ReadCsv(path, columns) : ReadJsonLines(path, columns);
    }

    internal static IEnumerable<OutcomeRecord> ReadJsonLines(IEnumerable<string> lines, string source, PersonFileColumns? columns = null)
    {
        columns ??= PersonFileColumns.Detect;
        (string Id, string Time, string Value)? names = null;
        foreach (var (line, lineNumber) in PersonJsonLines.NonBlank(lines))
        {
            if (names is null)
            {
                var first = PersonJsonLines.PropertyNames(line, source, lineNumber, "outcome");
                var value = columns.FindValueColumn(first, source, lineNumber);
                names = (first[columns.FindIdColumn(first, source, lineNumber)], first[columns.FindTimestampColumn(first, source, lineNumber)], PersonFileColumns.Normalize(value >= 0 ? first[value] : columns.ValueColumn ?? ValueName));
            }

            yield return ParseJsonLine(line, source, lineNumber, names.Value);
        }
    }

    internal static IEnumerable<OutcomeRecord> ReadCsv(TextReader reader, string source, PersonFileColumns? columns = null)
    {
        using (reader)
        {
            var csv = new PersonCsvReader(reader, source, columns ?? PersonFileColumns.Detect);
            if (!csv.TryReadHeader())
            {
                yield break;
            }

            var timeColumn = csv.Columns.FindTimestampColumn(csv.Header, source, 1);
            var valueColumn = csv.Columns.FindValueColumn(csv.Header, source, 1);
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

    private static OutcomeRecord ParseJsonLine(string line, string source, long lineNumber, (string Id, string Time, string Value) names)
    {
        DateTimeOffset? timestamp = null;
        double? value = null;
        var personId = PersonJsonLines.ReadObject(line, source, lineNumber, "outcome", names.Id, (property, path) =>
        {
            if (property.NameEquals(names.Time))
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    throw PersonFile.Problem(source, lineNumber, path, $"{names.Time} must be an ISO-8601 string, found {PersonJsonLines.Kind(property.Value)}");
                }

                timestamp = ParseTimestamp(property.Value.GetString()!, source, lineNumber, path);
            }
            else if (PersonFileColumns.Normalize(property.Name) == names.Value)
            {
                value = property.Value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.Number => property.Value.GetDouble(),
                    _ => throw PersonFile.Problem(source, lineNumber, path, $"{property.Name} must be a number or null, found {PersonJsonLines.Kind(property.Value)}"),
                };
            }
        });

        return timestamp is { } time
            ? new OutcomeRecord { PersonId = personId, Timestamp = time, Value = value }
            : throw PersonFile.Problem(source, lineNumber, "$", $"the line has no {names.Time}");
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
