using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

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
        AddColumn(new RowsPerSecondColumn());
    }

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

        public string Legend => "Score rows read per second: rows of the runs the benchmark reads / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (summary[benchmarkCase]?.ResultStatistics?.Mean is not { } mean || mean <= 0 || benchmarkCase.Parameters["Persons"] is not int persons)
            {
                return "NA";
            }

            var runs = benchmarkCase.Parameters.Items.Any(p => p.Name == "Runs") && benchmarkCase.Parameters["Runs"] is int r ? r : 1;
            if (!_rows.TryGetValue((persons, runs), out var rows))
            {
                rows = SyntheticScores.RowCount(persons, runs);
                _rows.Add((persons, runs), rows);
            }

            return (rows / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
