using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// The obvious code: a <see cref="List{T}"/> of row objects queried with LINQ (Where, GroupBy, ToDictionary, OrderBy), one
/// thread (the threads setting is ignored).
/// </summary>
internal sealed class LinqEngine : IRaceEngine
{
    private readonly List<Row> _rows;
    private readonly int _runs;

    public LinqEngine(IEnumerable<SyntheticRow> rows, int runs)
    {
        _rows = [.. rows.Select(r => new Row(r.Person, r.Run, r.Score, r.Probability, r.Percentile, SyntheticScores.Tiers[r.Tier]))];
        _runs = runs;
    }

    public string Name => "naive LINQ";

    public RaceAnswer Run(Workload workload, int threads) => workload switch
    {
        Workload.W1 => W1(),
        Workload.W2 => W2(),
        Workload.W3 => W3(),
        Workload.W4 => W4(),
        _ => W5(),
    };

    public void Dispose()
    {
    }

    private RaceAnswer W1()
    {
        var run = _rows.Where(r => r.Run == _runs - 1).ToList();
        var byBucket = run.GroupBy(r => RaceShape.Five(r.Score)).ToDictionary(g => g.Key, g => (long)g.Count());
        var buckets = Enumerable.Range(0, 20).Select(b => byBucket.GetValueOrDefault(b)).ToArray();
        return RaceShape.W1(buckets, run.Count, run.Average(r => r.Score), run.Min(r => r.Score), run.Max(r => r.Score));
    }

    private RaceAnswer W2()
    {
        var groups = _rows.GroupBy(r => (r.Run, r.Tier)).ToDictionary(g => g.Key, g => new W2Cell(
            g.Count(), g.Average(r => r.Score), g.Count(r => r.Score < 25), g.Count(r => r.Score >= 25 && r.Score < 75), g.Count(r => r.Score >= 75)));
        var cells = new W2Cell[_runs, 4];
        foreach (var ((run, tier), cell) in groups)
        {
            cells[run, Array.IndexOf(SyntheticScores.Tiers, tier)] = cell;
        }

        return RaceShape.W2(cells);
    }

    private RaceAnswer W3()
    {
        var byRun = _rows.GroupBy(r => r.Run).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Person, r => RaceShape.Cai(r.Score)));
        var cells = new long[_runs - 1, 3, 3];
        var entries = new long[_runs - 1];
        var exits = new long[_runs - 1];
        for (var k = 0; k + 1 < _runs; k++)
        {
            var from = byRun[k];
            var to = byRun[k + 1];
            foreach (var (person, bucket) in from)
            {
                if (to.TryGetValue(person, out var next))
                {
                    cells[k, bucket, next]++;
                }
                else
                {
                    exits[k]++;
                }
            }

            entries[k] = to.Keys.Count(p => !from.ContainsKey(p));
        }

        return RaceShape.W3(cells, entries, exits);
    }

    private RaceAnswer W4()
    {
        var runs = RaceShape.VennRuns(_runs);
        var sets = runs.Select(run => _rows.Where(r => r.Run == run && r.Score >= 75).Select(r => r.Person).ToHashSet()).ToArray();
        var regions = new long[8];
        foreach (var person in sets.SelectMany(s => s).Distinct())
        {
            var mask = (sets[0].Contains(person) ? 1 : 0) | (sets[1].Contains(person) ? 2 : 0) | (sets[2].Contains(person) ? 4 : 0);
            regions[mask]++;
        }

        return RaceShape.W4(regions);
    }

    private RaceAnswer W5()
    {
        var sorted = _rows.Where(r => r.Run == _runs - 1).Select(r => r.Score).OrderBy(s => s).ToList();
        var threshold = sorted[(int)RaceShape.DiscRank(sorted.Count) - 1];
        return RaceShape.W5(threshold, sorted.Count(s => s >= threshold));
    }

    /// <summary>One score row as an object.</summary>
    private sealed record Row(int Person, int Run, double Score, double Probability, int Percentile, string Tier);
}
