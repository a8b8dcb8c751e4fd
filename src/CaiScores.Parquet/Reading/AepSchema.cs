using Apache.Arrow.Types;
using CaiScores.Ingest;
using ParquetSharp.Arrow;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// Finds the XDM columns of an AEP Customer AI Parquet file in its schema: <c>identityMap</c>, <c>timestamp</c> and every
/// <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c> struct, checking each leaf's type and naming the column path when one is
/// missing or of the wrong type.
/// </summary>
internal sealed class AepSchema
{
    private AepSchema(string source)
    {
        Source = source;
    }

    public string Source { get; }

    public int IdentityKey { get; private set; } = -1;

    public int IdentityId { get; private set; } = -1;

    public int IdentityPrimary { get; private set; } = -1;

    public int Timestamp { get; private set; } = -1;

    public List<InstanceLeaves> Instances { get; } = [];

    /// <summary>The leaves to read (projection).</summary>
    public IEnumerable<int> Leaves(IEnumerable<InstanceLeaves> instances)
    {
        yield return IdentityKey;
        yield return IdentityId;
        if (IdentityPrimary >= 0)
        {
            yield return IdentityPrimary;
        }

        if (Timestamp >= 0)
        {
            yield return Timestamp;
        }

        foreach (var instance in instances)
        {
            foreach (var leaf in instance.All)
            {
                yield return leaf;
            }
        }
    }

    /// <summary>The string leaves worth reading dictionary-encoded (few distinct values).</summary>
    public IEnumerable<int> DictionaryLeaves(IEnumerable<InstanceLeaves> instances)
    {
        yield return IdentityKey;
        foreach (var instance in instances)
        {
            foreach (var leaf in new[] { instance.ScoreDate, instance.ModelType, instance.FactorCode, instance.FactorValue, instance.FactorImportance })
            {
                if (leaf >= 0 && (leaf != instance.ScoreDate || instance.ScoreDateIsText))
                {
                    yield return leaf;
                }
            }
        }
    }

    public static AepSchema Read(SchemaManifest manifest, string source)
    {
        var schema = new AepSchema(source);
        var top = manifest.SchemaFields;
        var identity = top.FirstOrDefault(f => f.Field.Name == "identityMap")
            ?? throw schema.Error("identityMap", "the column is missing (AEP score exports key every record by its identity map)");
        if (identity.Field.DataType is not MapType)
        {
            throw schema.Error("identityMap", $"the column is {Describe(identity.Field.DataType)}, expected map<string, list<struct<id, authenticatedState, primary>>>");
        }

        var entries = identity.Children[0];
        schema.IdentityKey = schema.Leaf(entries.Children[0], "identityMap.key", ArrowTypeId.String);
        var items = ListElement(entries.Children[1]) ?? throw schema.Error("identityMap.value", "expected a list of identity items");
        schema.IdentityId = schema.Leaf(Child(items, "id") ?? throw schema.Error("identityMap.value.id", "the column is missing"), "identityMap.value.id", ArrowTypeId.String);
        var primary = Child(items, "primary");
        schema.IdentityPrimary = primary is null ? -1 : schema.Leaf(primary, "identityMap.value.primary", ArrowTypeId.Boolean);

        var timestamp = top.FirstOrDefault(f => f.Field.Name == "timestamp");
        if (timestamp is not null)
        {
            schema.Timestamp = schema.Leaf(timestamp, "timestamp", ArrowTypeId.Timestamp);
        }

        for (var t = 0; t < top.Count; t++)
        {
            var tenant = top[t];
            if (tenant.Field.Name is not ['_', _, ..] || tenant.Field.DataType is not StructType)
            {
                continue;
            }

            var cai = Child(tenant, "CustomerAI");
            if (cai is null || cai.Field.DataType is not StructType)
            {
                continue;
            }

            foreach (var instance in cai.Children)
            {
                var path = $"{tenant.Field.Name}.CustomerAI.{instance.Field.Name}";
                if (instance.Field.DataType is not StructType)
                {
                    throw schema.Error(path, $"the column is {Describe(instance.Field.DataType)}, expected a struct of score fields");
                }

                schema.Instances.Add(schema.ReadInstance(tenant.Field.Name[1..], instance, path));
            }
        }

        return schema;
    }

