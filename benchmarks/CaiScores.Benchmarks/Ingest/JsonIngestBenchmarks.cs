using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Ingest;
using CaiScores.Samples;
using CaiScores.Serialization;

namespace CaiScores.Benchmarks.Ingest;

/// <summary>
/// JSON Lines ingest of typical CAI records (Experience Event format, 5 influential factors, ECID plus an e-mail identity
/// on 30 % of persons), from memory so that the parser is measured, not the disk. Records/s = Rows / Mean.
/// Baseline: the naive way — a line reader and <see cref="JsonDocument"/> per line, navigating the XDM paths.
/// </summary>
/// <remarks>
/// On the 2-core VM of docs/performance.md whole launches land in a fast or a ~1.5× slower mode (same binary, same input),
/// so record it with <c>--launchCount 3</c> and read the medians.
/// </remarks>
[MemoryDiagnoser]
public class JsonIngestBenchmarks
{
    private byte[] _jsonLines = [];

    /// <summary>JSON Lines records (score rows) in the input, up to <see cref="BenchmarkSizes.InMemoryJsonLimit"/>.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.JsonRows))]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var stream = new MemoryStream();
        var persons = Math.Max(1, Rows / 4);
        CaiJsonWriter.WriteJsonLines(stream, CaiSampleData.Generate(new CaiSampleOptions { Persons = persons, Runs = 4, MissingRate = 0 }).Take(Rows));
        _jsonLines = stream.ToArray();
    }

    [Benchmark(Baseline = true)]
    public int NaiveJsonDocument()
    {
        using var reader = new StreamReader(new MemoryStream(_jsonLines), Encoding.UTF8);
        var count = 0;
        double sum = 0;
        while (reader.ReadLine() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (!property.Name.StartsWith('_') || property.Value.ValueKind != JsonValueKind.Object
                    || !property.Value.TryGetProperty("CustomerAI", out var cai))
                {
                    continue;
                }

                foreach (var instance in cai.EnumerateObject())
                {
                    sum += instance.Value.GetProperty("score").GetDouble();
                    var personId = doc.RootElement.GetProperty("identityMap").GetProperty("ECID")[0].GetProperty("id").GetString();
                    var factors = instance.Value.GetProperty("influentialFactors").EnumerateArray().Select(f => f.GetProperty("code").GetString()).ToList();
                    count += personId!.Length > 0 && factors.Count >= 0 ? 1 : 0;
                }
            }
        }

        return count + (int)(sum * 0);
    }

    [Benchmark]
    public int ReadRecords()
    {
        using var reader = new CaiJsonReader(new MemoryStream(_jsonLines), "bench");
        var count = 0;
        foreach (var record in reader.ReadRecords())
        {
            count += record.InfluentialFactors.Count > 0 ? 1 : 0;
        }

        return count;
    }

    [Guarded(90_000_000, MinSpeedup = 1.0, Why = "the baseline spends most of its time in the same System.Text.Json tokeniser; guarded for never being slower and for allocating under a third of it")]
    [Benchmark]
    public int ReadScores()
    {
        using var reader = new CaiJsonReader(new MemoryStream(_jsonLines), "bench");
        var count = 0;
        foreach (var score in reader.ReadScores())
        {
            count += score.PersonId.Length > 0 ? 1 : 0;
        }

        return count;
    }
}

