using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Output;
using CaiScores.Segments;
using CaiScores.Transitions;

namespace CaiScores.Cli.Report;

/// <summary>
/// The report's transition sections: the last pair of selected runs (the latest movement), the first against the last
/// (the whole period in one matrix), and every consecutive pair in one compact table and chart (who moved up, down,
/// stayed, entered or left between each run and the next).
/// </summary>
internal static class ReportTransitions
{
    public static void Add(ScoreTable table, IReadOnlyList<ScoreRun> runs, BucketScheme scheme, Segment? segment, ChartOptions chart, List<ReportSection> sections, Progress progress)
    {
        var options = new TransitionOptions { Scheme = scheme, Segment = segment };
        var first = runs[0].ScoreDate;
        var last = runs[^1].ScoreDate;
        var previous = runs[^2].ScoreDate;

        progress.Report("computing transitions");
        var pairs = Enumerable.Range(0, runs.Count - 1).Select(i => TransitionMatrix.Compute(table, runs[i].ScoreDate, runs[i + 1].ScoreDate, options)).ToList();
        sections.Add(Matrix(
            "transitions",
            "Bucket transitions, last two runs",
            $"Where the persons of each bucket on {Day(previous)} were on {Day(last)}: the rows are the earlier run, the columns the later one; Entry and Exit are persons scored in only one of the two runs.",
            pairs[^1],
            chart));
        if (runs.Count > 2)
        {
            sections.Add(Matrix(
                "transitions-first-last",
                "Bucket transitions, first to last run",
                $"The same matrix over the whole selection: where the persons of each bucket on {Day(first)} were on {Day(last)}.",
                TransitionMatrix.Compute(table, first, last, options),
                chart));
            var json = "{\n\"matrices\": [\n" + string.Join(",\n", pairs.Select(m => Serialization.CaiJson.Serialize(m, indented: true))) + "\n]\n}\n";
            sections.Add(new ReportSection(
                "transitions-series",
                "Movement between consecutive runs",
                "Every consecutive pair of selected runs: persons who moved to a higher bucket, to a lower one, stayed in theirs, entered (scored only in the later run) or exited (only in the earlier). The JSON file has every pair's full matrix.",
                Finding(pairs),
                pairs,
                string.Empty,
                [SvgCharts.Movement(pairs, chart)],
                [Pairs(pairs)],
                json));
        }
    }

    private static ReportSection Matrix(string id, string title, string explanation, TransitionMatrix matrix, ChartOptions chart) => new(
        id, title, explanation, ReportFindings.Transitions(matrix), matrix, string.Empty, [SvgCharts.Transitions(matrix, chart)], ResultTables.Of(matrix), Serialization.CaiJson.Serialize(matrix, indented: true));

    private static string Finding(IReadOnlyList<TransitionMatrix> pairs)
    {
        var busiest = pairs.MaxBy(m => m.MovedUp + m.MovedDown)!;
        return string.Create(CultureInfo.InvariantCulture, $"Over {ReportFindings.Plural(pairs.Count, "pair")} of consecutive runs, {pairs.Average(m => m.MovedUp):N0} persons moved up and {pairs.Average(m => m.MovedDown):N0} down per pair on average; the most movement was between {Day(busiest.From)} and {Day(busiest.To)} ({busiest.MovedUp + busiest.MovedDown:N0} persons).");
    }

    /// <summary>One row per consecutive pair: the counts that moved up, down, stayed, entered and exited.</summary>
    internal static ResultTable Pairs(IReadOnlyList<TransitionMatrix> pairs) => new(
        "transition-pairs",
        "Movement between consecutive runs",
        [
            ResultColumn.Dates("fromRun", pairs.Select(m => (DateOnly?)m.From), "The earlier run"),
            ResultColumn.Dates("toRun", pairs.Select(m => (DateOnly?)m.To), "The later run"),
            ResultColumn.Int64s("movedUp", pairs.Select(m => (long?)m.MovedUp), "Persons in a higher bucket in the later run"),
            ResultColumn.Int64s("movedDown", pairs.Select(m => (long?)m.MovedDown), "Persons in a lower bucket in the later run"),
            ResultColumn.Int64s("stayed", pairs.Select(m => (long?)m.Stayed), "Persons in the same bucket in both runs"),
            ResultColumn.Int64s("entries", pairs.Select(m => (long?)m.Entries), "Persons scored in the later run only"),
            ResultColumn.Int64s("exits", pairs.Select(m => (long?)m.Exits), "Persons scored in the earlier run only"),
        ]);

    private static string Day(DateOnly day) => ReportAnalyses.Day(day);
}
