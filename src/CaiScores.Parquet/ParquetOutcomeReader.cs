using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Ingest;
using CaiScores.Outcomes;
using CaiScores.Parquet.Reading;

namespace CaiScores.Parquet;

/// <summary>
/// Reads success events (conversions, purchases, …) from a flat Parquet file: a person id column (string or integer), a
/// timestamp column (a Parquet timestamp of any unit, read as UTC when it carries no zone, or ISO-8601 text) and an
/// optional value column (any integer or floating-point type; null is no value). Names match case-insensitively;
/// other columns are ignored and not read. Join the records with <see cref="OutcomeEvents.Join"/>.
/// </summary>
/// <remarks>Which column is the person id (<c>personId</c>, <c>person_id</c>, <c>ECID</c>, …), the timestamp
/// (<c>timestamp</c>, <c>date</c>, <c>event_time</c>, …) and the value (<c>value</c>, <c>revenue</c>, <c>amount</c>) is set
/// or detected by <see cref="Columnar.PersonFileColumns"/>, as for CSV files (<see cref="OutcomeReader"/>).</remarks>
public static class ParquetOutcomeReader
{
    /// <summary>Reads the outcome rows of a file, one row group at a time.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them (<see cref="Columnar.PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per row, in file order.</returns>
    /// <exception cref="CaiIngestException">
    /// The file is not readable Parquet; it lacks a person id or timestamp column (or has several candidates); a column has a type that
    /// cannot hold its field; or a row has no person id, no timestamp or an unparseable timestamp (the problem names the
    /// file, the row number counted from 1, and the column).
    /// </exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="Columnar.PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<OutcomeRecord> Read(string path, Columnar.PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        return ReadIterator(path, columns ?? Columnar.PersonFileColumns.Detect);
    }

    private static IEnumerable<OutcomeRecord> ReadIterator(string path, Columnar.PersonFileColumns columns)
    {
        using var reader = PersonParquetFile.Open(path);
        var fields = reader.Schema.FieldsList;
        var names = fields.Select(f => f.Name).ToList();
        var person = columns.FindIdColumn(names, path);
        var time = columns.FindTimestampColumn(names, path);
        var value = columns.FindValueColumn(names, path);
        CheckType(path, fields[person], t => t is StringType or DictionaryType or IntegerType, "a string or an integer");
        CheckType(path, fields[time], t => t is TimestampType or StringType or DictionaryType, "a timestamp or ISO-8601 text");
        if (value >= 0)
        {
            CheckType(path, fields[value], t => t is FloatingPointType or IntegerType or Decimal128Type, "a number");
        }

        // Only the three columns are read; a Parquet reader projects them, so wide event exports cost no more.
        int[] projection = value >= 0 ? [person, time, value] : [person, time];
        foreach (var (batch, rowBase) in PersonParquetFile.Batches(reader, projection))
        {
            IArrowArray ids = batch.Column(0), times = batch.Column(1);
            var values = value >= 0 ? batch.Column(2) : null;
            for (var row = 0; row < batch.Length; row++)
            {
                var line = rowBase + row + 1;
                yield return new OutcomeRecord
                {
                    PersonId = PersonParquetFile.PersonId(ids is StringArray or DictionaryArray ? PersonParquetFile.Utf8(ids, row) : Integer(ids, row), path, line, names[person]),
                    Timestamp = Timestamp(path, line, names[time], times, row),
                    Value = values is null || values.IsNull(row) ? null : Number(values, row),
                };
            }
        }
    }

    private static void CheckType(string path, Field field, Func<IArrowType, bool> accepts, string expected)
    {
        if (!accepts(field.DataType))
        {
            throw new CaiIngestException(new IngestProblem(path, null, field.Name, $"the column is of type {field.DataType.Name}; it must be {expected}"));
        }
    }

    private static DateTimeOffset Timestamp(string path, long line, string column, IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            throw new CaiIngestException(new IngestProblem(path, line, column, "the timestamp is null"));
        }

        if (array is TimestampArray timestamps)
        {
            return timestamps.GetTimestamp(row)!.Value.ToUniversalTime();
        }

        var text = PersonParquetFile.Utf8(array, row)!;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : throw new CaiIngestException(new IngestProblem(path, line, column, $"'{text}' is not an ISO-8601 timestamp"));
    }

    /// <summary>An integer id as invariant text (exact for every width).</summary>
    private static string? Integer(IArrowArray array, int row) => array.IsNull(row) ? null : array switch
    {
        Int64Array l => l.Values[row].ToString(CultureInfo.InvariantCulture),
        UInt64Array l => l.Values[row].ToString(CultureInfo.InvariantCulture),
        _ => ((long)Number(array, row)).ToString(CultureInfo.InvariantCulture),
    };

    private static double Number(IArrowArray array, int row) => array switch
    {
        DoubleArray d => d.Values[row],
        FloatArray f => f.Values[row],
        Int64Array l => l.Values[row],
        Int32Array i => i.Values[row],
        Int16Array s => s.Values[row],
        Int8Array b => b.Values[row],
        UInt64Array l => l.Values[row],
        UInt32Array i => i.Values[row],
        UInt16Array s => s.Values[row],
        UInt8Array b => b.Values[row],
        Decimal128Array m => (double)m.GetValue(row)!.Value,
        _ => throw new NotSupportedException(array.Data.DataType.Name), // excluded by CheckType
    };
}
