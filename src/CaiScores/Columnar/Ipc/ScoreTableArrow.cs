using Apache.Arrow;
using Apache.Arrow.Ipc;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// Saves a <see cref="ScoreTable"/> as Arrow IPC (file or stream format) and loads it back losslessly: persons, runs,
/// values, timestamps, factors, attributes, dictionaries and diagnostics. Other Arrow tools read the result as one flat
/// table of score rows; the schema is documented in <c>docs/arrow-ipc.md</c>.
/// </summary>
/// <remarks>
/// One record batch per run, rows in person-index order. Person ids, factor codes and values, importances, model types and
/// attribute values are dictionary-encoded with one dictionary per column for the whole file, so loading restores the
/// person index and dictionaries as they were.
/// </remarks>
public static class ScoreTableArrow
{
    /// <summary>The version of the layout written into the schema metadata (<c>cai.layout</c>).</summary>
    public const string LayoutVersion = "1";

    /// <summary>The Arrow schema a table is written with (its attribute columns and metadata included).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The schema.</returns>
    public static Schema GetSchema(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return ScoreTableLayout.SchemaOf(table);
    }

    /// <summary>The table as record batches (one per run) sharing its dictionaries; value columns are compacted copies.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The batches, in run order.</returns>
    public static IEnumerable<RecordBatch> ToRecordBatches(ScoreTable table) => RunBatchWriter.ToRecordBatches(table, GetSchema(table));

    /// <summary>Writes the table to a stream.</summary>
    /// <param name="table">The table.</param>
    /// <param name="stream">The destination.</param>
    /// <param name="format">Arrow's file format (random access, with a footer; default) or stream format.</param>
    /// <param name="leaveOpen">Whether to leave <paramref name="stream"/> open.</param>
    public static void Save(ScoreTable table, Stream stream, ArrowIpcFormat format = ArrowIpcFormat.File, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        var schema = GetSchema(table);
        using ArrowStreamWriter writer = format == ArrowIpcFormat.File
            ? new ArrowFileWriter(stream, schema, leaveOpen)
            : new ArrowStreamWriter(stream, schema, leaveOpen);
        // The writer takes the dictionaries from the first batch, so a table without runs writes one empty batch.
        var any = false;
        foreach (var batch in RunBatchWriter.ToRecordBatches(table, schema))
        {
            writer.WriteRecordBatch(batch);
            any = true;
        }

        if (!any)
        {
            writer.WriteRecordBatch(RunBatchWriter.EmptyBatch(schema, table));
        }

        writer.WriteEnd();
    }

    /// <summary>Writes the table to a file.</summary>
    /// <param name="table">The table.</param>
    /// <param name="path">The file (conventionally <c>.arrow</c> for the file format, <c>.arrows</c> for the stream format).</param>
    /// <param name="format">The IPC format.</param>
    public static void Save(ScoreTable table, string path, ArrowIpcFormat format = ArrowIpcFormat.File)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.Create(path);
        Save(table, stream, format);
    }

    /// <summary>Loads a table written by <see cref="Save(ScoreTable, Stream, ArrowIpcFormat, bool)"/> (either format, detected).</summary>
    /// <param name="stream">The source.</param>
    /// <param name="sourceName">A name for error messages.</param>
    /// <returns>The table, equal to the one saved.</returns>
    /// <exception cref="InvalidDataException">The data is not a score table in this layout (the message says what is wrong).</exception>
    public static ScoreTable Load(Stream stream, string sourceName = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffered = stream.CanSeek ? stream : Buffered(stream);
        var magic = new byte[6];
        var start = buffered.Position;
        var n = buffered.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        buffered.Position = start;
        try
        {
            using ArrowStreamReader reader = n == 6 && magic.AsSpan().SequenceEqual("ARROW1"u8)
                ? new ArrowFileReader(buffered, leaveOpen: true)
                : new ArrowStreamReader(buffered, leaveOpen: true);
            return ScoreTableLoader.Read(reader, sourceName);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !(e is InvalidDataException && e.Message.StartsWith(sourceName + ": ", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"{sourceName}: not a readable Arrow IPC score table ({e.Message})", e);
        }
    }

    /// <summary>Loads a table from a file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidDataException">The file is not a score table in this layout.</exception>
    public static ScoreTable Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    private static MemoryStream Buffered(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }
}
