using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks.Data;

/// <summary>
/// The <c>Rows/s</c> column: score rows of a dataset of <c>Persons</c> × <c>Runs</c> (one run when the benchmark has no
/// <c>Runs</c> parameter), as counted by <paramref name="rowCount"/>, per second of Mean.
/// </summary>
internal sealed class RowsPerSecondColumn(Func<int, int, long> rowCount, string legend) : IColumn
{
    private readonly Dictionary<(int Persons, int Runs), long> _rows = [];

    public string Id => nameof(RowsPerSecondColumn);

    public string ColumnName => "Rows/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

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
            rows = rowCount(persons, runs);
            _rows.Add((persons, runs), rows);
        }

        return (rows / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
