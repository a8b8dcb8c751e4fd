using Apache.Arrow;
using CaiScores.Internal;
using static CaiScores.Columnar.Ipc.ScoreTableLayout;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// Writes a <see cref="ScoreTable"/>'s runs as record batches in the <see cref="ScoreTableLayout"/>: one batch per run,
/// rows in person-index order, values compacted from the run's columns, dictionaries shared by every batch.
/// </summary>
internal static class RunBatchWriter
{
    /// <summary>The table's batches, in run order.</summary>
    public static IEnumerable<RecordBatch> ToRecordBatches(ScoreTable table, Schema schema)
    {
        var modelTypes = new StringDictionary(4);
        foreach (var run in table.Runs)
        {
            if (run.ModelType is not null)
            {
                modelTypes.GetOrAdd(run.ModelType);
            }
        }

        var namespaces = new StringArray.Builder();
        foreach (var name in table.PersonNamespaces.Names)
        {
            namespaces.Append(name);
        }

        var context = new WriteContext(table.Persons.ToArrowArray(), table.FactorCodes.ToArrowArray(), table.FactorValues.ToArrowArray(), modelTypes.Freeze().ToArrowArray(), ImportanceArray(), namespaces.Build());
        foreach (var run in table.Runs)
        {
            yield return RunBatch(schema, table, run, modelTypes, context);
        }
    }

    /// <summary>The placeholder batch a table without runs is written with (the writer takes dictionaries from the first batch).</summary>
    public static RecordBatch EmptyBatch(Schema schema, ScoreTable table)
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
            Dict(),
        };
        columns.AddRange(table.Attributes.Select(_ => Dict()));
        return new RecordBatch(schema, columns, 0);
    }

    private static StringArray ImportanceArray()
    {
        var builder = new StringArray.Builder();
        foreach (var name in Importances)
        {
            builder.Append(name);
        }

        return builder.Build();
    }

    private sealed record WriteContext(StringArray Persons, StringArray Codes, StringArray Values, StringArray ModelTypes, StringArray Importances, StringArray Namespaces);

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
            NamespaceColumn(table.PersonNamespaces.Codes, rows, context.Namespaces),
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

    private static DictionaryArray NamespaceColumn(ReadOnlySpan<byte> codes, List<int> rows, StringArray names)
    {
        var count = rows.Count;
        var ids = new int[count];
        var valid = new byte[Bitmaps.ByteLength(count)];
        for (var i = 0; i < count; i++)
        {
            var p = rows[i];
            if (p < codes.Length && codes[p] != 0)
            {
                ids[i] = codes[p] - 1;
                Bitmaps.Set(valid, i);
            }
        }

        return new DictionaryArray(Utf8Dictionary, new Int32Array(Buf(ids), Buf(valid), count, Nulls(valid, count), 0), names);
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
}
