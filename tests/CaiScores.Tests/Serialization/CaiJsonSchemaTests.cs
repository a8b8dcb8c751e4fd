using System.Text;
using System.Text.Json.Nodes;
using CaiScores.Serialization;
using CaiScores.Tests.Output;

namespace CaiScores.Tests.Serialization;

/// <summary>The committed JSON Schemas of the results (docs/schemas) are current, and every sample result fits its schema.</summary>
public sealed class CaiJsonSchemaTests
{
    [Fact]
    public void Committed_schemas_are_current()
    {
        var stale = new List<string>();
        foreach (var (_, type) in ResultSchemas.Types)
        {
            var file = ResultSchemas.FileOf(type);
            var received = file.Replace(".schema.json", ".schema.received.json", StringComparison.Ordinal);
            var schema = ResultSchemas.Generate(type);
            if (File.Exists(file) && File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal) == schema)
            {
                File.Delete(received);
                continue;
            }

            File.WriteAllText(received, schema, new UTF8Encoding(false));
            stale.Add(Path.GetFileName(file));
        }

        Assert.True(stale.Count == 0, $"Stale or missing schemas in docs/schemas: {string.Join(", ", stale)}. Compare each *.schema.received.json with its *.schema.json; if right, rename it over the committed file.");
        Assert.Empty(Directory.GetFiles(ResultSchemas.Directory, "*.schema.json").Select(Path.GetFileName)
            .Except(ResultSchemas.Types.Select(t => Path.GetFileName(ResultSchemas.FileOf(t.Type)))));
    }

    [Fact]
    public void Every_sample_result_has_exactly_the_properties_its_schema_documents()
    {
        foreach (var (name, result) in SampleResults.All())
        {
            var schema = JsonNode.Parse(ResultSchemas.Generate(result.GetType()))!;
            var json = JsonNode.Parse(CaiJsonResultTests.Serialize(result))!;
            var errors = SchemaCheck.Validate(schema, json);
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors.Take(10))}");

            // Top level, the other way: a documented property the sample does not write must be one that is omitted when
            // null (or, for a number, not finite).
            var written = json.AsObject().Select(p => p.Key).ToHashSet();
            foreach (var (property, propertySchema) in schema["properties"]!.AsObject().Where(p => !written.Contains(p.Key)))
            {
                Assert.True(MayBeOmitted(propertySchema!), $"{name}: documented property {property} is not written");
            }
        }
    }

    private static bool MayBeOmitted(JsonNode schema) => schema["type"] switch
    {
        JsonArray types => types.Any(t => t!.GetValue<string>() is "null" or "number"),
        JsonValue type => type.GetValue<string>() is "null" or "number",
        _ => false,
    };

    [Fact]
    public void The_checker_rejects_an_undeclared_property_a_wrong_type_and_a_missing_required_one()
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"enum":["x","y"]}},"required":["a"]}""")!;
        Assert.Empty(SchemaCheck.Validate(schema, JsonNode.Parse("""{"a":1,"b":"x"}""")));
        Assert.Single(SchemaCheck.Validate(schema, JsonNode.Parse("""{"a":1,"c":2}""")));
        Assert.Single(SchemaCheck.Validate(schema, JsonNode.Parse("""{"a":1.5}""")));
        Assert.Single(SchemaCheck.Validate(schema, JsonNode.Parse("""{"b":"x"}""")));
        Assert.Single(SchemaCheck.Validate(schema, JsonNode.Parse("""{"a":1,"b":"z"}""")));
    }
}
