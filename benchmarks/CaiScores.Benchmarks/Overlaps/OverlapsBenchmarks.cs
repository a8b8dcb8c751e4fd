using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;
using CaiScores.Overlaps;
using CaiScores.Segments;

namespace CaiScores.Benchmarks.Overlaps;

/// <summary>
/// A 3-set Venn over three runs — High in runs 1, 4 and 8, segments evaluated inside the timing — on persons × 8 weekly
/// runs (target: ≤ 25 ms for 2,000,000 persons on one core), and UpSet intersections of 8 and 16 sets.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NaivePerPerson</c> (baseline): per person, three runs' presence and score read through the row accessors, a
/// mask built and counted — what a loop over the table would do.</item>
/// <item><c>PersonSetAlgebra</c>: the segments evaluated, then the seven regions as <see cref="PersonSet"/> And / AndNot
/// chains and their counts — the obvious way with the existing set API.</item>
/// <item><c>Venn3</c>: <see cref="Venn.Compute"/>, the whole analysis (segments, base, counts, rows).</item>
/// <item><c>RegionKernel3</c>: the counting kernel alone over the three set bitmaps (popcounts of word combinations).</item>
/// <item><c>NaiveUpSet8</c> (the UpSet category's baseline): per person, the 8 runs' presence and score through the row
/// accessors into an 8-bit mask, the masks counted in a dictionary.</item>
/// <item><c>UpSet8</c> / <c>UpSet16</c>: <see cref="SetIntersections.Compute"/> of High in each of the 8 runs, and of High
/// and Low in each run (the transposition kernel).</item>
/// </list>
/// Two categories, each with its own baseline: <c>Venn</c> and <c>UpSet</c>.
/// </remarks>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class OverlapsBenchmarks
{
    private static readonly int[] VennRuns = [0, 3, 7];
    private ScoreTable _table = null!;
    private OverlapSet[] _venn = [];
    private OverlapSet[] _eight = [];
    private OverlapSet[] _sixteen = [];
    private ulong[] _planes = [];
    private int _words;

    /// <summary>Score rows of the table: persons × 8 weekly runs (see <see cref="BenchmarkSizes"/>).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [GlobalSetup]
    public void Setup()
    {
        _table = SyntheticScores.Table(Persons, 8, factors: false, tiers: false);
        OverlapSet High(int run) => new($"High in run {run + 1}", Segment.InBucket(BucketScheme.Cai, "High", _table.Runs[run].ScoreDate));
        OverlapSet Low(int run) => new($"Low in run {run + 1}", Segment.InBucket(BucketScheme.Cai, "Low", _table.Runs[run].ScoreDate));
        _venn = [.. VennRuns.Select(High)];
        _eight = [.. Enumerable.Range(0, 8).Select(High)];
        _sixteen = [.. Enumerable.Range(0, 8).SelectMany(r => new[] { High(r), Low(r) })];
        _words = BitmapKernels.WordLength(Persons);
        _planes = new ulong[3 * _words];
        for (var i = 0; i < 3; i++)
        {
            _venn[i].Segment.Evaluate(_table).Words[.._words].CopyTo(_planes.AsSpan(i * _words));
        }
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Venn")]
    public long NaivePerPerson()
    {
        var counts = new long[8];
        var runs = VennRuns.Select(r => _table.Runs[r]).ToArray();
        for (var p = 0; p < Persons; p++)
        {
            var mask = 0;
            for (var i = 0; i < runs.Length; i++)
            {
                if (runs[i].IsPresent(p) && runs[i].GetScore(p) is { } score && score >= 75)
                {
                    mask |= 1 << i;
                }
            }

            counts[mask]++;
        }

        return counts[7];
    }

    [BenchmarkCategory("Venn")]
    [Benchmark]
    public long PersonSetAlgebra()
    {
        var a = _venn[0].Segment.Evaluate(_table);
        var b = _venn[1].Segment.Evaluate(_table);
        var c = _venn[2].Segment.Evaluate(_table);
        var ab = a.And(b);
        var ac = a.And(c);
        var bc = b.And(c);
        var abc = ab.And(c);
        long sum = abc.Count;
        sum += ab.AndNot(c).Count + ac.AndNot(b).Count + bc.AndNot(a).Count;
        sum += a.AndNot(b).AndNot(c).Count + b.AndNot(a).AndNot(c).Count + c.AndNot(a).AndNot(b).Count;
        return sum;
    }

    [Guarded(500_000)]
    [BenchmarkCategory("Venn")]
    [Benchmark]
    public Venn Venn3() => Venn.Compute(_table, _venn);

    [BenchmarkCategory("Venn")]
    [Benchmark]
    public long RegionKernel3()
    {
        Span<long> counts = stackalloc long[8];
        counts.Clear();
        MembershipCounts.Count(_planes, 3, _words, counts);
        return counts[7];
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("UpSet")]
    public int NaiveUpSet8()
    {
        var counts = new Dictionary<int, long>();
        for (var p = 0; p < Persons; p++)
        {
            var mask = 0;
            for (var r = 0; r < _table.Runs.Count; r++)
            {
                if (_table.Runs[r].IsPresent(p) && _table.Runs[r].GetScore(p) is { } score && score >= 75)
                {
                    mask |= 1 << r;
                }
            }

            counts[mask] = counts.GetValueOrDefault(mask) + 1;
        }

        return counts.Count;
    }

    [Benchmark]
    [BenchmarkCategory("UpSet")]
    [Guarded(1_000_000)]
    public SetIntersections UpSet8() => SetIntersections.Compute(_table, _eight);

    [Benchmark]
    [BenchmarkCategory("UpSet")]
    public SetIntersections UpSet16() => SetIntersections.Compute(_table, _sixteen);
}
