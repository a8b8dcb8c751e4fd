using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.ReasonCodes;

namespace CaiScores.Benchmarks.ReasonCodes;

/// <summary>
/// The reason-code table (CAI buckets × influential factor code, People, top 5 with importance counts and value
/// distributions) of one run: persons × 5 factors drawn from 16 codes (the usual CAI catalogue size; value distributions
/// counted in the same walk) or 4,000 (per-page codes; values counted in a second walk for the listed codes) and up to 40
/// values per code, 1 in 20 scores null, 1 in 10 persons without factors. Baseline: the naive way — per person, per
/// factor, with dictionaries over the decoded factors, as the tests' reference does.
/// </summary>
[MemoryDiagnoser]
public class ReasonCodeBenchmarks
{
    private static readonly DateOnly Run = new(2026, 1, 4);
    private ScoreTable _table = null!;

    /// <summary>The dataset's size in score rows (see <see cref="BenchmarkSizes"/>); the run analysed holds <c>Rows / 8</c> persons.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [Params(16, 4_000)]
    public int Codes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "Purchase")!;
        var codes = Enumerable.Range(0, Codes).Select(i => writer.GetFactorCodeId(Encoding.UTF8.GetBytes($"Counts of event{i} in last 30 days"))).ToArray();
        var values = Enumerable.Range(0, 40).Select(i => writer.GetFactorValueId(Encoding.UTF8.GetBytes(i.ToString(CultureInfo.InvariantCulture)))).ToArray();
        for (var p = 0; p < Persons; p++)
        {
            double? score = p % 20 == 0 ? null : Math.Round(100 * random.NextDouble() * random.NextDouble(), 2);
            writer.AddRow(Encoding.UTF8.GetBytes("p" + p.ToString(CultureInfo.InvariantCulture)), Run, null, score, null, null, "conversion");
            if (p % 10 == 3)
            {
                continue;
            }

            var first = random.Next(Codes);
            for (var k = 0; k < 5; k++)
            {
                // Five codes near a random first one; one to forty values per code.
                var code = codes[(first + (k * random.Next(1, 4))) % Codes];
                writer.AddFactor(code, values[random.Next(1 + (code % 40))], k == 0 ? Importance.High : k < 3 ? Importance.Medium : Importance.Low);
            }
        }

        _table = builder.Build().Single();
    }

    [Benchmark(Baseline = true)]
    public long NaiveDictionaries()
    {
        var run = _table.Runs[^1];
        var scheme = BucketScheme.Cai;
        var people = new long[3];
        var withCode = new long[3];
        var codes = new Dictionary<(int Bucket, string? Code), long>();
        var importance = new Dictionary<(int Bucket, string? Code, Importance Importance), long>();
        var values = new Dictionary<(int Bucket, string? Code, string? Value), long>();
        var seen = new HashSet<(string?, Importance, string?, int)>();
        for (var p = 0; p < run.PersonCount; p++)
        {
            if (run.GetScore(p) is not { } score || double.IsNaN(score))
            {
                continue;
            }

            var bucket = scheme.BucketOf(score);
            people[bucket]++;
            seen.Clear();
            foreach (var factor in run.GetFactors(p, _table))
            {
                if (factor.Code is null)
                {
                    continue;
                }

                if (seen.Add((factor.Code, default, null, 0)))
                {
                    codes[(bucket, factor.Code)] = codes.GetValueOrDefault((bucket, factor.Code)) + 1;
                }

                if (seen.Add((factor.Code, factor.Importance, null, 1)))
                {
                    importance[(bucket, factor.Code, factor.Importance)] = importance.GetValueOrDefault((bucket, factor.Code, factor.Importance)) + 1;
                }

                if (seen.Add((factor.Code, default, factor.Value, 2)))
                {
                    values[(bucket, factor.Code, factor.Value)] = values.GetValueOrDefault((bucket, factor.Code, factor.Value)) + 1;
                }
            }

            withCode[bucket] += seen.Count > 0 ? 1 : 0;
        }

        // The top 5 codes per bucket, most people first, ties by code.
        long shown = 0;
        for (var b = 0; b < 3; b++)
        {
            shown += codes.Where(c => c.Key.Bucket == b).OrderByDescending(c => c.Value).ThenBy(c => c.Key.Code, StringComparer.Ordinal).Take(5).Sum(c => c.Value);
        }

        return shown + people.Sum() + withCode.Sum() + importance.Count + values.Count;
    }

    [Guarded(1_350_000)]
    [Benchmark]
    public long Compute() => Shown(ReasonCodeTable.Compute(_table));

    [Benchmark]
    public long InsightCards() => Shown(ReasonCodeTable.ForInsightCards(_table));

    [Benchmark]
    public long ComputeTwoThreads() => Shown(ReasonCodeTable.Compute(_table, new ReasonCodeOptions { MaxDegreeOfParallelism = 2 }));

    private static long Shown(ReasonCodeTable result) => result.Rows.Sum(r => r.Factors.Sum(f => f.People + f.Values.Count)) + result.GrandTotal;
}
