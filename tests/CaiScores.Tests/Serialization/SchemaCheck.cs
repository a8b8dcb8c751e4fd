using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaiScores.Tests.Serialization;

/// <summary>
/// A small JSON Schema checker for the subset <see cref="System.Text.Json.Schema.JsonSchemaExporter"/> emits (type, properties,
/// required, items, enum, local $ref). Stricter than the standard in one way, on purpose: an object property that its
/// schema does not declare is an error, so a document has exactly the properties the schema documents.
/// </summary>
internal static class SchemaCheck
{
    public static IReadOnlyList<string> Validate(JsonNode schemaRoot, JsonNode? document)
    {
        var errors = new List<string>();
        Check(schemaRoot, schemaRoot, document, "$", errors);
        return errors;
    }

    private static void Check(JsonNode root, JsonNode? schema, JsonNode? value, string path, List<string> errors)
    {
        if (schema is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            if (!b.GetValue<bool>())
            {
                errors.Add($"{path}: not allowed");
            }

            return;
        }

        if (schema is not JsonObject s)
        {
            errors.Add($"{path}: schema is not an object");
            return;
        }

        if (s["$ref"] is JsonValue reference)
        {
            Check(root, Resolve(root, reference.GetValue<string>()), value, path, errors);
            return;
        }

        if (s["type"] is { } type)
        {
            var allowed = type is JsonArray a ? a.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var actual = KindOf(value);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: is {actual}, schema allows {string.Join("|", allowed)}");
                return;
            }
        }

        if (s["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {values.ToJsonString()}");
        }

        if (value is JsonObject obj)
        {
            var properties = s["properties"] as JsonObject;
            foreach (var (name, child) in obj)
            {
                if (properties?[name] is { } propertySchema)
                {
                    Check(root, propertySchema, child, $"{path}.{name}", errors);
                }
                else if (properties is not null)
                {
                    errors.Add($"{path}.{name}: not declared in the schema");
                }
            }

            foreach (var required in (s["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(required))
                {
                    errors.Add($"{path}.{required}: required but missing");
                }
            }
        }
        else if (value is JsonArray array && s["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(root, items, array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), errors);
            }
        }
    }

    private static JsonNode? Resolve(JsonNode root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            throw new InvalidOperationException($"Only local references are supported: {reference}");
        }

        var node = root;
        foreach (var part in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node is JsonArray a ? a[int.Parse(key, CultureInfo.InvariantCulture)]! : node![key]!;
        }

        return node;
    }

    private static string KindOf(JsonNode? value) => value?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => value.ToJsonString().Any(c => c is '.' or 'e' or 'E') ? "number" : "integer",
        _ => "unknown",
    };
}
