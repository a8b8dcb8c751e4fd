using System.Globalization;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Internal;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// The Arrow layout of a saved <see cref="ScoreTable"/> (<c>docs/arrow-ipc.md</c>): the column types, the schema with its
/// attribute columns and <c>cai.*</c> metadata, the importance names and the date format messages use.
/// </summary>
internal static class ScoreTableLayout
{
    public const string AttributePrefix = "attr:";

    /// <summary>The person's identity namespace (null when not known); optional on reading, for files written before it.</summary>
    public const string IdentityNamespaceColumn = "identity_namespace";
    public static readonly DictionaryType Utf8Dictionary = new(Int32Type.Default, StringType.Default, false);
    public static readonly DictionaryType ImportanceDictionary = new(Int8Type.Default, StringType.Default, false);
    public static readonly StructType FactorType = new([
        new Field("code", Utf8Dictionary, true),
        new Field("value", Utf8Dictionary, true),
        new Field("importance", ImportanceDictionary, false),
    ]);

    public static readonly ListType FactorListType = new(new Field("item", FactorType, false));

    /// <summary>The importance dictionary, in <see cref="Models.Importance"/> order.</summary>
    public static string[] Importances { get; } = ["unspecified", "low", "medium", "high"];

    /// <summary>The schema a table is written with (its attribute columns and metadata included).</summary>
    public static Schema SchemaOf(ScoreTable table)
    {
        var builder = new Schema.Builder()
            .Field(new Field("score_date", Date32Type.Default, false))
            .Field(new Field("person_id", Utf8Dictionary, false))
            .Field(new Field("scored", BooleanType.Default, false))
            .Field(new Field("timestamp", Timestamps.ArrowType, true))
            .Field(new Field("score", DoubleType.Default, true))
            .Field(new Field("probability", DoubleType.Default, true))
            .Field(new Field("percentile_score", Int16Type.Default, true))
            .Field(new Field("model_type", Utf8Dictionary, true))
            .Field(new Field("influential_factors", FactorListType, false))
            .Field(new Field(IdentityNamespaceColumn, Utf8Dictionary, true));
        foreach (var attribute in table.Attributes)
        {
            builder.Field(new Field(AttributePrefix + attribute.Name, Utf8Dictionary, true));
        }

        builder.Metadata("cai.layout", ScoreTableArrow.LayoutVersion)
            .Metadata("cai.tenant", table.TenantId)
            .Metadata("cai.instance", table.InstanceKey)
            .Metadata("cai.attributes.varying", JsonStrings.Write(table.Attributes.Where(a => a.VariesOverTime).Select(a => a.Name)))
            .Metadata("cai.diagnostics", JsonSerializer.Serialize(table.Diagnostics, DiagnosticsJsonContext.Default.ScoreTableDiagnostics));
        return builder.Build();
    }

    public static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
