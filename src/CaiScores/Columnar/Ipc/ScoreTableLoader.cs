using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Columnar.Ipc;

/// <summary>Reads the layout <see cref="ScoreTableArrow"/> writes back into a <see cref="ScoreTable"/>, checking it as it goes.</summary>
internal static class ScoreTableLoader
{
    private static readonly int EpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static ScoreTable Read(ArrowStreamReader reader, string source)
    {
        var batches = new List<RecordBatch>();
        try
        {
            RecordBatch? batch;
            while ((batch = reader.ReadNextRecordBatch()) is not null)
            {
                if (batch.Length == 0)
                {
                    batch.Dispose(); // the placeholder a table without runs is written with
                    continue;
                }

                batches.Add(batch);
            }

            return Build(reader.Schema ?? throw Bad(source, "no Arrow schema (empty or not an Arrow IPC file)"), batches, source);
        }
        finally
        {
            foreach (var b in batches)
            {
                b.Dispose();
            }
        }
    }

    private static ScoreTable Build(Schema schema, List<RecordBatch> batches, string source)
    {
        string Meta(string key) =>
            schema.Metadata is not null && schema.Metadata.TryGetValue(key, out var value)
                ? value
                : throw Bad(source, $"the schema metadata has no '{key}' (not written by CaiScores?)");

        if (Meta("cai.layout") != ScoreTableArrow.LayoutVersion)
        {
            throw Bad(source, $"layout version '{Meta("cai.layout")}' is not supported (expected {ScoreTableArrow.LayoutVersion})");
        }

        var tenant = Meta("cai.tenant");
        var instance = Meta("cai.instance");
        var varying = JsonStrings.TryRead(Meta("cai.attributes.varying"))?.ToHashSet(StringComparer.Ordinal)
            ?? throw Bad(source, "the metadata 'cai.attributes.varying' is not a JSON array of strings");
        ScoreTableDiagnostics diagnostics;
        try
        {
            diagnostics = JsonSerializer.Deserialize(Meta("cai.diagnostics"), DiagnosticsJsonContext.Default.ScoreTableDiagnostics) ?? throw Bad(source, "the diagnostics metadata is empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw Bad(source, "the diagnostics metadata is not valid JSON: " + e.Message);
        }
        var columns = new Columns(schema, source);

        if (batches.Count == 0)
        {
            return new ScoreTable(tenant, instance, StringDictionary.Empty, [], StringDictionary.Empty, StringDictionary.Empty, PersonAttributes.None, diagnostics);
        }

        var first = batches[0];
        var persons = Dictionary(first, columns.PersonId, source, "person_id");
        var personCount = persons.Count;
        var codes = FactorDictionary(first, columns.Factors, 0, source, "influential_factors.code");
        var values = FactorDictionary(first, columns.Factors, 1, source, "influential_factors.value");
        var importanceMap = ImportanceMap(first, columns.Factors, source);
        var attributeNames = columns.Attributes.Select(a => a.Name).ToArray();
        var attributeDictionaries = columns.Attributes.Select(a => Dictionary(first, a.Index, source, a.Name)).ToArray();
        var staticCodes = columns.Attributes.Select(_ => Filled(personCount)).ToArray();
        var varyingCodes = columns.Attributes.Select(_ => new List<int[]>()).ToArray();

        var runs = new ScoreRun[batches.Count];
        for (var r = 0; r < batches.Count; r++)
        {
            var batch = batches[r];
            if (((DictionaryArray)batch.Column(columns.PersonId)).Dictionary.Length != personCount)
            {
                throw Bad(source, "the person_id dictionary changes between batches");
            }

            var (date, run) = ReadRun(batch, columns, personCount, importanceMap, source);
            if (r > 0 && date <= runs[r - 1].ScoreDate)
            {
                throw Bad(source, $"the run of {ScoreTableArrow.FormatDate(date)} is out of order or appears twice");
            }

            runs[r] = new ScoreRun(r, date, personCount, run);
            for (var a = 0; a < columns.Attributes.Count; a++)
            {
                var target = varying.Contains(attributeNames[a]) ? Filled(personCount) : staticCodes[a];
                ReadAttribute(batch, columns.Attributes[a].Index, target, source);
                if (varying.Contains(attributeNames[a]))
                {
                    varyingCodes[a].Add(target);
                }
            }
        }

        var attributes = new PersonAttribute[columns.Attributes.Count];
        for (var a = 0; a < attributes.Length; a++)
        {
            var isVarying = varying.Contains(attributeNames[a]);
            var byRun = isVarying ? varyingCodes[a].ToArray() : Enumerable.Repeat(staticCodes[a], runs.Length).ToArray();
            attributes[a] = new PersonAttribute(attributeNames[a], attributeDictionaries[a], byRun, isVarying);
        }

        return new ScoreTable(tenant, instance, persons, runs, codes, values, new PersonAttributes(attributes), diagnostics);
    }

    private static (DateOnly Date, RunColumns Columns) ReadRun(RecordBatch batch, Columns columns, int persons, Importance[] importanceMap, string source)
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
            if (scoreArray.GetValue(i) is { } s)
            {
                scores[p] = s;
                Bitmaps.Set(scoreValid, p);
            }

            if (probabilityArray.GetValue(i) is { } pr)
            {
                probabilities[p] = pr;
                Bitmaps.Set(probabilityValid, p);
            }

            if (percentileArray.GetValue(i) is { } pc)
            {
                percentiles[p] = pc;
                Bitmaps.Set(percentileValid, p);
            }

            if (timestamps.GetValue(i) is { } ts)
            {
                micros[p] = ts;
                Bitmaps.Set(microsValid, p);
            }

            if (modelType is null && modelTypes.IsValid(i))
            {
                var id = ((Int32Array)modelTypes.Indices).GetValue(i)!.Value;
                var names = Strings((StringArray)modelTypes.Dictionary, source, "model_type");
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

    private static void ReadAttribute(RecordBatch batch, int column, int[] target, string source)
    {
        var array = (DictionaryArray)batch.Column(column);
        var indices = (Int32Array)array.Indices;
        var persons = (Int32Array)((DictionaryArray)batch.Column(1)).Indices;
        for (var i = 0; i < batch.Length; i++)
        {
            if (indices.GetValue(i) is { } id)
            {
                if ((uint)id >= (uint)array.Dictionary.Length)
                {
                    throw Bad(source, $"a value index of '{batch.Schema.GetFieldByIndex(column).Name}' ({id}) is outside its dictionary");
                }

                target[persons.GetValue(i)!.Value] = id;
            }
        }
    }

    private static Importance[] ImportanceMap(RecordBatch batch, int column, string source)
    {
        var dictionary = Strings((StringArray)((DictionaryArray)((StructArray)((ListArray)batch.Column(column)).Values).Fields[2]).Dictionary, source, "importance");
        var map = new Importance[dictionary.Count];
        for (var i = 0; i < map.Length; i++)
        {
            var index = System.Array.IndexOf(ScoreTableArrow.Importances, dictionary[i]);
            map[i] = index >= 0 ? (Importance)index : throw Bad(source, $"unknown importance '{dictionary[i]}'");
        }

        return map;
    }

    private static StringDictionary FactorDictionary(RecordBatch batch, int column, int field, string source, string what) =>
        Strings((StringArray)((DictionaryArray)((StructArray)((ListArray)batch.Column(column)).Values).Fields[field]).Dictionary, source, what);

    private static StringDictionary Dictionary(RecordBatch batch, int column, string source, string what) =>
        Strings((StringArray)((DictionaryArray)batch.Column(column)).Dictionary, source, what);

    private static StringDictionary Strings(StringArray array, string source, string what)
    {
        if (array.NullCount > 0)
        {
            throw Bad(source, $"the {what} dictionary holds a null");
        }

        // Offsets are checked before any string is read: Arrow's own accessors trust them, and a corrupt file could
        // make them point outside the buffer.
        var offsets = array.ValueOffsets;
        var bytes = array.Values.Length;
        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < 0 || offsets[i] > bytes || (i > 0 && offsets[i] < offsets[i - 1]))
            {
                throw Bad(source, $"the {what} dictionary's offsets are corrupt");
            }
        }

        try
        {
            return StringDictionary.FromUtf8(array.ValueOffsets, array.Values, what);
        }
        catch (InvalidDataException e)
        {
            throw Bad(source, e.Message);
        }
    }

