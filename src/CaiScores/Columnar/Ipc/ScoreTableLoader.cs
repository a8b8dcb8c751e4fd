using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using CaiScores.Internal;
using static CaiScores.Columnar.Ipc.LoadProblem;

namespace CaiScores.Columnar.Ipc;

/// <summary>Reads the layout <see cref="ScoreTableArrow"/> writes back into a <see cref="ScoreTable"/>, checking it as it goes.</summary>
internal static class ScoreTableLoader
{
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
        var columns = new LayoutColumns(schema, source);

        if (batches.Count == 0)
        {
            return new ScoreTable(tenant, instance, StringDictionary.Empty, [], StringDictionary.Empty, StringDictionary.Empty, PersonAttributes.None, diagnostics);
        }

        var first = batches[0];
        var persons = LayoutDictionaries.Dictionary(first, columns.PersonId, source, "person_id");
        var personCount = persons.Count;
        var codes = LayoutDictionaries.FactorDictionary(first, columns.Factors, 0, source, "influential_factors.code");
        var values = LayoutDictionaries.FactorDictionary(first, columns.Factors, 1, source, "influential_factors.value");
        var importanceMap = LayoutDictionaries.ImportanceMap(first, columns.Factors, source);
        var attributeNames = columns.Attributes.Select(a => a.Name).ToArray();
        var attributeDictionaries = columns.Attributes.Select(a => LayoutDictionaries.Dictionary(first, a.Index, source, a.Name)).ToArray();
        var staticCodes = columns.Attributes.Select(_ => Filled(personCount)).ToArray();
        var varyingCodes = columns.Attributes.Select(_ => new List<int[]>()).ToArray();

        var namespaceNames = columns.IdentityNamespace < 0 ? [] : Names(LayoutDictionaries.Dictionary(first, columns.IdentityNamespace, source, ScoreTableLayout.IdentityNamespaceColumn));
        if (namespaceNames.Length > PersonNamespaces.MaxNamespaces)
        {
            throw Bad(source, $"the '{ScoreTableLayout.IdentityNamespaceColumn}' dictionary holds {namespaceNames.Length} namespaces; a table holds at most {PersonNamespaces.MaxNamespaces}");
        }

        var namespaceIds = namespaceNames.Length == 0 ? [] : Filled(personCount); // every batch gives a person the same one
        var runs = new ScoreRun[batches.Count];
        for (var r = 0; r < batches.Count; r++)
        {
            var batch = batches[r];
            if (((DictionaryArray)batch.Column(columns.PersonId)).Dictionary.Length != personCount)
            {
                throw Bad(source, "the person_id dictionary changes between batches");
            }

            var (date, run) = RunBatchReader.ReadRun(batch, columns, personCount, importanceMap, source);
            if (r > 0 && date <= runs[r - 1].ScoreDate)
            {
                throw Bad(source, $"the run of {ScoreTableLayout.FormatDate(date)} is out of order or appears twice");
            }

            runs[r] = new ScoreRun(r, date, personCount, run);
            if (namespaceIds.Length > 0)
            {
                ReadAttribute(batch, columns.IdentityNamespace, namespaceIds, source);
            }

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

        return new ScoreTable(tenant, instance, persons, runs, codes, values, new PersonAttributes(attributes), diagnostics)
        {
            PersonNamespaces = namespaceNames.Length == 0 ? PersonNamespaces.None : new PersonNamespaces(namespaceNames, System.Array.ConvertAll(namespaceIds, id => (byte)(id + 1))),
        };
    }

    private static string[] Names(StringDictionary dictionary) => [.. dictionary];

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

    private static int[] Filled(int length)
    {
        var array = new int[length];
        array.AsSpan().Fill(-1);
        return array;
    }
}
