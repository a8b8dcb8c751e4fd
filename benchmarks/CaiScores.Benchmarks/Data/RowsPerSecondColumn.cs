using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks.Data;

/// <summary>
/// The <c>Rows/s</c> column: the score rows a benchmark reads at its <c>Rows</c> size (see <see cref="BenchmarkSizes"/>), as
/// counted by <paramref name="rowsRead"/>, per second of Mean.
/// </summary>
/// <param name="name">The column's name (<c>Rows/s</c>, <c>Values/s</c>).</param>
/// <param name="rowsRead">The rows read at a size.</param>
/// <param name="legend">The column's legend.</param>
internal sealed class RowsPerSecondColumn(string name, Func<int, long> rowsRead, string legend) : IColumn
{
    private readonly Dictionary<int, long> _rows = [];

    public string Id => nameof(RowsPerSecondColumn) + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => legend;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (summary[benchmarkCase]?.ResultStatistics?.Mean is not { } mean || mean <= 0 || benchmarkCase.Parameters["Rows"] is not int size)
        {
            return "NA";
        }

        if (!_rows.TryGetValue(size, out var rows))
        {
            rows = rowsRead(size);
            _rows.Add(size, rows);
        }

        return (rows / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;

    public override string ToString() => ColumnName;
}
