using BenchmarkDotNet.Configs;

namespace CaiScores.Benchmarks.Data;

/// <summary>
/// Adds a <c>Rows/s</c> column to a benchmark over every run of a <see cref="SyntheticScores"/> table: the score rows of the
/// table at the benchmark's <c>Rows</c> size (persons × 8 runs, minus the 10 % missing) per second of Mean.
/// </summary>
public sealed class RowsPerSecondConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RowsPerSecondConfig()
    {
        AddColumn(new RowsPerSecondColumn("Rows/s", rows => SyntheticScores.RowCount(BenchmarkSizes.PersonsOf(rows), BenchmarkSizes.Runs), "Score rows read per second: rows of the table (all runs) / Mean"));
    }
}
