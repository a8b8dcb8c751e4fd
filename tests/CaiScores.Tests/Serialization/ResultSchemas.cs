using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using CaiScores.Bucketing;
using CaiScores.Segments;
using CaiScores.Serialization;
using CaiScores.Tests.Docs;
using CaiScores.Tests.Output;

namespace CaiScores.Tests.Serialization;

/// <summary>
/// The JSON Schema of every analysis result, generated from <see cref="CaiJson.Options"/> (the source-generated context)
/// with <see cref="JsonSchemaExporter"/>; committed in <c>docs/schemas/&lt;result&gt;.schema.json</c>.
/// </summary>
internal static partial class ResultSchemas
{
    // CaiJson.Options with the C# nullable annotations respected, so that a non-nullable list is "array", not "array|null"
    // (the exporter reads the annotations only then). Serialization itself is unchanged: results never hold a null there.
    private static readonly JsonSerializerOptions SchemaOptions = new(CaiJson.Options) { RespectNullableAnnotations = true };

    /// <summary>The directory of the committed schemas.</summary>
    public static string Directory => Path.Combine(DocSnippets.Root(), "docs", "schemas");

    /// <summary>Every result type of <see cref="SampleResults.All"/>, once, with its schema's file name (kebab case).</summary>
    public static IReadOnlyList<(string Name, Type Type)> Types { get; } =
        [.. SampleResults.All().Select(r => r.Result.GetType()).Distinct().Select(t => (Kebab(t.Name), t))];

    public static string FileOf(Type type) => Path.Combine(Directory, Kebab(type.Name) + ".schema.json");

    /// <summary>The schema of a result type as the text committed in docs/schemas (two-space indentation, LF, final newline).</summary>
    public static string Generate(Type type)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, type, new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        });
        var document = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = type.Name,
            ["description"] = $"{type.FullName}, as CaiJson.Serialize writes it. See docs/json.md.",
        };
        foreach (var (key, value) in schema.AsObject().ToList())
        {
            schema.AsObject().Remove(key);
            document[key] = value;
        }

        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" }) + "\n";
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        var type = context.TypeInfo.Type;
        if (type == typeof(BucketScheme))
        {
            // Written by a converter through the generated contract of BucketSchemeJson: describe that.
            return JsonSchemaExporter.GetJsonSchemaAsNode(SchemaOptions, typeof(BucketSchemeJson), new JsonSchemaExporterOptions
            {
                TreatNullObliviousAsNonNullable = true,
                TransformSchemaNode = Transform,
            });
        }

        if (type == typeof(TimeZoneInfo))
        {
            return new JsonObject { ["type"] = "string", ["description"] = "A time zone id (UTC, Europe/Berlin)." };
        }

        if (type == typeof(Segment))
        {
            return new JsonObject { ["type"] = "string", ["description"] = "The segment's description (what it selects); not readable back." };
        }

        // A result's doubles are written only when finite (ResultContract: omitted otherwise), and its lists of numbers
        // (edges, percentiles) hold finite values by construction: a number, never a "NaN" string.
        if (type == typeof(double) || type == typeof(double?))
        {
            return new JsonObject { ["type"] = "number" };
        }

        // A property that is never null (by its C# annotation) and not a double is always written: not nullable, and required.
        // The exporter cannot tell for get-only properties without a constructor parameter, so this reads the annotation.
        if (context.PropertyInfo is { } property && !IsOptional(property) && node is JsonObject typed && typed["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            typed["type"] = kept.Count == 1 ? kept[0] : new JsonArray([.. kept.Select(k => (JsonNode)k)]);
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && node is JsonObject obj && obj["properties"] is JsonObject properties)
        {
            var required = context.TypeInfo.Properties
                .Where(p => p.Get is not null && properties.ContainsKey(p.Name) && !IsOptional(p))
                .Select(p => (JsonNode)p.Name)
                .ToList();
            obj.Remove("required");
            if (required.Count > 0)
            {
                obj["required"] = new JsonArray([.. required]);
            }
        }

        return node;
    }

    /// <summary>Whether a property may be absent: nullable (omitted when null), or a double (omitted when not finite).</summary>
    private static bool IsOptional(JsonPropertyInfo property)
    {
        var type = property.PropertyType;
        if (type == typeof(double) || type == typeof(double?) || Nullable.GetUnderlyingType(type) is not null)
        {
            return true;
        }

        if (type.IsValueType)
        {
            return false;
        }

        return property.AttributeProvider is not PropertyInfo member || new NullabilityInfoContext().Create(member).ReadState != NullabilityState.NotNull;
    }

    private static string Kebab(string name) => KebabRegex().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabRegex();
}
