using System.Globalization;
using CaiScores.Distributions;
using CaiScores.Outcomes;
using CaiScores.Targeting;
using CaiScores.Transitions;

namespace CaiScores.Cli.Report;

/// <summary>
/// The strip of key figures at the top of the page, as a Workspace project opens with its summary numbers: persons, runs,
/// the latest run's split into the scheme's buckets, its mean score, and (when computed) the top 20 %, the movement since
/// the previous run and the model's AUC. Every figure is read from a section's result; none is computed here.
/// </summary>
internal static class ReportKeyFigures
{
    public static IReadOnlyList<(string Label, string Value, string? Note)> Of(ReportInput input, int selectedRuns, IReadOnlyList<ReportSection> sections)
    {
        var figures = new List<(string, string, string?)>
        {
            ("Persons", F($"{input.Table.Persons.Count:N0}"), null),
            ("Runs", F($"{selectedRuns:N0}"), selectedRuns == input.Table.Runs.Count ? null : F($"of {input.Table.Runs.Count:N0}")),
        };
        foreach (var section in sections)
        {
            switch (section.Result)
            {
                case ScoringSummary s:
                    foreach (var b in s.Buckets.Reverse())
                    {
                        figures.Add((b.Bucket.DisplayName, F($"{b.Share:P1}"), F($"{b.Count:N0} people")));
                    }

                    break;
                case ScoreDistribution d when d.Statistics.Mean is { } mean:
                    figures.Add(("Mean score", F($"{NumberText.Format(mean, "0.0")}"), F($"run {d.Runs[^1]:yyyy-MM-dd}")));
                    break;
                case TopPercentSelection t:
                    figures.Add(("Top 20 %", F($"{t.Count:N0}"), t.Method == TargetingMethod.Recomputed ? F($"score ≥ {NumberText.Format(t.Threshold, "0.##")} (exact)") : F($"{t.Rule} (percentile)")));
                    break;
                case TransitionMatrix m when section.Id == "transitions":
                    figures.Add(("Moved up / down", F($"{m.MovedUp:N0} / {m.MovedDown:N0}"), F($"{m.From:MM-dd} → {m.To:MM-dd}")));
                    break;
                case ModelEvaluation e when e.Auc is { } auc:
                    figures.Add(("AUC", F($"{auc:0.000}"), F($"run {e.Run:yyyy-MM-dd}")));
                    break;
            }
        }

        return figures;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
