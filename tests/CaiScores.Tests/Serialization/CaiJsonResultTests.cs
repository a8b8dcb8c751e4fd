using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Segments;
using CaiScores.Serialization;
using CaiScores.Tests.Output;
using CaiScores.Tests.Snapshots;
using CaiScores.Trends;

namespace CaiScores.Tests.Serialization;

/// <summary>The analysis results through <see cref="CaiJson"/>: every one serializes through the context, as documented.</summary>
public sealed class CaiJsonResultTests
{
    /// <summary>Serialises a result by its runtime type, through the context (as a service holding results as object would).</summary>
    internal static string Serialize(object result, bool indented = false)
    {
        var options = indented ? new JsonSerializerOptions(CaiJson.Options) { WriteIndented = true, NewLine = "\n" } : CaiJson.Options;
        return JsonSerializer.Serialize(result, options.GetTypeInfo(result.GetType()));
    }

    [Fact]
    public void Every_sample_result_serializes_through_the_source_generated_context_only()
    {
        // The test project turns reflection-based serialization off (JsonSerializerIsReflectionEnabledByDefault=false), and the
        // options' resolver is the generated context: nothing below can have been serialized by reflection.
        Assert.False(JsonSerializer.IsReflectionEnabledByDefault);
        Assert.IsNotType<DefaultJsonTypeInfoResolver>(CaiJson.Options.TypeInfoResolver);
        Assert.False(CaiJson.Options.TryGetTypeInfo(typeof(StringBuilder), out _));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, result) in SampleResults.All())
        {
            Assert.True(CaiJson.Options.TryGetTypeInfo(result.GetType(), out var info), name);
            Assert.Equal(JsonTypeInfoKind.Object, info!.Kind);
            var json = JsonNode.Parse(Serialize(result))!.AsObject();
            Assert.True(json.Count > 3, name);
            names.Add(result.GetType().Name);
            foreach (var node in Descendants(json))
            {
                if (node.Parent is JsonObject parent)
                {
                    var key = parent.Single(p => ReferenceEquals(p.Value, node)).Key;
                    Assert.True(char.IsLower(key[0]) && !key.StartsWith("naN", StringComparison.Ordinal), $"{name}: property {key} is not camelCase");
                }

                Assert.False(node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is "NaN" or "Infinity" or "-Infinity", $"{name}: a non-finite number written as a string");
            }
        }

        Assert.Equal(17, names.Count);
    }

    [Fact]
    public void The_typed_entry_points_agree()
    {
        var histogram = SampleResults.Histogram();
        var compact = CaiJson.Serialize(histogram);
        Assert.Equal(Serialize(histogram), compact);
        Assert.Equal(compact, CaiJson.Serialize(histogram, indented: false));
        var indented = CaiJson.Serialize(histogram, indented: true);
        Assert.Equal(Serialize(histogram, indented: true), indented);
        Assert.Contains("\n  \"rows\": [", indented, StringComparison.Ordinal);

        using var stream = new MemoryStream();
        CaiJson.Write(stream, histogram, indented: true);
        Assert.Equal(indented, Encoding.UTF8.GetString(stream.ToArray()));

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("histogram");
            CaiJson.Write(writer, histogram);
            writer.WriteEndObject();
        }

        Assert.Equal($$"""{"histogram":{{compact}}}""", Encoding.UTF8.GetString(buffer.ToArray()));
        Assert.Throws<ArgumentNullException>(() => CaiJson.Write(null!, histogram));
        Assert.Throws<ArgumentNullException>(() => CaiJson.Write((Utf8JsonWriter)null!, histogram));
    }

    [Fact]
    public void Enums_anywhere_in_a_result_are_camel_case_strings()
    {
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        foreach (var (_, result) in SampleResults.All())
        {
            Walk(CaiJson.Options.GetTypeInfo(result.GetType()), seen, enums);
        }

        Assert.Contains(typeof(ScoreField), enums);
        Assert.Contains(typeof(PropensityKind), enums);
        foreach (var type in enums)
        {
            foreach (var value in Enum.GetValues(type))
            {
                var json = JsonSerializer.Serialize(value, CaiJson.Options.GetTypeInfo(type));
                Assert.Matches("^\"[a-z][A-Za-z0-9]*\"$", json);
            }
        }
    }

    [Fact]
    public void Non_finite_numbers_in_results_are_omitted_and_the_models_keep_their_literals()
    {
        var bucket = BucketScheme.Cai.Buckets[0];
        var row = JsonNode.Parse(CaiJson.Serialize(new DistributionRow(bucket, 0, double.NaN)))!.AsObject();
        Assert.False(row.ContainsKey("share"));
        Assert.Equal(0, row["count"]!.GetValue<long>());

        var decile = JsonNode.Parse(CaiJson.Serialize(new DecileRow(1, 10, 0, 0, double.PositiveInfinity, 0.1, double.NaN)))!.AsObject();
        Assert.Equal(["group", "count", "positives", "rate", "cumulativeShare", "splitsTie"], decile.Select(p => p.Key));

        // Ingest types are unchanged: a normalised score keeps the named literal it has always had.
        var record = new ScoreRecord { PersonId = "p", TenantId = "t", InstanceKey = "i", RunKey = new DateOnly(2026, 1, 4), Score = double.NaN };
        Assert.Contains("\"score\":\"NaN\"", CaiJson.Serialize(record), StringComparison.Ordinal);
    }

    [Fact]
    public void Results_are_refused_on_reading_and_their_row_records_read_back_equal()
    {
        foreach (var (name, result) in SampleResults.All())
        {
            var info = CaiJson.Options.GetTypeInfo(result.GetType());
            var json = Serialize(result);
            Assert.True(Record.Exception(() => JsonSerializer.Deserialize(json, info)) is NotSupportedException, name);
        }

        foreach (var row in SampleResults.Distribution().Rows)
        {
            Assert.Equal(row, CaiJson.Deserialize<DistributionRow>(CaiJson.Serialize(row)));
        }

        foreach (var row in SampleResults.Histogram().Rows)
        {
            Assert.Equal(row, CaiJson.Deserialize<HistogramRow>(CaiJson.Serialize(row)));
        }

        foreach (var row in SampleResults.Evaluation().Rows)
        {
            Assert.Equal(row, CaiJson.Deserialize<DecileRow>(CaiJson.Serialize(row)));
        }

        foreach (var row in SampleResults.SuccessEvents().Rows)
        {
            Assert.Equal(row, CaiJson.Deserialize<SuccessEventsRow>(CaiJson.Serialize(row)));
        }

        foreach (var row in SampleResults.Performance().Rows)
        {
            Assert.Equal(row, CaiJson.Deserialize<PerformanceRow>(CaiJson.Serialize(row)));
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var segmented = ScoreTrend.Compute(SampleResults.Table, new TrendOptions
        {
            Granularity = TrendGranularity.Run,
            Segment = Segment.ValueInRange(ScoreField.Score, 12.5, 80.25) & !Segment.HasFactor("x"),
        });
        var results = SampleResults.All().Select(r => r.Result).Append(segmented).ToList();
        var invariant = WithCulture(CultureInfo.InvariantCulture, () => results.Select(r => Serialize(r)).ToList());
        var german = WithCulture(new CultureInfo("de-DE"), () => results.Select(r => Serialize(r)).ToList());
        Assert.Equal(invariant, german);
        Assert.Contains("12.5", JsonNode.Parse(invariant[^1])!["options"]!["segment"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("\"run\":\"2026-02-08\"", invariant[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_strings_from_the_data_are_escaped_and_read_back_unchanged()
    {
        var trend = HostileTrend(out var values);
        var json = CaiJson.Serialize(trend);
        Assert.DoesNotContain("<script>", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0001", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", json, StringComparison.Ordinal);
        var labels = JsonNode.Parse(json)!["series"]!.AsArray().Select(s => s!["label"]!.GetValue<string>()).ToList();
        Assert.Equal(values.Order(StringComparer.Ordinal), labels.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Histogram_snapshot() => Snapshot.Verify(CaiJson.Serialize(SampleResults.Histogram(), indented: true) + "\n", "json");

    [Fact]
    public void Top_percent_snapshot() => Snapshot.Verify(CaiJson.Serialize(SampleResults.TopPercent(), indented: true) + "\n", "json");

    [Fact]
    public void Audience_snapshot() => Snapshot.Verify(CaiJson.Serialize(SampleResults.Audience(), indented: true) + "\n", "json");

    [Fact]
    public void Distribution_snapshot() => Snapshot.Verify(CaiJson.Serialize(SampleResults.Distribution(), indented: true) + "\n", "json");

    /// <summary>A trend by an attribute whose values are hostile: markup, quotes, a backslash and control characters.</summary>
    internal static ScoreTrend HostileTrend(out string[] values)
    {
        values = ["<script>alert(\"x\")</script>", "quote \" apostrophe ' backslash \\ amp &", "control \u0001 tab \t newline \n end"];
        var table = SampleResults.Table;
        var hostile = values;
        var withLabels = table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "label", Value = hostile[p % hostile.Length] }));
        return ScoreTrend.Compute(withLabels, new TrendOptions { Granularity = TrendGranularity.Run, Scheme = null, CohortAttribute = "label" });
    }

    private static T WithCulture<T>(CultureInfo culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            yield return child;
            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    private static void Walk(JsonTypeInfo info, HashSet<Type> seen, HashSet<Type> enums)
    {
        if (!seen.Add(info.Type))
        {
            return;
        }

        var types = info.Properties.Select(p => p.PropertyType).Append(info.ElementType).OfType<Type>();
        foreach (var type in types)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t.IsEnum)
            {
                enums.Add(t);
            }
            else if (CaiJson.Options.TryGetTypeInfo(t, out var child))
            {
                Walk(child, seen, enums);
            }
        }
    }
}
