using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Distributions;

/// <summary>
/// The samples of docs/distributions.md are this compiled code: each test runs its snippet and checks what it printed,
/// and <see cref="The_page_shows_the_snippets_and_their_output_verbatim"/> fails when the page drifts from the text
/// between the <c>begin-snippet</c> / <c>end-snippet</c> markers here, or from the printed output.
/// </summary>
public sealed class DistributionDocsTests
{
    /// <summary>1,000 sample persons scored weekly from 2026-01-04 (5 runs), a loyalty tier for every fifth.</summary>
    private static readonly ScoreTable Table = SampleTable();

    internal const string SummaryOutput = """
        885 profiles scored on 2026-02-01
        High 215 (24 %), Medium 459 (52 %), Low 211 (24 %)
        """;

    internal const string CaiRowsOutput = """
        Less than 25    211  23.8 %
        25 to 75        459  51.9 %
        75 or more      215  24.3 %
        """;

    internal const string RangeOutput = "4 runs: 1,000 people in 1,237 person-buckets; 3,581 scores";

    [Fact]
    public void Scoring_summary()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: scoring-summary
            // CAI's "Latest scores" card: the latest run split into Low (< 25), Medium (25 to 75) and High (≥ 75).
            var summary = ScoringSummary.Compute(table);
            Console.WriteLine($"{summary.TotalProfiles:N0} profiles scored on {summary.Run:yyyy-MM-dd}");
            Console.WriteLine($"High {summary.High.Count:N0} ({summary.High.Share:P0}), Medium {summary.Medium.Count:N0} ({summary.Medium.Share:P0}), Low {summary.Low.Count:N0} ({summary.Low.Share:P0})");
            // end-snippet
        });
        Assert.Equal(SummaryOutput, output);
    }

    [Fact]
    public void Distribution_of_the_latest_run()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: distribution-latest
            // One row per bucket in ascending order, empty buckets included; shares are over the people scored.
            var distribution = ScoreDistribution.Compute(table, BucketScheme.Cai);
            foreach (var row in distribution.Rows)
            {
                Console.WriteLine($"{row.Bucket.Label,-12} {row.Count,6:N0} {row.Share,7:P1}");
            }
            // end-snippet
        });
        Assert.Equal(CaiRowsOutput, output);
        var five = ScoreDistribution.Compute(table);
        Assert.Equal(BucketScheme.Distribution5.Buckets.Select(b => b.Label), five.Rows.Select(r => r.Bucket.Label));
    }

    [Fact]
    public void People_and_events_over_a_month()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: distribution-range
            // Every run of January (four weekly runs). People: a person counts once in each bucket they reached and once in
            // the total, so the buckets add up to more than the total. Events: one per person and run.
            var january = new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1));
            var people = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Range = january });
            var events = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Range = january, Metric = DistributionMetric.Events });
            Console.WriteLine($"{people.Runs.Count} runs: {people.Total:N0} people in {people.Rows.Sum(r => r.Count):N0} person-buckets; {events.Total:N0} scores");
            // end-snippet
        });
        Assert.Equal(RangeOutput, output);
    }

    [Fact]
    public void A_segment_with_the_no_value_row()
    {
        var table = Table;
        // begin-snippet: distribution-segment
        // Gold-tier customers only, with CJA's "No value" row last (persons scored without a score).
        var gold = ScoreDistribution.Compute(table, new ScoreDistributionOptions
        {
            Scheme = BucketScheme.Cai,
            Segment = Segment.AttributeEquals("tier", "gold"),
            IncludeNoValue = true,
        });
        // end-snippet
        Assert.Equal(["Less than 25", "25 to 75", "75 or more", "No value"], gold.Rows.Select(r => r.Bucket.Label));
        Assert.InRange(gold.Total, 150, 200);
        Assert.True(gold.Rows[^1].IsNoValue);
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(4, DocSnippets.AssertShownIn(ThisFile(), "docs/distributions.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "distributions.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Contains(SummaryOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains(CaiRowsOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains(RangeOutput, page, StringComparison.Ordinal);
    }

    private static ScoreTable SampleTable()
    {
        var table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 5 }))).Single();
        return table.WithAttributes(Enumerable.Range(0, table.Persons.Count).Where(i => i % 5 == 0)
            .Select(i => new PersonAttributeRecord { PersonId = table.Persons[i], Name = "tier", Value = "gold" }));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

}
