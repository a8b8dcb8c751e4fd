using CaiScores.Columnar;
using CaiScores.Histograms;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Distributions;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Histograms;

/// <summary>
/// The samples of docs/histogram.md are this compiled code: each test runs its snippet and checks what it printed, and
/// <see cref="The_page_shows_the_snippets_and_their_output_verbatim"/> fails when the page drifts from them.
/// </summary>
public sealed class HistogramDocsTests
{
    private static readonly ScoreTable Table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 5 }))).Single();

    internal const string RunsPerPersonOutput = """
          1: 0
          2: 10
          3: 86
          4: 332
          5: 572
         6+: 0
        """;

    internal const string ScoresOutput =
        "0-9: 330, 10-19: 453, 20-29: 460, 30-39: 468, 40-49: 468, 50-59: 464, 60-69: 528, 70-79: 523, 80-89: 434, 90-99: 338, 100+: 0";

    internal const string RecencyOutput = "0-29: 4, 30-59: 2, 60-89: 1, 90-119: 0, 120+: 1 (below 0: 0)";

    [Fact]
    public void Runs_per_person()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: histogram-scoring-events
            // How many of the runs scored each person (CJA: Histogram of "scoring events", counting method Person).
            var runsPerPerson = MetricHistogram.Compute(table, new MetricHistogramOptions { BucketCount = 5 });
            foreach (var row in runsPerPerson.Rows)
            {
                Console.WriteLine($"{row.Label,3}: {row.Count:N0}");
            }
            // end-snippet
        });
        Assert.Equal(RunsPerPersonOutput.TrimEnd(), output);
    }

    [Fact]
    public void Scores_per_score_row()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: histogram-scores
            // Every score row of every run, by score in steps of 10 (scores are floored: 74.6 counts as 74).
            var scores = MetricHistogram.Compute(table, new MetricHistogramOptions
            {
                CountingMethod = CountingMethod.Event,
                Metric = HistogramMetric.Score,
                StartingBucket = 0,
                BucketCount = 10,
                BucketSize = 10,
            });
            Console.WriteLine(scores); // "0-9: …, 10-19: …, …, 90-99: …, 100+: …"
            // end-snippet
        });
        Assert.Equal(ScoresOutput, output);
    }

    [Fact]
    public void Any_metric_from_values()
    {
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: histogram-values
            // Any per-entity metric, here days since each customer's last visit.
            long[] daysSinceVisit = [0, 3, 3, 12, 45, 45, 61, 400];
            var recency = MetricHistogram.FromValues(daysSinceVisit, startingBucket: 0, bucketCount: 4, bucketSize: 30);
            Console.WriteLine($"{recency} (below 0: {recency.BelowStartCount})");
            // end-snippet
        });
        Assert.Equal(RecencyOutput, output);
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(3, DocSnippets.AssertShownIn(ThisFile(), "docs/histogram.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "histogram.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        foreach (var output in new[] { RunsPerPersonOutput, ScoresOutput, RecencyOutput })
        {
            Assert.Contains(output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd(), page, StringComparison.Ordinal);
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

}
