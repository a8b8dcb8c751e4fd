using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Flows;

namespace CaiScores.Benchmarks.Flows;

/// <summary>
/// A CJA flow over every run: Entry, 2 columns, 5 items, CAI buckets on the score, repeats collapsed (issue 5's target:
/// ≤ 150 ms on 2,000,000 persons × 8 runs, one core). Also a Contains flow of 2 + 2 columns with the Not scored state,
/// whose paths go to the open-addressing counter rather than the dense one. Baseline: the naive way, person by person
/// through the table's accessors, each sequence a list of label strings, paths joined into strings and counted in a
/// dictionary (nodes and links then come from the few distinct paths, as the engine does).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RowsPerSecondConfig))]
public class FlowsBenchmarks
{
    private ScoreTable _table = null!;
    private BucketFlowOptions _entry = null!;
    private BucketFlowOptions _contains = null!;

    /// <summary>Score rows of the table: persons × 8 weekly runs (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    /// <summary>Builds the table (no factors, no attributes: the flow reads neither).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, BenchmarkSizes.Runs, factors: false, tiers: false);
        _entry = new BucketFlowOptions();
        _contains = new BucketFlowOptions { Anchor = FlowAnchor.Contains("Medium"), IncludeNotScored = true };
    }

    /// <summary>Entry flow, person by person into strings and a dictionary of path strings.</summary>
    [Benchmark(Baseline = true)]
    public int NaiveEntry()
    {
        var scheme = BucketScheme.Cai;
        var paths = new Dictionary<string, long>();
        var runs = _table.Runs;
        for (var p = 0; p < _table.Persons.Count; p++)
        {
            var sequence = new List<string>();
            foreach (var run in runs)
            {
                if (run.IsPresent(p) && run.GetScore(p) is { } score && !double.IsNaN(score))
                {
                    var label = scheme.Buckets[scheme.BucketOf(score)].Label;
                    if (sequence.Count == 0 || sequence[^1] != label)
                    {
                        sequence.Add(label);
                    }
                }
            }

            if (sequence.Count == 0)
            {
                continue;
            }

            var path = string.Join(" → ", sequence.Take(2).Append("Exit").Take(2));
            paths[path] = paths.GetValueOrDefault(path) + 1;
        }

        return paths.Count;
    }

    /// <summary>The engine, Entry flow, one thread.</summary>
    [Guarded(17_000)]
    [Benchmark]
    public long Entry() => BucketFlow.Compute(_table, _entry).AnchorCount;

    /// <summary>The engine, Contains Medium with 2 columns each side and Not scored, one thread.</summary>
    [Benchmark]
    public long ContainsWithNotScored() => BucketFlow.Compute(_table, _contains).AnchorCount;
}
