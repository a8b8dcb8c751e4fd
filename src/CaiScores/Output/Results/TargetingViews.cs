using System.Globalization;
using CaiScores.Targeting;

namespace CaiScores.Output;

/// <summary>How a top-percent selection is shown.</summary>
internal static class TargetingViews
{
    /// <summary>The selection: one row with the rule and the counts, no chart.</summary>
    public static readonly ResultView<TopPercentSelection> TopPercent = new(Tables);

    private static IReadOnlyList<ResultTable> Tables(TopPercentSelection selection)
    {
        TopPercentSelection[] one = [selection];
        return
        [
            new TableBuilder<TopPercentSelection>("top-percent", $"Top {selection.Percent.ToString("R", CultureInfo.InvariantCulture)} %, {TableText.Day(selection.Run)}", one)
                .Date("run", s => s.Run, "The run's score date")
                .Double("percent", s => s.Percent, "The p of top p %, from 0 to 100")
                .Enum("method", s => s.Method, "How the top p % was decided")
                .Enum("field", s => s.Field, "The value the threshold is on")
                .String("rule", s => s.Rule, "The rule in words")
                .Double("threshold", s => s.Threshold, "The lowest selected value; null when no one is selected")
                .Int64("scored", s => s.Scored, "Persons scored in the run")
                .Int64("withValue", s => s.WithValue, "Persons ranked (with a usable value)")
                .Int64("noValue", s => s.NoValue, "Scored persons without a value")
                .Int64("notANumber", s => s.NotANumber, "Scored persons with a NaN value")
                .Int64("targetCount", s => s.TargetCount, "Persons asked for: ceiling of p % × withValue")
                .Int64("count", s => s.Count, "Persons selected")
                .Int64("tiedAtThreshold", s => s.TiedAtThreshold, "Selected persons whose value equals the threshold")
                .Int64("thresholdRank", s => s.ThresholdRank, "The 1-based descending rank k whose value is the threshold; null when no one is selected")
                .Int64("firstRankAtThreshold", s => s.FirstRankAtThreshold, "The first descending rank held by a value equal to the threshold")
                .Int64("excessOverTarget", s => s.ExcessOverTarget, "count − targetCount")
                .Share("share", s => s.Share, "count over withValue")
                .Int64("recomputedPercentiles", s => s.RecomputedPercentiles, "Persons whose missing percentile was recomputed")
                .Double("recomputedThreshold", s => s.RecomputedThreshold, "The field value above which recomputed percentiles are selected; null unless recomputed")
                .Build(),
        ];
    }
}
