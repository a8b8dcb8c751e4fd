using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Targeting;

/// <summary>
/// docs/targeting.md's samples are this compiled code: each test runs its snippet, and
/// <see cref="Targeting_page_shows_the_snippets_verbatim"/> fails when the page's copy drifts.
/// </summary>
public sealed class TargetingDocSampleTests
{
    private static readonly ScoreTable SampleTable = ScoreTable.FromScores(TableAssert.Sample(persons: 2000, runs: 2)).Single();

    [Fact]
    public void Top_two_deciles()
    {
        var table = SampleTable;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: top-two-deciles
            // The top two deciles of the latest run, as Customer AI's docs target them: percentileScore > 80.
            var top = TopPercent.Select(table, 20);
            Console.WriteLine($"{top.Rule}: {top.Count:N0} of {top.WithValue:N0} persons ({top.Share:P1})");

            IReadOnlyList<string> ids = top.GetPersonIds(table);   // for an export or an audience
            Segment segment = top.ToSegment();                     // to filter any other analysis of the table
            // end-snippet
            Assert.Equal(top.Count, ids.Count);
            Assert.Equal(top.Persons, segment.Evaluate(table));
        });
        Assert.StartsWith("percentileScore > 80: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Recomputed_and_quantile_disc()
    {
        var table = SampleTable;
        List<string> goldIds = [.. Enumerable.Range(0, 400).Select(p => table.Persons[p])];
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: recomputed
            // Recomputed from the score: the exact threshold; everyone tied at it is in.
            var byScore = TopPercent.Select(table, 20, new TopPercentOptions { Method = TargetingMethod.Recomputed });
            Console.WriteLine($"{byScore.Rule}: {byScore.Count:N0} persons, {byScore.ExcessOverTarget} over the {byScore.TargetCount:N0} asked for ({byScore.TiedAtThreshold} tied at the threshold)");

            // DuckDB's convention: score >= quantile_disc(score, 0.8).
            var disc = TopPercent.Select(table, 20, new TopPercentOptions { Method = TargetingMethod.QuantileDisc });

            // Among gold-tier customers only, by probability.
            var gold = TopPercent.Select(table, 10, new TopPercentOptions
            {
                Method = TargetingMethod.Recomputed,
                Field = ScoreField.Probability,
                Segment = Segment.Persons(goldIds),
            });
            // end-snippet
            Assert.True(disc.Count >= byScore.Count);
            Assert.True(gold.WithValue <= goldIds.Count);
        });
        Assert.StartsWith("score ≥ ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decile_buckets()
    {
        var table = SampleTable;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: deciles
            // Score deciles of the latest run as a bucket scheme, and the people in each bucket.
            var deciles = QuantileSchemes.Deciles(table);
            Console.WriteLine(deciles);   // the edges, and how many buckets ties merged
            foreach (var row in ScoreDistribution.Compute(table, deciles.Scheme).Rows)
            {
                Console.WriteLine($"{row.Bucket.Label,-16} {row.Count,8:N0}");
            }

            // DuckDB's quantile_disc(score, [0.25, 0.5, 0.75]) as edges.
            var quartiles = QuantileSchemes.Create(table, ScoreField.Score, [0.25, 0.5, 0.75], convention: QuantileConvention.QuantileDisc);
            // end-snippet
            Assert.Equal(3, quartiles.Quantiles.Count);
        });
        Assert.Equal(11, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Targeting_page_shows_the_snippets_verbatim()
    {
        Assert.Equal(3, DocSnippets.AssertShownIn(ThisFile(), "docs/targeting.md"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

}
