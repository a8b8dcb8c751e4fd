using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;

namespace CaiScores.Benchmarks.Cohorts;

/// <summary>
/// A weekly cohort table over 8 weekly runs (default criteria: a score row in the week), 2,000,000 persons, one core.
/// The issue sets no target for cohorts; this records where the bitmap engine stands against the naive way.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NaivePerPersonDictionaries</c> (baseline): person by person through the table's accessors, a dictionary of each
/// person's set of weeks, then each cohort's cells counted person by person.</item>
/// <item><c>Weekly</c>: <see cref="CohortTable.Compute"/>, retention, no split.</item>
/// <item><c>WeeklyRolling</c>: the same with the rolling calculation (a running AND).</item>
/// <item><c>WeeklyByTier</c>: split by the <c>tier</c> attribute as of each person's inclusion run (byte codes → item bitmaps).</item>
/// <item><c>WeeklyByFirstBucket</c>: split by the CAI bucket of each person's inclusion run.</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(RowsPerSecondConfig))]
public class CohortBenchmarks
{
    private ScoreTable _table = null!;
    private CohortOptions _weekly = null!;

    /// <summary>Score rows of the table: persons × 8 weekly runs (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    /// <summary>Builds the table (no factors: cohorts do not read them).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, BenchmarkSizes.Runs, factors: false);
        _weekly = new CohortOptions { Granularity = CohortGranularity.Week };
    }

    /// <summary>Per-person dictionaries of weeks, then cells person by person.</summary>
    [Benchmark(Baseline = true)]
    public long NaivePerPersonDictionaries()
    {
        static DateOnly WeekOf(DateOnly day) => day.AddDays(-(int)day.DayOfWeek);
        var first = WeekOf(_table.Runs[0].ScoreDate);
        var weeks = new Dictionary<int, HashSet<int>>();
        var last = 0;
        foreach (var run in _table.Runs)
        {
            for (var p = 0; p < run.PersonCount; p++)
            {
                if (!run.IsPresent(p))
                {
                    continue;
                }

                var day = run.GetTimestamp(p) is { } ts ? DateOnly.FromDateTime(ts.UtcDateTime) : run.ScoreDate;
                var week = (WeekOf(day).DayNumber - first.DayNumber) / 7;
                last = Math.Max(last, week);
                if (!weeks.TryGetValue(p, out var set))
                {
                    weeks[p] = set = [];
                }

                set.Add(week);
            }
        }

        var cells = new long[last + 1, last + 1];
        foreach (var set in weeks.Values)
        {
            foreach (var c in set)
            {
                cells[c, 0]++;
                for (var k = 1; c + k <= last; k++)
                {
                    if (set.Contains(c + k))
                    {
                        cells[c, k]++;
                    }
                }
            }
        }

        return cells[0, 1];
    }

    /// <summary>Weekly retention.</summary>
    [Guarded(225_000)]
    [Benchmark]
    public long Weekly() => CohortTable.Compute(_table, _weekly).Rows[0].Cells[0].Count;

    /// <summary>Weekly rolling retention.</summary>
    [Benchmark]
    public long WeeklyRolling() => CohortTable.Compute(_table, _weekly with { Rolling = true }).Rows[0].Cells[0].Count;

    /// <summary>Weekly retention split by tier.</summary>
    [Benchmark]
    public long WeeklyByTier() => CohortTable.Compute(_table, _weekly with { SplitByAttribute = "tier" }).Rows[0].Cells[0].Count;

    /// <summary>Weekly retention split by the CAI bucket of the inclusion run.</summary>
    [Benchmark]
    public long WeeklyByFirstBucket() => CohortTable.Compute(_table, _weekly with { SplitByBucket = BucketScheme.Cai }).Rows[0].Cells[0].Count;
}
