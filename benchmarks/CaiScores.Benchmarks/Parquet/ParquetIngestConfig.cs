using BenchmarkDotNet.Configs;
using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Parquet;

/// <summary>Adds the <c>Rows/s</c> column (score rows of the dataset / Mean) to <see cref="ParquetIngestBenchmarks"/>.</summary>
public sealed class ParquetIngestConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ParquetIngestConfig()
    {
        AddColumn(new RowsPerSecondColumn("Rows/s", rows => AepParquetDataset.RowCount(BenchmarkSizes.PersonsOf(rows), BenchmarkSizes.Runs), "Score rows per second: (persons × 8 runs minus the missing) / Mean"));
    }
}
