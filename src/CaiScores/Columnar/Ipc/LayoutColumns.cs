using Apache.Arrow;
using Apache.Arrow.Types;
using static CaiScores.Columnar.Ipc.LoadProblem;

namespace CaiScores.Columnar.Ipc;

/// <summary>Column positions, checked by name and type against the layout.</summary>
internal sealed class LayoutColumns
{
    public LayoutColumns(Schema schema, string source)
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
        IdentityNamespace = schema.GetFieldIndex(ScoreTableLayout.IdentityNamespaceColumn);
        if (IdentityNamespace >= 0 && schema.GetFieldByIndex(IdentityNamespace).DataType.TypeId != ArrowTypeId.Dictionary)
        {
            throw Bad(source, $"the column '{ScoreTableLayout.IdentityNamespaceColumn}' must be dictionary-encoded strings");
        }

        if (PersonId != 1)
        {
            throw Bad(source, "person_id must be the second column");
        }

        for (var i = 0; i < schema.FieldsList.Count; i++)
        {
            var field = schema.FieldsList[i];
            if (field.Name.StartsWith(ScoreTableLayout.AttributePrefix, StringComparison.Ordinal))
            {
                if (field.DataType.TypeId != ArrowTypeId.Dictionary)
                {
                    throw Bad(source, $"the column '{field.Name}' must be dictionary-encoded strings");
                }

                Attributes.Add((field.Name[ScoreTableLayout.AttributePrefix.Length..], i));
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

    /// <summary>The identity namespace column, or −1 when the file has none.</summary>
    public int IdentityNamespace { get; }

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
