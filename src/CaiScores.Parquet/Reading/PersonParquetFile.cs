using Apache.Arrow;
using CaiScores.Ingest;
using ParquetSharp.Arrow;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// What the readers of flat person-keyed Parquet files (person attributes, outcome events) share: opening the file,
/// reading it batch by batch with row numbers, and checking the person id (the columns are found by
/// <see cref="Columnar.PersonFileColumns"/>).
/// </summary>
/// <remarks>Rows are numbered from 1 across the whole file; a problem names the file, that number (as the line) and the column.</remarks>
internal static class PersonParquetFile
{
    /// <summary>Opens a Parquet file.</summary>
    /// <exception cref="CaiIngestException">The file cannot be opened as Parquet (the cause is the inner exception).</exception>
    public static FileReader Open(string path)
    {
        try
        {
            return new FileReader(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw ParquetProblems.NotReadable(path, e);
        }
    }

    /// <summary>
    /// The file's record batches, one row group at a time, each with the number of rows before it; a batch is disposed
    /// when the enumeration moves past it (or stops), so a caller reads it within its loop only.
    /// </summary>
    /// <param name="reader">The open file.</param>
    /// <param name="columns">The columns to read (by schema index, in this order in each batch); null for all.</param>
    public static IEnumerable<(RecordBatch Batch, long RowBase)> Batches(FileReader reader, int[]? columns = null)
    {
        long rowBase = 0;
        using var batches = reader.GetRecordBatchReader(columns: columns);
        while (batches.ReadNextRecordBatchAsync().AsTask().GetAwaiter().GetResult() is { } batch)
        {
            using (batch)
            {
                yield return (batch, rowBase);
                rowBase += batch.Length;
            }
        }
    }

    /// <summary>A row's person id, checked.</summary>
    /// <exception cref="CaiIngestException">The id is null or empty.</exception>
    public static string PersonId(string? id, string path, long line, string column) =>
        string.IsNullOrEmpty(id) ? throw new CaiIngestException(new IngestProblem(path, line, column, "the person id is null or empty")) : id;

    /// <summary>The text of a string column, plain or dictionary-encoded; null for a null cell.</summary>
    public static string? Utf8(IArrowArray array, int row) =>
        array.IsNull(row) ? null
        : array is DictionaryArray d ? ((StringArray)d.Dictionary).GetString(((Int32Array)d.Indices).GetValue(row)!.Value)
        : ((StringArray)array).GetString(row);
}
