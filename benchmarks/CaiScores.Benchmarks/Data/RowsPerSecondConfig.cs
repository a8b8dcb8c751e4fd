using BenchmarkDotNet.Configs;

namespace CaiScores.Benchmarks.Data;

/// <summary>
/// Adds a <c>Rows/s</c> column to a benchmark over <see cref="SyntheticScores"/>: the score rows of a table of
/// <c>Persons</c> × <c>Runs</c> (or of one run when the benchmark has no <c>Runs</c> parameter) per second of Mean.
/// </summary>
public sealed class RowsPerSecondConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public RowsPerSecondConfig()
    {
        AddColumn(new RowsPerSecondColumn(SyntheticScores.RowCount, "Score rows read per second: rows of the runs the benchmark reads / Mean"));
    }
}