    private InstanceLeaves ReadInstance(string tenant, SchemaField instance, string path)
    {
        int Optional(string name, params ArrowTypeId[] types)
        {
            var field = Child(instance, name);
            return field is null ? -1 : Leaf(field, $"{path}.{name}", types);
        }

        var score = Child(instance, "score") ?? throw Error($"{path}.score", "the column is missing");
        var leaves = new InstanceLeaves
        {
            TenantId = tenant,
            InstanceKey = instance.Field.Name,
            Path = path,
            Score = Leaf(score, $"{path}.score", ArrowTypeId.Double, ArrowTypeId.Float),
            Probability = Optional("probability", ArrowTypeId.Double, ArrowTypeId.Float),
            Percentile = Optional("percentileScore", ArrowTypeId.Int32, ArrowTypeId.Int64, ArrowTypeId.Int16, ArrowTypeId.Int8),
            ScoreDate = Optional("scoreDate", ArrowTypeId.String, ArrowTypeId.Date32),
            ScoreDateIsText = Child(instance, "scoreDate")?.Field.DataType.TypeId == ArrowTypeId.String,
            ModelType = Optional("modelType", ArrowTypeId.String),
        };

        var factors = Child(instance, "influentialFactors");
        if (factors is not null)
        {
            var element = ListElement(factors) ?? throw Error($"{path}.influentialFactors", $"the column is {Describe(factors.Field.DataType)}, expected list<struct<code, value, importance>>");
            int FactorLeaf(string name) => Child(element, name) is { } f ? Leaf(f, $"{path}.influentialFactors.{name}", ArrowTypeId.String) : -1;
            leaves = leaves with { FactorCode = FactorLeaf("code"), FactorValue = FactorLeaf("value"), FactorImportance = FactorLeaf("importance") };
            if (leaves.FactorCode < 0)
            {
                throw Error($"{path}.influentialFactors.code", "the column is missing");
            }
        }

        return leaves;
    }

    private int Leaf(SchemaField field, string path, params ArrowTypeId[] types)
    {
        if (field.ColumnIndex < 0 || !types.Contains(field.Field.DataType.TypeId))
        {
            throw Error(path, $"the column is {Describe(field.Field.DataType)}, expected {string.Join(" or ", types.Select(t => t.ToString().ToLowerInvariant()))}");
        }

        return field.ColumnIndex;
    }

    private CaiIngestException Error(string path, string problem) => new(new IngestProblem(Source, null, path, problem));

    private static SchemaField? Child(SchemaField parent, string name) => parent.Children.FirstOrDefault(c => c.Field.Name == name);

    /// <summary>The element struct of a list field (list → element), or null when the field is no list of structs.</summary>
    private static SchemaField? ListElement(SchemaField list) =>
        list.Field.DataType is ListType && list.Children.Count == 1 && list.Children[0].Field.DataType is StructType ? list.Children[0] : null;

    private static string Describe(IArrowType type) => type switch
    {
        StructType => "a struct",
        ListType => "a list",
        MapType => "a map",
        _ => type.TypeId.ToString().ToLowerInvariant(),
    };
}

/// <summary>The leaf column indexes of one instance (−1 for an absent optional field).</summary>
internal sealed record InstanceLeaves
{
    public required string TenantId { get; init; }

    public required string InstanceKey { get; init; }

    public required string Path { get; init; }

    public int Score { get; init; } = -1;

    public int Probability { get; init; } = -1;

    public int Percentile { get; init; } = -1;

    public int ScoreDate { get; init; } = -1;

    public bool ScoreDateIsText { get; init; }

    public int ModelType { get; init; } = -1;

    public int FactorCode { get; init; } = -1;

    public int FactorValue { get; init; } = -1;

    public int FactorImportance { get; init; } = -1;

    public IEnumerable<int> All => new[] { Score, Probability, Percentile, ScoreDate, ModelType, FactorCode, FactorValue, FactorImportance }.Where(i => i >= 0);
}
