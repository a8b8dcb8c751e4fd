using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaiScores.Output;
using CaiScores.Serialization;
using CaiScores.Tests.Output;
using CaiScores.Tests.Serialization;

namespace CaiScores.Tests.Docs;

/// <summary>docs/json.md: its code is this file's, its examples are what the library writes, every result has its section.</summary>
public sealed partial class JsonDocTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "json.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void Snippets_compile_run_and_are_shown_verbatim()
    {
        var summary = SampleResults.Summary();
        var distribution = SampleResults.Distribution();
        using var response = new MemoryStream();

        // begin-snippet: json-serialize
        string compact = CaiJson.Serialize(summary);
        string readable = CaiJson.Serialize(summary, indented: true);
        CaiJson.Write(response, distribution); // UTF-8 straight to a stream, e.g. an HTTP response body
        // end-snippet

        // begin-snippet: json-vega-lite
        string spec = VegaLite.Distribution(distribution, new ChartOptions { Title = "Scores this week" });
        // end-snippet

        Assert.StartsWith("{\"run\":", compact, StringComparison.Ordinal);
        Assert.Contains("\n  \"buckets\": [", readable, StringComparison.Ordinal);
        Assert.True(response.Length > 100);
        Assert.Contains("\"title\": \"Scores this week\"", spec, StringComparison.Ordinal);
        Assert.Equal(2, DocSnippets.AssertShownIn(ThisFile(), "docs/json.md", "json-"));
    }

    [Fact]
    public void Every_result_has_a_section_that_names_each_top_level_property_and_links_its_schema()
    {
        foreach (var (name, type) in ResultSchemas.Types)
        {
            var section = Section(type.Name);
            Assert.Contains($"schemas/{name}.schema.json", section, StringComparison.Ordinal);
            var schema = JsonNode.Parse(ResultSchemas.Generate(type))!;
            foreach (var (property, _) in schema["properties"]!.AsObject())
            {
                Assert.True(section.Contains($"`{property}`", StringComparison.Ordinal), $"docs/json.md, section {type.Name}, does not describe `{property}`");
            }
        }
    }

    [Fact]
    public void Every_example_is_part_of_what_the_library_writes_for_the_sample_result()
    {
        foreach (var (_, type) in ResultSchemas.Types)
        {
            var example = JsonBlockRegex().Match(Section(type.Name));
            Assert.True(example.Success, $"docs/json.md, section {type.Name}, has no json example");
            var sample = SampleResults.All().First(r => r.Result.GetType() == type).Result;
            var actual = JsonNode.Parse(CaiJsonResultTests.Serialize(sample))!;
            var problem = Contained(JsonNode.Parse(example.Groups["json"].Value), actual, "$");
            Assert.True(problem is null, $"docs/json.md, section {type.Name}: {problem}");
        }
    }

    /// <summary>
    /// Null when <paramref name="example"/> is an abbreviation of <paramref name="actual"/>: objects may leave properties out,
    /// arrays may leave trailing items out, everything shown is equal.
    /// </summary>
    private static string? Contained(JsonNode? example, JsonNode? actual, string path)
    {
        switch (example)
        {
            case JsonObject e when actual is JsonObject a:
                foreach (var (key, value) in e)
                {
                    if (!a.ContainsKey(key))
                    {
                        return $"{path}.{key} is not written";
                    }

                    if (Contained(value, a[key], $"{path}.{key}") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray e when actual is JsonArray a:
                if (e.Count > a.Count)
                {
                    return $"{path} shows {e.Count} items, {a.Count} are written";
                }

                return e.Select((item, i) => Contained(item, a[i], $"{path}[{i}]")).FirstOrDefault(p => p is not null);
            default:
                return JsonNode.DeepEquals(example, actual) ? null : $"{path} is {actual?.ToJsonString()}, the example shows {example?.ToJsonString()}";
        }
    }

    private static string Section(string typeName)
    {
        var start = Page.IndexOf($"\n## `{typeName}`", StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/json.md has no section ## `{typeName}`");
        var end = Page.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return Page[start..(end < 0 ? Page.Length : end)];
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [GeneratedRegex("```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlockRegex();
}
