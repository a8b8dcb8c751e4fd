using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Trends;

namespace CaiScores.Benchmarks.Trends;

/// <summary>
/// A trend over every run by cohort (tier) × CAI bucket: people, events and mean score per run and series (and, in the
/// second case, mean probability too). Target: ≥ 500 M rows/s on 2,000,000 persons × 8 runs, one core. Baseline: the
/// naive way, person by person through the table's accessors into a dictionary keyed by (run, tier, bucket).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowsPerSecondConfig))]
public class TrendBenchmarks
{
    private ScoreTable _table = null!;
    private TrendOptions _options = null!;
    private TrendOptions _withProbability = null!;

    /// <summary>Score rows of the table: persons × 8 weekly runs (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    /// <summary>Builds the table (no factors: the trend does not read them).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, BenchmarkSizes.Runs, factors: false);
        _options = new TrendOptions { Granularity = TrendGranularity.Run, CohortAttribute = "tier", Scheme = BucketScheme.Cai, IncludeProbability = false };
        _withProbability = _options with { IncludeProbability = true };
    }

    /// <summary>Person by person through the accessors, grouped in a dictionary.</summary>
    [Benchmark(Baseline = true)]
    public int Naive()
    {
        var tier = _table.Attributes["tier"];
        var cells = new Dictionary<(int Run, string? Tier, string Bucket), (long Rows, double Score)>();
        foreach (var run in _table.Runs)
        {
            for (var p = 0; p < run.PersonCount; p++)
            {
                if (!run.IsPresent(p))
                {
                    continue;
                }

                var score = run.GetScore(p);
                var key = (run.Index, tier.GetValue(p, run.Index), score is { } s ? BucketScheme.Cai.Buckets[BucketScheme.Cai.BucketOf(s)].Label : "No value");
                var cell = cells.GetValueOrDefault(key);
                cells[key] = (cell.Rows + 1, cell.Score + (score ?? 0));
            }
        }

        return cells.Count;
    }

    /// <summary>The trend: people, events, mean score.</summary>
    [Guarded(165_000)]
    [Benchmark]
    public int Trend() => ScoreTrend.Compute(_table, _options).Rows.Count;

    /// <summary>The trend with the mean probability as well (reads twice the bytes).</summary>
    [Benchmark]
    public int TrendWithProbability() => ScoreTrend.Compute(_table, _withProbability).Rows.Count;
}
