using Apache.Arrow;
using CaiScores.Internal;
using CaiScores.Models;
using static CaiScores.Columnar.Ipc.LoadProblem;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// Reads one run's record batch back into a run's columns: rows scattered to person indexes (which must ascend), values
/// and validity into dense arrays, the factor lists into CSR form, a timestamp shared by every row kept once.
/// </summary>
internal static class RunBatchReader
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static (DateOnly Date, RunColumns Columns) ReadRun(RecordBatch batch, LayoutColumns columns, int persons, Importance[] importanceMap, string source)
    {
        var count = batch.Length;
        var dates = (Date32Array)batch.Column(columns.ScoreDate);
        if (count == 0 || dates.NullCount > 0)
        {
            throw Bad(source, "a run batch is empty or has a null score_date");
        }

        var day = dates.Values[0];
        foreach (var d in dates.Values)
        {
            if (d != day)
            {
                throw Bad(source, "a batch holds rows of several score dates");
            }
        }

        var date = DateOnly.FromDayNumber(EpochDay + day);
        var personIndex = (Int32Array)((DictionaryArray)batch.Column(columns.PersonId)).Indices;
        var scored = (BooleanArray)batch.Column(columns.Scored);
        var timestamps = (TimestampArray)batch.Column(columns.Timestamp);
        var scoreArray = (DoubleArray)batch.Column(columns.Score);
        var probabilityArray = (DoubleArray)batch.Column(columns.Probability);
        var percentileArray = (Int16Array)batch.Column(columns.Percentile);
        var modelTypes = (DictionaryArray)batch.Column(columns.ModelType);
        var factors = (ListArray)batch.Column(columns.Factors);

        var scores = new double[persons];
        var probabilities = new double[persons];
        var percentiles = new short[persons];
        var bitmapBytes = Bitmaps.ByteLength(persons);
        var presence = new byte[bitmapBytes];
        var scoreValid = new byte[bitmapBytes];
        var probabilityValid = new byte[bitmapBytes];
        var percentileValid = new byte[bitmapBytes];
        var micros = new long[persons];
        var microsValid = new byte[bitmapBytes];
        var factorCounts = new int[persons + 1];
        string? modelType = null;
        var previous = -1;
        for (var i = 0; i < count; i++)
        {
            var p = personIndex.GetValue(i) ?? throw Bad(source, "a person_id is null");
            if (p <= previous || p >= persons)
            {
                throw Bad(source, $"person_id indexes must ascend within a run and stay below {persons}");
            }

            previous = p;
            factorCounts[p] = factors.GetValueLength(i);
            if (factorCounts[p] < 0)
            {
                throw Bad(source, "the influential_factors list offsets decrease");
            }

            if (scored.GetValue(i) != true)
            {
                if (factorCounts[p] != 0)
                {
                    throw Bad(source, "a row with scored = false has influential factors");
                }

                continue;
            }

            Bitmaps.Set(presence, p);
            Scatter(scoreArray, i, scores, scoreValid, p);
            Scatter(probabilityArray, i, probabilities, probabilityValid, p);
            Scatter(percentileArray, i, percentiles, percentileValid, p);
            Scatter(timestamps, i, micros, microsValid, p);

            if (modelType is null && modelTypes.IsValid(i))
            {
                var id = ((Int32Array)modelTypes.Indices).GetValue(i)!.Value;
                var names = LayoutDictionaries.Strings((StringArray)modelTypes.Dictionary, source, "model_type");
                modelType = (uint)id < (uint)names.Count ? names[id] : throw Bad(source, $"a model_type index ({id}) is outside its dictionary");
            }
        }

        // Factor CSR over all persons: offsets are prefix sums of the counts; children copied in row order.
        var offsets = new int[persons + 1];
        for (var p = 0; p < persons; p++)
        {
            offsets[p + 1] = offsets[p] + factorCounts[p];
        }

        var total = offsets[persons];
        var structs = (StructArray)factors.Values;
        var first = factors.ValueOffsets[0];
        var codeIds = Ids((DictionaryArray)structs.Fields[0], first, total, source, "influential_factors.code");
        var valueIds = Ids((DictionaryArray)structs.Fields[1], first, total, source, "influential_factors.value");
        var importanceIndices = (Int8Array)((DictionaryArray)structs.Fields[2]).Indices;
        var importance = new byte[total];
        for (var i = 0; i < total; i++)
        {
            var index = importanceIndices.GetValue(first + i) ?? 0;
            if ((uint)index >= (uint)importanceMap.Length)
            {
                throw Bad(source, "an importance index is out of its dictionary");
            }

            importance[i] = (byte)importanceMap[index];
        }

        var (uniform, perRow, perRowValid) = Timestamps(presence, micros, microsValid, persons);
        return (date, new RunColumns
        {
            Scores = scores,
            Probabilities = probabilities,
            Percentiles = percentiles,
            Presence = presence,
            ScoreValidity = scoreValid,
            ProbabilityValidity = probabilityValid,
            PercentileValidity = percentileValid,
            Timestamps = perRow,
            TimestampValidity = perRowValid,
            UniformTimestamp = uniform,
            ModelType = modelType,
            FactorOffsets = offsets,
            FactorCodes = codeIds,
            FactorValues = valueIds,
            FactorImportance = importance,
        });
    }

    /// <summary>Row <paramref name="i"/>'s value, if not null, to person <paramref name="p"/>'s slot, marked valid.</summary>
    private static void Scatter<T>(PrimitiveArray<T> from, int i, T[] to, byte[] toValid, int p)
        where T : struct, IEquatable<T>
    {
        if (from.GetValue(i) is { } value)
        {
            to[p] = value;
            Bitmaps.Set(toValid, p);
        }
    }

    private static (DateTimeOffset? Uniform, long[]? PerRow, byte[]? Valid) Timestamps(byte[] presence, long[] micros, byte[] valid, int persons)
    {
        long? value = null;
        var any = false;
        var uniform = true;
        for (var p = 0; p < persons; p++)
        {
            if (!Bitmaps.Get(presence, p))
            {
                continue;
            }

            var has = Bitmaps.Get(valid, p);
            any |= has;
            if (!has || (value is { } v && v != micros[p]))
            {
                uniform = false;
            }

            value ??= has ? micros[p] : null;
        }

        if (!any)
        {
            return (null, null, null);
        }

        return uniform ? (Columnar.Timestamps.FromMicros(value!.Value), null, null) : (null, micros, valid);
    }

    private static int[] Ids(DictionaryArray array, int first, int total, string source, string what)
    {
        var indices = (Int32Array)array.Indices;
        var size = array.Dictionary.Length;
        if (first < 0 || first + total > indices.Length)
        {
            throw Bad(source, $"the {what} column is shorter than its list offsets say");
        }

        var ids = new int[total];
        for (var i = 0; i < total; i++)
        {
            var id = indices.GetValue(first + i) ?? -1;
            if (id < -1 || id >= size)
            {
                throw Bad(source, $"a {what} index ({id}) is outside its dictionary of {size}");
            }

            ids[i] = id;
        }

        return ids;
    }
}
