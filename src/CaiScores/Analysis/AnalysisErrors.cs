using System.Globalization;
using CaiScores.Columnar;

namespace CaiScores.Analysis;

/// <summary>The exceptions analyses throw for bad parameters, each naming the parameter and what would be valid.</summary>
internal static class AnalysisErrors
{
    public static ArgumentException NoSuchRun(ScoreTable table, DateOnly run, string parameter) =>
        new(string.Create(CultureInfo.InvariantCulture, $"No run on {run:yyyy-MM-dd} in {table.InstancePath}; its runs are {RunList(table)}."), parameter);

    public static ArgumentException NoRuns(ScoreTable table, string parameter) =>
        new($"The table {table.InstancePath} has no runs.", parameter);

    public static ArgumentException NoSuchAttribute(ScoreTable table, string attribute, string parameter) =>
        new($"No person attribute '{attribute}' in {table.InstancePath}; it has {(table.Attributes.Count == 0 ? "none (join some with WithAttributes)" : string.Join(", ", table.Attributes.Select(a => a.Name)))}.", parameter);

    /// <summary>The index of the run with this score date, or an error naming <paramref name="parameter"/>.</summary>
    public static int RunIndex(ScoreTable table, DateOnly run, string parameter)
    {
        var index = table.IndexOfRun(run);
        return index >= 0 ? index : throw NoSuchRun(table, run, parameter);
    }

    /// <summary>The given run's index, or the latest run's when none is given.</summary>
    public static int RunIndexOrLatest(ScoreTable table, DateOnly? run, string parameter) =>
        run is { } date ? RunIndex(table, date, parameter) : table.Runs.Count > 0 ? table.Runs.Count - 1 : throw NoRuns(table, parameter);

    private static string RunList(ScoreTable table) =>
        table.Runs.Count == 0 ? "none" : string.Join(", ", table.Runs.Select(r => r.ScoreDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
}
