using BenchmarkDotNet.Configs;
using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Parquet;

/// <summary>Adds the <c>Rows/s</c> column (score rows of the dataset / Mean) to <see cref="ParquetIngestBenchmarks"/>.</summary>
public sealed class ParquetIngestConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ParquetIngestConfig()
    {
        AddColumn(new RowsPerSecondColumn(AepParquetDataset.RowCount, "Score rows per second: (Persons × Runs minus the missing) / Mean"));
    }
}
