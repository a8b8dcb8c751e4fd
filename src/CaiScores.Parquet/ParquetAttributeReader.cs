using System.Globalization;
using Apache.Arrow;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Parquet.Reading;

namespace CaiScores.Parquet;

/// <summary>
/// Reads person attributes from a flat Parquet file: a person id column (string or integer), an optional <c>validFrom</c>
/// column (date or <c>yyyy-MM-dd</c> text), and one column per attribute (strings as they are; numbers and booleans as
/// invariant text; null as "no value"). Join them with <see cref="Columnar.ScoreTable.WithAttributes"/>.
/// </summary>
/// <remarks>Which column is the person id (<c>personId</c>, <c>person_id</c>, <c>ECID</c>, …), the date and the attributes
/// is set or detected by <see cref="PersonFileColumns"/>, as for CSV files (<see cref="AttributeReader"/>).</remarks>
public static class ParquetAttributeReader
{
    /// <summary>Reads the attribute rows of a file, one row group at a time.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <param name="columns">Which columns hold what; default <see langword="null"/> detects them (<see cref="PersonFileColumns.Detect"/>).</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">The file is not readable, has no person id column (or several candidates), or a row has no person id or a bad date.</exception>
    /// <exception cref="ArgumentException"><paramref name="columns"/> is invalid (<see cref="PersonFileColumns.Validate"/>).</exception>
    public static IEnumerable<PersonAttributeRecord> Read(string path, PersonFileColumns? columns = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        columns?.Validate();
        columns ??= PersonFileColumns.Detect;
        using var reader = PersonParquetFile.Open(path);
        var names = reader.Schema.FieldsList.Select(f => f.Name).ToList();
        var person = columns.FindIdColumn(names, path);
        var date = columns.FindValidFromColumn(names, path);
        var take = columns.FindAttributeColumns(names, path, null, person, date);
        foreach (var (batch, rowBase) in PersonParquetFile.Batches(reader))
        {
            for (var row = 0; row < batch.Length; row++)
            {
                var line = rowBase + row + 1;
                var id = PersonParquetFile.PersonId(Text(batch.Column(person), row), path, line, names[person]);
                DateOnly? validFrom = null;
                if (date >= 0 && batch.Column(date).IsValid(row))
                {
                    validFrom = batch.Column(date) is Date32Array days
                        ? days.GetDateOnly(row)
                        : ScoreDates.TryParse(Text(batch.Column(date), row)!, out var parsed) ? parsed
                        : throw new CaiIngestException(new IngestProblem(path, line, names[date], $"'{Text(batch.Column(date), row)}' is not a date"));
                }

                foreach (var c in take)
                {
                    string? value;
                    try
                    {
                        value = Text(batch.Column(c), row);
                    }
                    catch (NotSupportedException e)
                    {
                        throw new CaiIngestException(new IngestProblem(path, line, names[c], e.Message));
                    }

                    yield return new PersonAttributeRecord { PersonId = id, Name = names[c], Value = value, ValidFrom = validFrom };
                }
            }
        }
    }

    private static string? Text(IArrowArray array, int row)
    {
        if (array.IsNull(row))
        {
            return null;
        }

        return array switch
        {
            StringArray or DictionaryArray => PersonParquetFile.Utf8(array, row),
            Int32Array i => i.Values[row].ToString(CultureInfo.InvariantCulture),
            Int64Array l => l.Values[row].ToString(CultureInfo.InvariantCulture),
            DoubleArray d => d.Values[row].ToString("R", CultureInfo.InvariantCulture),
            BooleanArray b => b.GetValue(row) == true ? "true" : "false",
            Date32Array d => d.GetDateOnly(row)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"a column of type {array.Data.DataType.Name} cannot be an attribute; use strings, integers, doubles, booleans or dates"),
        };
    }
}
