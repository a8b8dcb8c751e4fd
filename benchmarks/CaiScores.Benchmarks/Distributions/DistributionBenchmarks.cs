using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Guard;
using CaiScores.Benchmarks.Data;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Kernels;

namespace CaiScores.Benchmarks.Distributions;

/// <summary>
/// A 20-bucket distribution (CJA's 5-point scheme) of one run's scores: the hot path behind
/// <see cref="ScoreDistribution"/>. Values/s = Persons / Mean (one core). Scores are CAI-like (a logistic of a normal latent,
/// two decimals, so values on the edges occur), every one valid, read with the run's validity bitmap as the analysis does.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>NaiveLinearScan</c> (baseline): the tests' reference — per value, the validity bit, a NaN check and a linear scan of the edges.</item>
/// <item><c>PreviousKernel</c>: the kernel before this change (≥ counts per edge from compare masks popcounted eight values at a time).</item>
/// <item><c>KernelCompares</c>: byte codes from per-edge compares summed in vector lanes, counted 64 codes per compare.</item>
/// <item><c>KernelArithmetic</c>: byte codes from <c>floor((v − 5)/5) + 1</c> corrected against the neighbouring edges (the path the 5-point scheme takes).</item>
/// <item><c>ScoreDistributionCompute</c>: the whole analysis on a table of one run (<c>MaxDegreeOfParallelism = 1</c>).</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(DistributionConfig))]
public class DistributionBenchmarks
{
    private static readonly double[] Edges = [.. BucketScheme.Distribution5.Edges];
    private readonly long[] _counts = new long[Edges.Length + 1];
    private double[] _scores = [];
    private byte[] _validity = [];
    private ScoreTable _table = null!;

    /// <summary>The dataset's size in score rows (see <see cref="BenchmarkSizes"/>); the run analysed holds <c>Rows / 8</c> persons.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [GlobalSetup]
    public void Setup()
    {
        _scores = Scores(Persons, seed: 42);
        _validity = new byte[(Persons + 7) / 8];
        Array.Fill(_validity, (byte)0xFF);
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "Bench")!;
        var run = new DateOnly(2026, 1, 4);
        for (var p = 0; p < Persons; p++)
        {
            writer.AddRow(Encoding.UTF8.GetBytes(p.ToString(CultureInfo.InvariantCulture)), run, null, _scores[p], 0.1, 50, "conversion");
        }

        _table = builder.Build().Single();
    }

    [Benchmark(Baseline = true)]
    public long NaiveLinearScan()
    {
        Array.Clear(_counts);
        long nan = 0;
        for (var i = 0; i < _scores.Length; i++)
        {
            if ((_validity[i >> 3] & (1 << (i & 7))) == 0)
            {
                continue;
            }

            var v = _scores[i];
            if (double.IsNaN(v))
            {
                nan++;
                continue;
            }

            var bucket = 0;
            while (bucket < Edges.Length && v >= Edges[bucket])
            {
                bucket++;
            }

            _counts[bucket]++;
        }

        return _counts[7] + nan;
    }

    [Benchmark]
    public long PreviousKernel()
    {
        Array.Clear(_counts);
        return BucketCounter.CountByEdgeCompares(_scores, _validity, 0, Edges, _counts) + _counts[7];
    }

    [Benchmark]
    public long KernelCompares()
    {
        Array.Clear(_counts);
        return BucketCounter.Count(_scores, _validity, 0, Edges, _counts, BucketMethod.Compares) + _counts[7];
    }

    [Benchmark]
    public long KernelArithmetic()
    {
        Array.Clear(_counts);
        return BucketCounter.Count(_scores, _validity, 0, Edges, _counts, BucketMethod.Arithmetic) + _counts[7];
    }

    [Guarded(4_096)]
    [Benchmark]
    public long ScoreDistributionCompute() => ScoreDistribution.Compute(_table, BucketScheme.Distribution5).Rows[7].Count;

    /// <summary>CAI-like scores: 100 / (1 + e^−x) for a normal x, rounded to two decimals (so edges such as 25.00 occur).</summary>
    internal static double[] Scores(int count, int seed)
    {
        var random = new Random(seed);
        var scores = new double[count];
        for (var i = 0; i < count; i++)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            var latent = -0.8 + (1.6 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            scores[i] = Math.Round(100.0 / (1.0 + Math.Exp(-latent)), 2);
        }

        return scores;
    }
}
