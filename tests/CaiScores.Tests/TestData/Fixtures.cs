using System.Text;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Tests.TestData;

/// <summary>Paths to the hand-written fixtures and helpers to read JSON text.</summary>
internal static class Fixtures
{
    /// <summary>A normalised score row of person <paramref name="person"/> in run <paramref name="run"/> of instance <c>_acme.CustomerAI.Inst</c>.</summary>
    public static ScoreRecord Score(string person, double? score, DateOnly run, double? probability = null) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = run,
        ScoreDate = run,
        Score = score,
        Probability = probability,
    };

    public static string ProfileAcme => Path.Combine(AppContext.BaseDirectory, "TestData", "profile-acme.jsonl");

    public static string EeGlobex => Path.Combine(AppContext.BaseDirectory, "TestData", "ee-globex.json");

    public static CaiJsonReader Reader(string json, CaiScoresOptions? options = null, string name = "input.jsonl") =>
        new(new MemoryStream(Encoding.UTF8.GetBytes(json)), name, options);

    public static List<CaiScoreRecord> Records(string json, CaiScoresOptions? options = null)
    {
        using var reader = Reader(json, options);
        return [.. reader.ReadRecords()];
    }

    public static (List<ScoreRecord> Scores, IngestDiagnostics Diagnostics) Scores(string json, CaiScoresOptions? options = null)
    {
        using var reader = Reader(json, options);
        var scores = reader.ReadScores().ToList();
        return (scores, reader.Diagnostics);
    }

    /// <summary>A one-line CAI document with the given instance body (the JSON inside the instance object).</summary>
    public static string Line(string instanceBody, string identity = """{"ECID":[{"id":"e1","primary":true}]}""", string extra = "") =>
        "{\"_id\":\"r1\"," + extra + "\"identityMap\":" + identity + ",\"_acme\":{\"CustomerAI\":{\"Inst\":{" + instanceBody + "}}}}";
}
