using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Internal;

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

    private const string AttributePrefix = "attr:";
    private static readonly string[] ImportanceNames = ["unspecified", "low", "medium", "high"];
    private static readonly DictionaryType Utf8Dictionary = new(Int32Type.Default, StringType.Default, false);
    private static readonly DictionaryType ImportanceDictionary = new(Int8Type.Default, StringType.Default, false);
    private static readonly StructType FactorType = new([
        new Field("code", Utf8Dictionary, true),
        new Field("value", Utf8Dictionary, true),
        new Field("importance", ImportanceDictionary, false),
    ]);

    private static readonly ListType FactorListType = new(new Field("item", FactorType, false));

    /// <summary>The Arrow schema a table is written with (its attribute columns and metadata included).</summary>
    /// <param name="table">The table.</param>
    /// <returns>The schema.</returns>
    public static Schema GetSchema(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var builder = new Schema.Builder()
            .Field(new Field("score_date", Date32Type.Default, false))
            .Field(new Field("person_id", Utf8Dictionary, false))
            .Field(new Field("scored", BooleanType.Default, false))
            .Field(new Field("timestamp", Timestamps.ArrowType, true))
            .Field(new Field("score", DoubleType.Default, true))
            .Field(new Field("probability", DoubleType.Default, true))
            .Field(new Field("percentile_score", Int16Type.Default, true))
            .Field(new Field("model_type", Utf8Dictionary, true))
            .Field(new Field("influential_factors", FactorListType, false));
        foreach (var attribute in table.Attributes)
        {
            builder.Field(new Field(AttributePrefix + attribute.Name, Utf8Dictionary, true));
        }

        builder.Metadata("cai.layout", LayoutVersion)
            .Metadata("cai.tenant", table.TenantId)
            .Metadata("cai.instance", table.InstanceKey)
            .Metadata("cai.attributes.varying", JsonStrings.Write(table.Attributes.Where(a => a.VariesOverTime).Select(a => a.Name)))
            .Metadata("cai.diagnostics", JsonSerializer.Serialize(table.Diagnostics, DiagnosticsJsonContext.Default.ScoreTableDiagnostics));
        return builder.Build();
    }

    /// <summary>The table as record batches (one per run) sharing its dictionaries; value columns are compacted copies.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The batches, in run order.</returns>
    public static IEnumerable<RecordBatch> ToRecordBatches(ScoreTable table) => ToRecordBatches(table, GetSchema(table));

    private static IEnumerable<RecordBatch> ToRecordBatches(ScoreTable table, Schema schema)
    {
        var modelTypes = new StringDictionary(4);
        foreach (var run in table.Runs)
        {
            if (run.ModelType is not null)
            {
                modelTypes.GetOrAdd(run.ModelType);
            }
        }

        var context = new WriteContext(table.Persons.ToArrowArray(), table.FactorCodes.ToArrowArray(), table.FactorValues.ToArrowArray(), modelTypes.Freeze().ToArrowArray(), ImportanceArray());
        foreach (var run in table.Runs)
        {
            yield return RunBatch(schema, table, run, modelTypes, context);
        }
    }

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
        foreach (var batch in ToRecordBatches(table, schema))
        {
            writer.WriteRecordBatch(batch);
            any = true;
        }

        if (!any)
        {
            writer.WriteRecordBatch(EmptyBatch(schema, table));
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

    internal static string[] Importances => ImportanceNames;

    private static MemoryStream Buffered(Stream stream)
    {
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    private static StringArray ImportanceArray()
    {
        var builder = new StringArray.Builder();
        foreach (var name in ImportanceNames)
        {
            builder.Append(name);
        }

        return builder.Build();
    }

    private static RecordBatch EmptyBatch(Schema schema, ScoreTable table)
    {
        var empty = new int[0];
        var utf8 = new StringArray.Builder().Build();
        IArrowArray Dict() => new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(empty), ArrowBuffer.Empty, 0, 0, 0), utf8);
        var structs = new StructArray(FactorType, 0, [Dict(), Dict(), new DictionaryArray(ImportanceDictionary, new Int8Array(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0), ImportanceArray())], ArrowBuffer.Empty, 0);
        var columns = new List<IArrowArray>
        {
            new Date32Array(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            Dict(),
            new BooleanArray(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            new TimestampArray(Timestamps.ArrowType, ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            new DoubleArray(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            new DoubleArray(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            new Int16Array(ArrowBuffer.Empty, ArrowBuffer.Empty, 0, 0, 0),
            Dict(),
            new ListArray(FactorListType, 0, Buf(new int[1]), structs, ArrowBuffer.Empty, 0),
        };
        columns.AddRange(table.Attributes.Select(_ => Dict()));
        return new RecordBatch(schema, columns, 0);
    }

    private sealed record WriteContext(StringArray Persons, StringArray Codes, StringArray Values, StringArray ModelTypes, StringArray Importances);

    private static RecordBatch RunBatch(Schema schema, ScoreTable table, ScoreRun run, StringDictionary modelTypes, WriteContext context)
    {
        // Rows: the persons scored in this run, plus (scored = false) persons with a time-varying attribute value here.
        var persons = table.Persons.Count;
        // Persons not scored here that carry a dated attribute value at this run, marked once per attribute, not per person.
        var valueOnly = new bool[persons];
        foreach (var attribute in table.Attributes.Where(a => a.VariesOverTime))
        {
            var ids = attribute.GetValueIds(run.Index);
            for (var p = 0; p < persons; p++)
            {
                valueOnly[p] |= ids[p] >= 0;
            }
        }

        var rows = new List<int>(run.PresentCount);
        var presence = run.Presence;
        for (var p = 0; p < persons; p++)
        {
            if (Bitmaps.Get(presence, p) || valueOnly[p])
            {
                rows.Add(p);
            }
        }

        var count = rows.Count;
        var personIds = new int[count];
        var scored = new byte[Bitmaps.ByteLength(count)];
        var scores = new double[count];
        var probabilities = new double[count];
        var percentiles = new short[count];
        var micros = new long[count];
        var scoreValid = new byte[scored.Length];
        var probabilityValid = new byte[scored.Length];
        var percentileValid = new byte[scored.Length];
        var timestampValid = new byte[scored.Length];
        var listOffsets = new int[count + 1];
        var factorOffsets = run.FactorOffsets;
        var uniform = run.UniformTimestamp is { } u ? Timestamps.ToMicros(u) : (long?)null;
        for (var i = 0; i < count; i++)
        {
            var p = rows[i];
            personIds[i] = p;
            listOffsets[i] = factorOffsets[p];
            if (!Bitmaps.Get(presence, p))
            {
                continue;
            }

            Bitmaps.Set(scored, i);
            Copy(run.Scores, run.ScoreValidity, p, scores, scoreValid, i);
            Copy(run.Probabilities, run.ProbabilityValidity, p, probabilities, probabilityValid, i);
            Copy(run.Percentiles, run.PercentileValidity, p, percentiles, percentileValid, i);
            if (uniform is { } ts)
            {
                micros[i] = ts;
                Bitmaps.Set(timestampValid, i);
            }
            else if (run.TimestampsVary && Bitmaps.Get(run.TimestampValidity, p))
            {
                micros[i] = run.TimestampMicros[p];
                Bitmaps.Set(timestampValid, i);
            }
        }

        listOffsets[count] = run.FactorCount;
        var date = new int[count];
        date.AsSpan().Fill(run.ScoreDate.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
        var modelType = new int[count];
        var modelTypeValid = new byte[scored.Length];
        var modelTypeId = modelTypes.IndexOf(run.ModelType);
        if (modelTypeId >= 0)
        {
            modelType.AsSpan().Fill(modelTypeId);
            for (var i = 0; i < count; i++)
            {
                if (Bitmaps.Get(scored, i))
                {
                    Bitmaps.Set(modelTypeValid, i);
                }
            }
        }

        var columns = new List<IArrowArray>
        {
            new Date32Array(Buf(date), ArrowBuffer.Empty, count, 0, 0),
            new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(personIds), ArrowBuffer.Empty, count, 0, 0), context.Persons),
            new BooleanArray(Buf(scored), ArrowBuffer.Empty, count, 0, 0),
            new TimestampArray(Timestamps.ArrowType, Buf(micros), Buf(timestampValid), count, Nulls(timestampValid, count), 0),
            new DoubleArray(Buf(scores), Buf(scoreValid), count, Nulls(scoreValid, count), 0),
            new DoubleArray(Buf(probabilities), Buf(probabilityValid), count, Nulls(probabilityValid, count), 0),
            new Int16Array(Buf(percentiles), Buf(percentileValid), count, Nulls(percentileValid, count), 0),
            new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(modelType), Buf(modelTypeValid), count, Nulls(modelTypeValid, count), 0), context.ModelTypes),
            FactorList(run, listOffsets, count, context),
        };
        foreach (var attribute in table.Attributes)
        {
            var ids = attribute.GetValueIds(run.Index);
            var values = new int[count];
            var valid = new byte[scored.Length];
            for (var i = 0; i < count; i++)
            {
                var id = ids[rows[i]];
                if (id >= 0)
                {
                    values[i] = id;
                    Bitmaps.Set(valid, i);
                }
            }

            columns.Add(new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(values), Buf(valid), count, Nulls(valid, count), 0), attribute.Values.ToArrowArray()));
        }

        return new RecordBatch(schema, columns, count);
    }

    private static ListArray FactorList(ScoreRun run, int[] listOffsets, int count, WriteContext context)
    {
        var factors = run.FactorCount;
        var codes = IdsWithNulls(run.FactorCodes, out var codeValid, out var codeNulls);
        var values = IdsWithNulls(run.FactorValues, out var valueValid, out var valueNulls);
        var importance = new sbyte[factors];
        var source = run.FactorImportance;
        for (var i = 0; i < factors; i++)
        {
            importance[i] = (sbyte)source[i];
        }

        var children = new IArrowArray[]
        {
            new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(codes), codeValid, factors, codeNulls, 0), context.Codes),
            new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(values), valueValid, factors, valueNulls, 0), context.Values),
            new DictionaryArray(ImportanceDictionary, new Int8Array(Buf(importance), ArrowBuffer.Empty, factors, 0, 0), context.Importances),
        };
        var structs = new StructArray(FactorType, factors, children, ArrowBuffer.Empty, 0);
        return new ListArray(FactorListType, count, Buf(listOffsets), structs, ArrowBuffer.Empty, 0);
    }

    private static int[] IdsWithNulls(ReadOnlySpan<int> ids, out ArrowBuffer validity, out int nulls)
    {
        var copy = ids.ToArray();
        nulls = 0;
        byte[]? bitmap = null;
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] < 0)
            {
                if (bitmap is null)
                {
                    bitmap = new byte[Bitmaps.ByteLength(copy.Length)];
                    bitmap.AsSpan().Fill(0xFF);
                }

                Bitmaps.Clear(bitmap, i);
                copy[i] = 0;
                nulls++;
            }
        }

        validity = bitmap is null ? ArrowBuffer.Empty : Buf(bitmap);
        return copy;
    }

    private static void Copy<T>(ReadOnlySpan<T> from, ReadOnlySpan<byte> fromValid, int p, T[] to, byte[] toValid, int i)
        where T : unmanaged
    {
        if (Bitmaps.Get(fromValid, p))
        {
            to[i] = from[p];
            Bitmaps.Set(toValid, i);
        }
    }

    private static int Nulls(byte[] validity, int count) => count - Bitmaps.PopCount(validity, count);

    private static ArrowBuffer Buf<T>(T[] array)
        where T : unmanaged => new(ArrayMemory<T>.Of(array, array.Length));

    internal static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The two Arrow IPC formats.</summary>
public enum ArrowIpcFormat
{
    /// <summary>The random-access file format (<c>ARROW1</c> magic and footer), usually <c>.arrow</c> or <c>.feather</c>.</summary>
    File = 0,

    /// <summary>The streaming format (a sequence of messages), usually <c>.arrows</c>.</summary>
    Stream = 1,
}
