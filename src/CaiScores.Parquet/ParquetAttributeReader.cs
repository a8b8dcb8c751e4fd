using System.Globalization;
using Apache.Arrow;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Parquet.Reading;

namespace CaiScores.Parquet;

/// <summary>
/// Reads person attributes from a flat Parquet file: a <c>personId</c> string column, an optional <c>validFrom</c> column
/// (date or <c>yyyy-MM-dd</c> text), and one column per attribute (strings as they are; numbers and booleans as invariant
/// text; null as "no value"). Join them with <see cref="Columnar.ScoreTable.WithAttributes"/>.
/// </summary>
public static class ParquetAttributeReader
{
    /// <summary>Reads the attribute rows of a file, one row group at a time.</summary>
    /// <param name="path">The Parquet file.</param>
    /// <returns>One record per person and attribute.</returns>
    /// <exception cref="CaiIngestException">The file is not readable, has no <c>personId</c> column, or a row has no person id or a bad date.</exception>
    public static IEnumerable<PersonAttributeRecord> Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = PersonParquetFile.Open(path);
        var names = reader.Schema.FieldsList.Select(f => f.Name).ToList();
        var person = PersonParquetFile.Find(names, PersonParquetFile.PersonIdName);
        if (person < 0)
        {
            throw PersonParquetFile.MissingColumn(path, PersonParquetFile.PersonIdName, names);
        }

        var date = PersonParquetFile.Find(names, "validFrom");
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

                for (var c = 0; c < names.Count; c++)
                {
                    if (c == person || c == date)
                    {
                        continue;
                    }

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
