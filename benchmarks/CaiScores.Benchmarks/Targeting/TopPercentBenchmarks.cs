using System.Globalization;
using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;
using CaiScores.Models;
using CaiScores.Targeting;

namespace CaiScores.Benchmarks.Targeting;

/// <summary>
/// The exact top-20 % threshold of one run's scores (target: ≤ 10 ms for 2,000,000 persons on one core). Scores are
/// CAI-shaped (a logistic of a normal latent, ×100, two decimals: about 10,000 distinct values, so many ties), one person
/// in ten without a score. Baseline: the naive way — copy the valid scores, sort the copy, index it, count the ties.
/// </summary>
/// <remarks>
/// <c>RadixSelect</c> is the kernel alone (threshold and count, no person set); <c>TopPercentRecomputed</c> is the whole
/// analysis (threshold, person bitmap, counts); <c>TopPercentSupplied</c> the default rule on the supplied percentiles;
/// <c>Deciles</c> nine order statistics at once for <see cref="QuantileSchemes.Deciles"/>.
/// </remarks>
[MemoryDiagnoser]
public class TopPercentBenchmarks
{
    private const double Percent = 20;
    private ScoreTable _table = null!;
    private ScoreRun _run = null!;

    /// <summary>The dataset's size in score rows (see <see cref="BenchmarkSizes"/>); the run analysed holds <c>Rows / 8</c> persons.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var day = new DateOnly(2026, 1, 4);
        var latent = new double[Persons];
        var records = new List<ScoreRecord>(Persons);
        for (var i = 0; i < Persons; i++)
        {
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            latent[i] = (Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2) * 1.3) - 0.1;
        }

        // Percentile = rank among the scored persons, as CAI reports it.
        var order = Enumerable.Range(0, Persons).OrderBy(i => latent[i]).ToArray();
        var percentile = new int[Persons];
        for (var rank = 0; rank < order.Length; rank++)
        {
            percentile[order[rank]] = Math.Max(1, (int)Math.Ceiling(100.0 * (rank + 1) / Persons));
        }

        for (var i = 0; i < Persons; i++)
        {
            var scored = random.NextDouble() >= 0.1;
            records.Add(new ScoreRecord
            {
                PersonId = i.ToString(CultureInfo.InvariantCulture),
                TenantId = "acme",
                InstanceKey = "PurchasePropensityWebsite",
                RunKey = day,
                ScoreDate = day,
                Score = scored ? Math.Round(100.0 / (1.0 + Math.Exp(-latent[i])), 2) : null,
                Probability = Math.Round(1.0 / (1.0 + Math.Exp(-(latent[i] - 2.5))), 4),
                PercentileScore = percentile[i],
            });
        }

        _table = ScoreTable.FromScores(records).Single();
        _run = _table.Runs[^1];
    }

    [Benchmark(Baseline = true)]
    public (double Threshold, long Count) SortCopy()
    {
        var scores = _run.Scores;
        var validity = _run.ScoreValidity;
        var copy = new double[scores.Length];
        var n = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if ((validity[i >> 3] & (1 << (i & 7))) != 0 && !double.IsNaN(scores[i]))
            {
                copy[n++] = scores[i];
            }
        }

        Array.Sort(copy, 0, n);
        var k = (int)Math.Ceiling(Percent * n / 100);
        var index = n - k;
        var threshold = copy[index];
        while (index > 0 && copy[index - 1] == threshold)
        {
            index--;
        }

        return (threshold, n - index);
    }

    [Benchmark]
    public (double Threshold, long Count) RadixSelect()
    {
        using var selector = new DoubleSelector(_run.Scores, _run.ScoreValidity, 0);
        var at = selector.Select((long)Math.Ceiling(Percent * selector.Valid / 100));
        return (at.Value, at.Above + at.Equal);
    }

    [Guarded(72_000)]
    [Benchmark]
    public TopPercentSelection TopPercentRecomputed() =>
        TopPercent.Select(_table, Percent, new TopPercentOptions { Method = TargetingMethod.Recomputed });

    [Benchmark]
    public TopPercentSelection TopPercentSupplied() => TopPercent.Select(_table, Percent);

    [Benchmark]
    public QuantileScheme Deciles() => QuantileSchemes.Deciles(_table);
}