    private static int[] Filled(int length)
    {
        var array = new int[length];
        array.AsSpan().Fill(-1);
        return array;
    }

    private static InvalidDataException Bad(string source, string problem) => new($"{source}: {problem}");

    /// <summary>Column positions, checked by name and type against the layout.</summary>
    private sealed class Columns
    {
        public Columns(Schema schema, string source)
        {
            ScoreDate = Find(schema, "score_date", ArrowTypeId.Date32, source);
            PersonId = Find(schema, "person_id", ArrowTypeId.Dictionary, source);
            Scored = Find(schema, "scored", ArrowTypeId.Boolean, source);
            Timestamp = Find(schema, "timestamp", ArrowTypeId.Timestamp, source);
            if (schema.GetFieldByIndex(Timestamp).DataType is not TimestampType { Unit: TimeUnit.Microsecond, Timezone: "UTC" })
            {
                throw Bad(source, $"the column 'timestamp' must be timestamp[us, UTC], found {schema.GetFieldByIndex(Timestamp).DataType}");
            }

            Score = Find(schema, "score", ArrowTypeId.Double, source);
            Probability = Find(schema, "probability", ArrowTypeId.Double, source);
            Percentile = Find(schema, "percentile_score", ArrowTypeId.Int16, source);
            ModelType = Find(schema, "model_type", ArrowTypeId.Dictionary, source);
            Factors = Find(schema, "influential_factors", ArrowTypeId.List, source);
            if (PersonId != 1)
            {
                throw Bad(source, "person_id must be the second column");
            }

            for (var i = 0; i < schema.FieldsList.Count; i++)
            {
                var field = schema.FieldsList[i];
                if (field.Name.StartsWith("attr:", StringComparison.Ordinal))
                {
                    if (field.DataType.TypeId != ArrowTypeId.Dictionary)
                    {
                        throw Bad(source, $"the column '{field.Name}' must be dictionary-encoded strings");
                    }

                    Attributes.Add((field.Name["attr:".Length..], i));
                }
            }
        }

        public int ScoreDate { get; }

        public int PersonId { get; }

        public int Scored { get; }

        public int Timestamp { get; }

        public int Score { get; }

        public int Probability { get; }

        public int Percentile { get; }

        public int ModelType { get; }

        public int Factors { get; }

        public List<(string Name, int Index)> Attributes { get; } = [];

        private static int Find(Schema schema, string name, ArrowTypeId type, string source)
        {
            var index = schema.GetFieldIndex(name);
            if (index < 0)
            {
                throw Bad(source, $"the column '{name}' is missing");
            }

            var actual = schema.GetFieldByIndex(index).DataType.TypeId;
            return actual == type ? index : throw Bad(source, $"the column '{name}' is {actual}, expected {type}");
        }
    }
}
