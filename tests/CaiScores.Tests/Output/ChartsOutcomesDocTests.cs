using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Outcomes;
using CaiScores.Output;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Segments;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Output;

/// <summary>The reason-code, outcome and intersection sample of docs/charts.md, run.</summary>
public sealed class ChartsOutcomesDocTests
{
    [Fact]
    public void The_documented_sample_writes_six_charts()
    {
        var folder = Directory.CreateTempSubdirectory("cai-charts-").FullName;
        try
        {
            var table = SampleResults.Table;
            var outcomes = SampleResults.Outcomes;

            // begin-snippet: charts-outcomes
            var reasons = ReasonCodeTable.Compute(table);
            File.WriteAllText(Path.Combine(folder, "reasons.svg"), SvgCharts.ReasonCodes(reasons));

            var evaluation = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 7, Run = table.Runs[^2].ScoreDate });
            File.WriteAllText(Path.Combine(folder, "lift.svg"), SvgCharts.Lift(evaluation));
            File.WriteAllText(Path.Combine(folder, "gains.svg"), SvgCharts.Gains(evaluation));

            var success = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { OutcomeWindowDays = 7 });
            File.WriteAllText(Path.Combine(folder, "success.svg"), SvgCharts.SuccessEvents(success));

            var performance = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7 });
            File.WriteAllText(Path.Combine(folder, "performance.svg"), SvgCharts.Performance(performance));

            // "High in run r", one set per run: who stays High, who comes and goes.
            var high = table.Runs.Select(r => new OverlapSet($"High {r.ScoreDate:yyyy-MM-dd}", Segment.InBucket(BucketScheme.Cai, "High", r.ScoreDate))).ToList();
            var intersections = SetIntersections.Compute(table, high);
            File.WriteAllText(Path.Combine(folder, "upset.svg"), SvgCharts.Intersections(intersections, new ChartOptions { Width = 960 }));
            // end-snippet

            // The charts the page shows are the test snapshots of the same results.
            Assert.Equal(File.ReadAllText(Verified("SvgChartsReasonCodesTests.Reason_code_table")), File.ReadAllText(Path.Combine(folder, "reasons.svg")));
            Assert.Equal(File.ReadAllText(Verified("SvgChartsOutcomesTests.Lift_by_decile")), File.ReadAllText(Path.Combine(folder, "lift.svg")));
            Assert.Equal(File.ReadAllText(Verified("SvgChartsOutcomesTests.Cumulative_gains")), File.ReadAllText(Path.Combine(folder, "gains.svg")));
            Assert.Equal(File.ReadAllText(Verified("SvgChartsOutcomesTests.Success_events_by_bucket")), File.ReadAllText(Path.Combine(folder, "success.svg")));
            Assert.Equal(File.ReadAllText(Verified("SvgChartsOutcomesTests.Performance_summary")), File.ReadAllText(Path.Combine(folder, "performance.svg")));
            Assert.Equal(File.ReadAllText(Verified("SvgChartsIntersectionsTests.UpSet_plot_of_six_sets")), File.ReadAllText(Path.Combine(folder, "upset.svg")));
            Assert.All(Directory.GetFiles(folder), f => Assert.Equal("svg", XDocument.Load(f).Root!.Name.LocalName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_page_shows_the_snippet_and_the_charts()
    {
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "docs/charts.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "charts.md"));
        foreach (var image in new[] { "SvgChartsReasonCodesTests.Reason_code_table", "SvgChartsOutcomesTests.Lift_by_decile", "SvgChartsOutcomesTests.Cumulative_gains", "SvgChartsOutcomesTests.Success_events_by_bucket", "SvgChartsOutcomesTests.Performance_summary", "SvgChartsIntersectionsTests.UpSet_plot_of_six_sets" })
        {
            Assert.Contains($"](../tests/CaiScores.Tests/Output/{image}.verified.svg)", page, StringComparison.Ordinal);
            Assert.True(File.Exists(Verified(image)), image);
        }
    }

    private static string Verified(string name) => Path.Combine(DocSnippets.Root(), "tests", "CaiScores.Tests", "Output", $"{name}.verified.svg");

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
