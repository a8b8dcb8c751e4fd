using System.Globalization;
using CaiScores.Trends;

namespace CaiScores.Output;

/// <summary>How a score trend is shown.</summary>
internal static class TrendViews
{
    /// <summary>The trend: period × series in long format, the periods and the series, drawn as stacked bars.</summary>
    public static readonly ResultView<ScoreTrend> Trend = new(Tables, t => [SvgCharts.Trend(t)]);

    private static IReadOnlyList<ResultTable> Tables(ScoreTrend trend)
    {
        var title = $"Score trend by {TableBuilder<object>.EnumName(trend.Options.Granularity)}";
        var series = trend.Series;
        var cells = Enumerable.Range(0, trend.Rows.Count).Select(i => (Row: trend.Rows[i], Series: series[i % series.Count])).ToList();
        var main = new TableBuilder<(TrendRow Row, TrendSeries Series)>("trend", title, cells)
            .Date("period", c => c.Row.Period, "The period's first day")
            .String("periodLabel", c => c.Row.PeriodLabel, "The period's label")
            .String("series", c => c.Row.Series, "The series' label")
            .String("cohort", c => c.Series.Cohort, "The series' cohort value; null without cohorts or for no value")
            .String("bucket", c => c.Series.Bucket?.DisplayName, "The series' bucket; null without a scheme or for no value")
            .Boolean("isNoValue", c => c.Series.IsNoValue, "Whether the series gathers rows without a score or cohort value")
            .Int64("people", c => c.Row.People, "Distinct persons of the series in the period")
            .Int64("events", c => c.Row.Events, "Score rows (person × run) of the series in the period")
            .Share("shareOfPeriod", c => c.Row.ShareOfPeriod, "people over the period's distinct persons (the 100 % stacked value)")
            .Double("meanScore", c => c.Row.MeanScore, "Mean score; null when no row has one")
            .Double("meanProbability", c => c.Row.MeanProbability, "Mean probability; null when no row has one");
        var percentiles = trend.Options.Percentiles;
        for (var p = 0; p < percentiles.Count; p++)
        {
            var index = p;
            var suffix = percentiles[p].ToString("R", CultureInfo.InvariantCulture).Replace('.', '_');
            main.Double("scoreP" + suffix, c => index < c.Row.ScorePercentiles.Count ? c.Row.ScorePercentiles[index] : null, $"The {percentiles[p].ToString("R", CultureInfo.InvariantCulture)}th percentile of the scores (nearest rank); null without scores");
            main.Double("probabilityP" + suffix, c => index < c.Row.ProbabilityPercentiles.Count ? c.Row.ProbabilityPercentiles[index] : null, $"The {percentiles[p].ToString("R", CultureInfo.InvariantCulture)}th percentile of the probabilities; null without probabilities");
        }

        return
        [
            main.Build(),
            new TableBuilder<TrendPeriod>("trend-periods", title + ": periods", trend.Periods)
                .Int64("index", p => p.Index, "The period's position, 0 for the earliest")
                .Date("start", p => p.Start, "The first day")
                .Date("end", p => p.End, "The day after the last")
                .String("label", p => p.Label, "The period's label")
                .Int64("runs", p => p.Runs.Count, "Runs in the period")
                .Date("firstRun", p => p.Runs.Count > 0 ? p.Runs[0] : null, "The first run in the period; null when none")
                .Date("lastRun", p => p.Runs.Count > 0 ? p.Runs[^1] : null, "The last run in the period; null when none")
                .Int64("people", p => p.People, "Distinct persons in a shown series in the period")
                .Int64("events", p => p.Events, "Score rows in shown series in the period")
                .Build(),
            new TableBuilder<TrendSeries>("trend-series", title + ": series", series)
                .Int64("index", s => s.Index, "The series' position in the legend")
                .String("label", s => s.Label, "The legend label")
                .String("cohort", s => s.Cohort, "The cohort value; null without cohorts or for no value")
                .Bucket(s => s.Bucket)
                .Boolean("isNoValue", s => s.IsNoValue, "Whether the series gathers rows without a score or cohort value")
                .Build(),
        ];
    }
}
