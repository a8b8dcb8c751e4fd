using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Distributions;
using CaiScores.Flows;
using CaiScores.Outcomes;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Docs;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Tests.Output.Html;

/// <summary>
/// The LINQPad samples shipped in the package (src/CaiScores/linqpad-samples), run: each sample's code is a snippet here,
/// compiled and executed with a stand-in for LINQPad's <c>Dump</c> that renders the result's own <c>ToDump()</c>.
/// </summary>
public sealed class LinqPadSamplesTests
{
    [Fact]
    public void Propensity_over_time()
    {
        // begin-snippet: linqpad-propensity-over-time
        // 5,000 synthetic people scored weekly for a quarter. For your own AEP export (package CaiScores.Parquet):
        // var table = CaiParquet.Load(@"C:\exports\customer-ai-ee").Single();
        var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 5_000, Runs = 13 });

        ScoringSummary.Compute(table).Dump("Latest scores");
        ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Week }).Dump("People by bucket, week by week");
        ScoreTrend.Compute(table, new TrendOptions { Scheme = null, CohortAttribute = "tier" }).Dump("Bronze, silver and gold");
        ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Distribution5 }).Dump("5-point buckets");
        // end-snippet

        Assert.Equal(13, table.Runs.Count);
    }

    [Fact]
    public void Movement_and_overlaps()
    {
        // begin-snippet: linqpad-movement-and-overlaps
        var table = CaiSampleData.Table(new CaiSampleOptions { Persons = 5_000, Runs = 13 });
        var (first, middle, last) = (table.Runs[0].ScoreDate, table.Runs[6].ScoreDate, table.Runs[^1].ScoreDate);

        TransitionMatrix.Compute(table, first, last).Dump("From the first run to the last");
        BucketFlow.Compute(table).Dump("Entry flow over the runs");
        Venn.Compute(table,
        [
            new OverlapSet("High in the first run", Segment.InBucket(BucketScheme.Cai, "High", first)),
            new OverlapSet("High in the middle run", Segment.InBucket(BucketScheme.Cai, "High", middle)),
            new OverlapSet("High in the last run", Segment.InBucket(BucketScheme.Cai, "High", last)),
        ]).Dump("Who stayed High");
        ReasonCodeTable.Compute(table, new ReasonCodeOptions { Run = last }).Dump("Influential factors by bucket");
        TopPercent.Select(table, 20).Dump("The top 20 %");
        // end-snippet
    }

    [Fact]
    public void Conversions_lift_and_gains()
    {
        // begin-snippet: linqpad-conversions
        var sample = new CaiSampleOptions { Persons = 5_000, Runs = 13 };
        var table = CaiSampleData.Table(sample);
        var conversions = OutcomeEvents.Join(table, CaiSampleData.Outcomes(sample));

        var evaluation = ModelEvaluation.Compute(table, conversions, new ModelEvaluationOptions { OutcomeWindowDays = 7, Run = table.Runs[^2].ScoreDate });
        evaluation.Dump($"Lift and gains, AUC {evaluation.Auc:0.000}");
        PerformanceSummary.Compute(table, conversions, new PerformanceSummaryOptions { OutcomeWindowDays = 7 }).Dump("Expected vs actual");
        SuccessEventsByBucket.Compute(table, conversions, new SuccessEventsOptions { OutcomeWindowDays = 7 }).Dump("Conversions by bucket");
        // end-snippet

        Assert.InRange(evaluation.Auc!.Value, 0.7, 1.0);
    }

    public static TheoryData<string> Samples() => [.. Directory.GetFiles(SamplesFolder(), "*.linq").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sample_is_a_linqpad_query_of_the_package(string file)
    {
        var text = File.ReadAllText(Path.Combine(SamplesFolder(), file));
        var header = XElement.Parse(text[..(text.IndexOf("</Query>", StringComparison.Ordinal) + "</Query>".Length)]);
        Assert.Equal("Statements", (string?)header.Attribute("Kind"));
        Assert.Contains("CaiScores", header.Elements("NuGetReference").Select(e => e.Value));
        Assert.Contains(".Dump(", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_show_the_snippets_verbatim()
    {
        Assert.Equal(3, Directory.GetFiles(SamplesFolder(), "*.linq").Length);
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "src/CaiScores/linqpad-samples/1 Propensity over time.linq", "linqpad-propensity"));
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "src/CaiScores/linqpad-samples/2 Movement and overlaps.linq", "linqpad-movement"));
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "src/CaiScores/linqpad-samples/3 Conversions, lift and gains.linq", "linqpad-conversions"));
    }

    private static string SamplesFolder() => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "..", "src", "CaiScores", "linqpad-samples"));

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
