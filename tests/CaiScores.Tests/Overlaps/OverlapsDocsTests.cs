using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Overlaps;

/// <summary>
/// docs/overlaps.md's samples are this compiled code: each test runs its snippet, and
/// <see cref="Overlaps_page_shows_the_snippets_verbatim"/> fails when the page's copy drifts.
/// </summary>
public sealed class OverlapsDocsTests
{
    private static readonly ScoreTable SampleTable = ScoreTable.FromScores(TableAssert.Sample(persons: 2000, runs: 8)).Single();

    [Fact]
    public void Venn_of_three_runs()
    {
        var table = SampleTable;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: venn-three-runs
            // Who was High (score ≥ 75) in runs 1, 4 and 8, and in which combinations.
            OverlapSet High(int run) =>
                new($"High in run {run + 1}", Segment.InBucket(BucketScheme.Cai, "High", table.Runs[run].ScoreDate));

            var venn = Venn.Compute(table, [High(0), High(3), High(7)]);
            foreach (var set in venn.Sets)
            {
                Console.WriteLine($"{set.Label,-52} {set.Count,6:N0}");
            }

            foreach (var region in venn.Regions)
            {
                Console.WriteLine($"{region.Label,-52} {region.Count,6:N0} {region.ShareOfUnion,7:P1}");
            }

            Console.WriteLine($"{"Union",-52} {venn.Union,6:N0} of {venn.BaseCount:N0} persons");

            // The persons High in run 8 but in neither earlier run: a set, ids, or a segment for any other analysis.
            var newlyHigh = venn.Regions.Single(r => r.Label == "High in run 8 only");
            IReadOnlyList<string> ids = venn.GetPersons(newlyHigh).GetIds(table);
            Segment segment = venn.ToSegment(newlyHigh);
            // end-snippet
            Assert.Equal(newlyHigh.Count, ids.Count);
            Assert.Equal(newlyHigh.Count, segment.Evaluate(table).Count);
        });
        Assert.Equal(3 + 7 + 1, output.Split('\n').Length);
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs/overlaps.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(page.Contains(output, StringComparison.Ordinal), $"docs/overlaps.md does not show the sample's output:\n{output}");
    }

    [Fact]
    public void UpSet_of_every_run()
    {
        var table = SampleTable;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: upset-every-run
            // High in each of the eight runs: the ten largest membership combinations, UpSet style.
            OverlapSet[] sets = [.. table.Runs.Select((run, i) =>
                new OverlapSet($"run {i + 1}", Segment.InBucket(BucketScheme.Cai, "High", run.ScoreDate)))];
            var upset = SetIntersections.Compute(table, sets);
            foreach (var region in upset.Regions.Take(10))
            {
                Console.WriteLine($"{string.Join(" ", region.Names),-48} {region.Count,6:N0}");
            }

            long alwaysHigh = upset.CountInAll(upset.Names);   // High in every run (inclusive)
            // end-snippet
            Assert.True(alwaysHigh <= upset.Sets.Min(s => s.Count));
        });
        Assert.InRange(output.Split('\n').Length, 1, 10);
    }

    [Fact]
    public void Base_and_window()
    {
        var table = SampleTable;
        var runs = table.Runs;
        DocSnippets.Capture(() =>
        {
            // begin-snippet: base-and-window
            // Within the persons scored Medium in run 1 (the base), over the last four runs (the window):
            // who ever reached High, who ever fell to Low, and who did both.
            var options = new OverlapOptions
            {
                Base = Segment.InBucket(BucketScheme.Cai, "Medium", runs[0].ScoreDate),
                Range = new DateRange(runs[4].ScoreDate, runs[^1].ScoreDate.AddDays(1)),
            };
            var venn = Venn.Compute(table,
            [
                new OverlapSet("Reached High", Segment.InBucket(BucketScheme.Cai, "High")),
                new OverlapSet("Fell to Low", Segment.InBucket(BucketScheme.Cai, "Low")),
            ], options);
            Console.WriteLine($"{venn.Intersections[0].Count:N0} of {venn.BaseCount:N0} did both; {venn.Outside:N0} stayed Medium");
            // end-snippet
            Assert.Equal(venn.BaseCount, venn.Union + venn.Outside);
        });
    }

    [Fact]
    public void Overlaps_page_shows_the_snippets_verbatim()
    {
        Assert.Equal(3, DocSnippets.AssertShownIn(ThisFile(), "docs/overlaps.md"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
