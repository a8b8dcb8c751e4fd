using System.Text;
using System.Text.Json;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Tests.Snapshots;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Serialization;

public sealed class CaiJsonTests
{
    [Fact]
    public void Records_read_from_aep_json_and_written_back_read_equal_field_for_field()
    {
        foreach (var path in new[] { Fixtures.ProfileAcme, Fixtures.EeGlobex })
        {
            using var reader = CaiJsonReader.Open(path);
            var original = reader.ReadRecords().ToList();
            var json = string.Join("\n", original.Select(CaiJson.Serialize));
            var again = Fixtures.Records(json);
            Assert.Equal(original, again);
        }
    }

    [Fact]
    public void Sample_records_round_trip_through_the_writer_and_reader()
    {
        var original = CaiSampleData.Generate(new CaiSampleOptions { Persons = 200, Runs = 2, ExperienceEvents = false }).ToList();
        using var stream = new MemoryStream();
        Assert.Equal(original.Count, CaiJsonWriter.WriteJsonLines(stream, original));
        stream.Position = 0;
        using var reader = new CaiJsonReader(stream, "sample.jsonl");
        Assert.Equal(original, reader.ReadRecords().ToList());
    }

    [Fact]
    public void Written_json_uses_the_xdm_paths()
    {
        var records = Fixtures.Records(File.ReadAllText(Fixtures.ProfileAcme));
        Snapshot.Verify(string.Join("\n", records.Select(CaiJson.Serialize)) + "\n", "jsonl");
    }

    [Fact]
    public void Non_finite_values_are_written_as_named_literals_and_read_back()
    {
        var record = new CaiScoreRecord { TenantId = "t", InstanceKey = "i", Score = double.NaN, Probability = double.NegativeInfinity };
        var json = CaiJson.Serialize(record);
        Assert.Contains("\"score\":\"NaN\"", json, StringComparison.Ordinal);
        Assert.Contains("\"probability\":\"-Infinity\"", json, StringComparison.Ordinal);
        Assert.Equal(record, CaiJson.Deserialize<CaiScoreRecord>(json));
    }

    [Fact]
    public void Deserializing_a_document_with_two_instances_fails_clearly()
    {
        var json = """{"_t":{"CustomerAI":{"A":{"score":1},"B":{"score":2}}}}""";
        var e = Assert.Throws<JsonException>(() => CaiJson.Deserialize<CaiScoreRecord>(json));
        Assert.Contains("found 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserializing_a_wrong_type_names_the_path()
    {
        var e = Assert.Throws<JsonException>(() => CaiJson.Deserialize<CaiScoreRecord>(Fixtures.Line("\"score\":\"x\"")));
        Assert.StartsWith("$._acme.CustomerAI.Inst.score:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalised_scores_and_diagnostics_serialize_in_camel_case()
    {
        var batch = ScoreBatch.Load(Fixtures.ProfileAcme);
        var json = JsonSerializer.Serialize(batch.Records, CaiJson.TypeInfo<IReadOnlyList<ScoreRecord>>());
        var back = JsonSerializer.Deserialize(json, CaiJson.TypeInfo<IReadOnlyList<ScoreRecord>>());
        Assert.Equal(batch.Records, back);

        var diagnostics = JsonSerializer.Serialize(batch.Diagnostics, new JsonSerializerOptions(CaiJson.Options) { WriteIndented = true });
        Snapshot.Verify(diagnostics.Replace(Fixtures.ProfileAcme, "profile-acme.jsonl", StringComparison.Ordinal) + "\n", "json");
    }

    [Fact]
    public void Enums_are_written_in_xdm_spelling()
    {
        var factor = new ScoreRecord
        {
            PersonId = "p",
            TenantId = "t",
            InstanceKey = "i",
            RunKey = new DateOnly(2021, 8, 7),
            Factors = [new InfluentialFactor { Code = "c", Importance = Importance.High }],
        };
        Assert.Contains("\"importance\":\"high\"", CaiJson.Serialize(factor), StringComparison.Ordinal);
    }

    [Fact]
    public void Unregistered_types_are_refused_with_a_clear_message()
    {
        var e = Assert.Throws<NotSupportedException>(() => CaiJson.Serialize(new StringBuilder()));
        Assert.Contains("StringBuilder", e.Message, StringComparison.Ordinal);
    }
}
