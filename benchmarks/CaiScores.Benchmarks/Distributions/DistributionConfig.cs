using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks.Distributions;

/// <summary>Adds the <c>Values/s</c> column (Persons / Mean) to <see cref="DistributionBenchmarks"/>.</summary>
public sealed class DistributionConfig : ManualConfig
{
    /// <summary>Creates the config.</summary>
    public DistributionConfig()
    {
        AddColumn(new ValuesPerSecondColumn());
    }

    /// <summary>Values (one score per person) per second of Mean.</summary>
    private sealed class ValuesPerSecondColumn : IColumn
    {
        public string Id => nameof(ValuesPerSecondColumn);

        public string ColumnName => "Values/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Scores bucketed per second: Persons / Mean";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            summary[benchmarkCase]?.ResultStatistics?.Mean is { } mean && mean > 0 && benchmarkCase.Parameters["Persons"] is int persons
                ? (persons / (mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture)
                : "NA";

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        public override string ToString() => ColumnName;
    }
}
