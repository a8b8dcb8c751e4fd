using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks.Parquet;

/// <summary>Adds the <c>Rows/s</c> column (score rows of the dataset / Mean) to <see cref="ParquetIngestBenchmarks"/>.</summary>
public sealed class ParquetIngestConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public ParquetIngestConfig()
    {
        AddColumn(new RowsPerSecondColumn());
    }

    /// <summary>Score rows (Persons × Runs minus the missing, from <see cref="AepParquetDataset.RowCount"/>) per second of Mean.</summary>
    private sealed class RowsPerSecondColumn : IColumn
    {
        private readonly Dictionary<(int Persons, int Runs), long> _rows = [];

        public string Id => nameof(RowsPerSecondColumn);

        public string ColumnName => "Rows/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Score rows per second: (Persons × Runs minus the missing) / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics?.Mean is not { } mean || mean <= 0
                || benchmarkCase.Parameters["Persons"] is not int persons || benchmarkCase.Parameters["Runs"] is not int runs)
            {
                return "NA";
            }

            if (!_rows.TryGetValue((persons, runs), out var rows))
            {
                rows = AepParquetDataset.RowCount(persons, runs);
                _rows.Add((persons, runs), rows);
            }

            return (rows / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public override string ToString() => ColumnName;
    }
}
