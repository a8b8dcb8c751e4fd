using BenchmarkDotNet.Attributes;
using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Guard;

/// <summary>
/// The guard's canary: a "kernel" that lost its vectorisation and allocates per row — the two regressions the guard exists
/// to catch. The guard runs it with the real kernels and fails unless it reports both, so a guard whose checks have
/// stopped working cannot pass.
/// </summary>
[MemoryDiagnoser]
public class GuardCanaryBenchmarks
{
    private readonly object?[] _box = new object?[1];
    private double[] _values = [];

    /// <summary>The dataset's size in score rows; the canary sums one run's worth (<c>Rows / 8</c> values).</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    /// <summary>Fills the values.</summary>
    [GlobalSetup]
    public void Setup() => _values = [.. Enumerable.Range(0, BenchmarkSizes.PersonsOf(Rows)).Select(i => i * 0.5)];

    /// <summary>A plain loop.</summary>
    /// <returns>The sum.</returns>
    [Benchmark(Baseline = true)]
    public double PlainLoop()
    {
        double sum = 0;
        foreach (var value in _values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary>The same sum through a boxed value per row: as slow as the baseline or slower, and allocating per row.</summary>
    /// <returns>The sum.</returns>
    [Benchmark]
    [Guarded(1_024, Canary = true)]
    public double BoxedPerRow()
    {
        double sum = 0;
        foreach (var value in _values)
        {
            _box[0] = value; // stored in a field so that the JIT cannot keep the box on the stack
            sum += (double)_box[0]!;
        }

        return sum;
    }
}
