using BenchmarkDotNet.Configs;
using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Distributions;

/// <summary>
/// Adds the <c>Values/s</c> column to a benchmark of one run: the run's persons (<c>Rows / 8</c>, see
/// <see cref="BenchmarkSizes"/>) per second of Mean.
/// </summary>
public sealed class DistributionConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public DistributionConfig()
    {
        AddColumn(new RowsPerSecondColumn("Values/s", rows => BenchmarkSizes.PersonsOf(rows), "Values (one per person of the run) per second: Rows / 8 / Mean"));
    }
}
