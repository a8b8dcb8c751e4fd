using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Transitions;

namespace CaiScores.Benchmarks.Transitions;

/// <summary>
/// Run-to-run transition matrices on the CAI scheme, with entries and exits. Target (issue 5): all 7 consecutive matrices
/// of 2,000,000 persons × 8 runs in ≤ 60 ms on one core.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NaiveConsecutive</c> (baseline): person by person and pair by pair through the table's accessors
/// (<c>IsPresent</c>, <c>GetScore</c>, <c>BucketOf</c>) into a 5 × 5 array (3 buckets, No value, absent).</item>
/// <item><c>Consecutive</c>: <see cref="TransitionSeries.Compute"/> — all 7 matrices, each run coded once per block into one
/// byte per person, the pairs counted by the pair kernel (<c>MaxDegreeOfParallelism = 1</c>).</item>
/// <item><c>OnePair</c>: <see cref="TransitionMatrix.Compute"/> of the first run to the last.</item>
/// <item><c>CellPersons</c>: the persons of one cell (who went from Low to High between the first and the last run) as a set.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(RowsPerSecondConfig))]
public class TransitionBenchmarks
{
    private ScoreTable _table = null!;
    private TransitionMatrix _matrix = null!;

    /// <summary>Score rows of the table: persons × 8 weekly runs (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    /// <summary>Builds the table (no factors, no tiers: transitions read neither).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, BenchmarkSizes.Runs, factors: false, tiers: false);
        _matrix = TransitionMatrix.Compute(_table, _table.Runs[0].ScoreDate, _table.Runs[^1].ScoreDate);
    }

    /// <summary>Person by person and pair by pair through the accessors.</summary>
    [Benchmark(Baseline = true)]
    public long NaiveConsecutive()
    {
        var scheme = BucketScheme.Cai;
        var codes = scheme.Buckets.Count + 2;
        long total = 0;
        for (var r = 0; r + 1 < _table.Runs.Count; r++)
        {
            var counts = new long[codes, codes];
            var from = _table.Runs[r];
            var to = _table.Runs[r + 1];
            for (var p = 0; p < from.PersonCount; p++)
            {
                counts[Code(from, p), Code(to, p)]++;
            }

            total += counts[0, 2] + counts[codes - 1, 1];
        }

        return total;

        int Code(ScoreRun run, int person) =>
            !run.IsPresent(person) ? codes - 1 : run.GetScore(person) is { } s && !double.IsNaN(s) ? scheme.BucketOf(s) : codes - 2;
    }

    /// <summary>All consecutive matrices in one pass.</summary>
    [Guarded(40_000)]
    [Benchmark]
    public long Consecutive()
    {
        var series = TransitionSeries.Compute(_table);
        return series.Matrices.Sum(m => m["Low", "High"].Count + m.Entries);
    }

    /// <summary>The first run to the last.</summary>
    [Benchmark]
    public long OnePair() => TransitionMatrix.Compute(_table, _table.Runs[0].ScoreDate, _table.Runs[^1].ScoreDate).Exits;

    /// <summary>Who went from Low to High between the first and the last run.</summary>
    [Benchmark]
    public int CellPersons() => _matrix.GetPersons(_table, "Low", "High").Count;
}
