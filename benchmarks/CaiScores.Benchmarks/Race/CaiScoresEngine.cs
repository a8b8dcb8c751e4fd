using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// CaiScores through its public API on a <see cref="ScoreTable"/> with a <c>tier</c> attribute: W1 is
/// <see cref="ScoreDistribution"/> (Distribution5) with its <see cref="ScoreDistribution.Statistics"/>; W2 <see cref="ScoreTrend"/> by tier × <see cref="BucketScheme.Cai"/>; W3
/// <see cref="TransitionSeries"/>; W4 <see cref="Venn"/>; W5 <see cref="TopPercent.Select"/> with
/// <see cref="TargetingMethod.QuantileDisc"/>. <see cref="TopPercentOptions"/> has no MaxDegreeOfParallelism, so W5 runs
/// on one thread at either setting.
/// </summary>
internal sealed class CaiScoresEngine(ScoreTable table) : IRaceEngine
{
    public string Name => "CaiScores";

    /// <summary>The table the engine reads.</summary>
    public ScoreTable Table { get; } = table;

    public RaceAnswer Run(Workload workload, int threads) => workload switch
    {
        Workload.W1 => W1(threads),
        Workload.W2 => W2(threads),
        Workload.W3 => W3(threads),
        Workload.W4 => W4(threads),
        _ => W5(),
    };

    public void Dispose()
    {
    }

    /// <summary>W1 in one call: the distribution's buckets and its <see cref="ScoreDistribution.Statistics"/>, one pass.</summary>
    private RaceAnswer W1(int threads)
    {
        var distribution = ScoreDistribution.Compute(Table, new ScoreDistributionOptions
        {
            Scheme = BucketScheme.Distribution5,
            Run = Table.Runs[^1].ScoreDate,
            MaxDegreeOfParallelism = threads,
        });
        Span<long> buckets = stackalloc long[20];
        foreach (var row in distribution.Rows.Where(r => !r.IsNoValue))
        {
            buckets[row.Bucket.Index] = row.Count;
        }

        var statistics = distribution.Statistics;
        return RaceShape.W1(buckets, statistics.Count, statistics.Mean ?? double.NaN, statistics.Min ?? double.NaN, statistics.Max ?? double.NaN);
    }

    private RaceAnswer W2(int threads)
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions
        {
            Granularity = TrendGranularity.Run,
            CohortAttribute = "tier",
            Scheme = BucketScheme.Cai,
            MaxDegreeOfParallelism = threads,
        });
        var runs = trend.Periods.Count;
        var counts = new long[runs, 4, 3];
        var sums = new double[runs, 4];
        var period = trend.Periods.Select((p, i) => (p.Start, i)).ToDictionary(x => x.Start, x => x.i);
        foreach (var row in trend.Rows)
        {
            var parts = row.Series.Split(" · ");
            var tier = Array.IndexOf(Data.SyntheticScores.Tiers, parts[0]);
            var bucket = Array.IndexOf(RaceShape.CaiLabels, parts[1]);
            var p = period[row.Period];
            counts[p, tier, bucket] += row.Events;
            sums[p, tier] += row.Events * (row.MeanScore ?? 0);
        }

        return RaceShape.W2(counts, sums);
    }

    private RaceAnswer W3(int threads)
    {
        var series = TransitionSeries.Compute(Table, new TransitionOptions { Scheme = BucketScheme.Cai, MaxDegreeOfParallelism = threads });
        var pairs = series.Matrices.Count;
        var cells = new long[pairs, 3, 3];
        var entries = new long[pairs];
        var exits = new long[pairs];
        for (var k = 0; k < pairs; k++)
        {
            var matrix = series.Matrices[k];
            for (var f = 0; f < 3; f++)
            {
                for (var t = 0; t < 3; t++)
                {
                    cells[k, f, t] = matrix[RaceShape.CaiLabels[f], RaceShape.CaiLabels[t]].Count;
                }
            }

            entries[k] = matrix.Entries;
            exits[k] = matrix.Exits;
        }

        return RaceShape.W3(cells, entries, exits);
    }

    private RaceAnswer W4(int threads)
    {
        var runs = RaceShape.VennRuns(Table.Runs.Count);
        var sets = runs.Select((r, i) => new OverlapSet("ABC"[i].ToString(), Segment.InBucket(BucketScheme.Cai, "High", Table.Runs[r].ScoreDate))).ToArray();
        var venn = Venn.Compute(Table, sets, new OverlapOptions { MaxDegreeOfParallelism = threads });
        Span<long> regions = stackalloc long[8];
        foreach (var region in venn.Regions)
        {
            regions[region.Members] = region.Count;
        }

        return RaceShape.W4(regions);
    }

    private RaceAnswer W5()
    {
        var selection = TopPercent.Select(Table, 20, new TopPercentOptions
        {
            Method = TargetingMethod.QuantileDisc,
            Field = ScoreField.Score,
            Run = Table.Runs[^1].ScoreDate,
        });
        return RaceShape.W5(selection.Threshold ?? double.NaN, selection.Count);
    }
}
