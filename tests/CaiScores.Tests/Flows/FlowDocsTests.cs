using CaiScores.Columnar;
using CaiScores.Flows;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Flows;

/// <summary>
/// The samples of docs/flows.md are this compiled code: each test runs its snippet and checks what it printed, and
/// <see cref="The_page_shows_the_snippets_and_their_output_verbatim"/> fails when the page drifts from them.
/// </summary>
public sealed class FlowDocsTests
{
    /// <summary>1,000 sample persons scored weekly from 2026-01-04 (5 runs, 10 % missing per run).</summary>
    private static readonly ScoreTable Table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 5 }))).Single();

    internal const string EntryOutput = """
        column 0: Entry          1,000  100.0 %
        column 1: 25 to 75         562  56.2 %
        column 1: Less than 25     225  22.5 %
        column 1: +1 more          213  21.3 %
        column 2: 25 to 75         114  11.4 %
        column 2: 75 or more        95   9.5 %
        column 2: +1 more           73   7.3 %
        column 2: Exit             718  71.8 %
        25 to 75 → 75 or more: 95
        25 to 75 → +1 more: 73
        25 to 75 → Exit: 394
        Less than 25 → 25 to 75: 61
        Less than 25 → Exit: 164
        +1 more → 25 to 75: 53
        +1 more → Exit: 160
        Entry → 25 to 75 → Exit: 394 (55 %)
        Entry → Less than 25 → Exit: 164 (23 %)
        Entry → 75 or more → Exit: 160 (22 %)
        """;

    internal const string EndsWithOutput = """
        308 persons reached High
        25 to 75          92  29.9 %
        Not scored        58  18.8 %
        Entry            158  51.3 %
        """;

    [Fact]
    public void Entry_flow()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: flow-entry
            // CJA's entry flow over the scoring runs: Entry, then each person's first and second bucket (repeats collapsed).
            var flow = BucketFlow.Compute(table, new BucketFlowOptions { Columns = 2, ItemsPerColumn = 2 });
            foreach (var node in flow.Nodes)
            {
                Console.WriteLine($"column {node.Column}: {node.Label,-14} {node.Count,5:N0}  {node.PctOfAnchor,6:P1}");
            }

            foreach (var link in flow.Links.Where(l => l.FromColumn == 1))
            {
                Console.WriteLine($"{link.From} → {link.To}: {link.Count:N0}");
            }

            // CJA's node details: the top paths into a node.
            var exit = flow.NodesIn(2).Single(n => n.Kind == FlowNodeKind.Exit);
            foreach (var path in flow.PathsTo(exit, top: 3))
            {
                Console.WriteLine($"{string.Join(" → ", path.Labels)}: {path.Count:N0} ({path.ShareOfNode:P0})");
            }
            // end-snippet
        });
        Assert.Equal(EntryOutput, output);
    }

    [Fact]
    public void Ends_with_flow()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: flow-ends-with
            // Who became High, and from where: the flow reads backwards from each person's last step into High; a run a
            // person was not scored in, between two that they were, is a "Not scored" step.
            var flow = BucketFlow.Compute(table, new BucketFlowOptions
            {
                Anchor = FlowAnchor.EndsWith("High"),
                Columns = 1,
                LimitToFirstLastOccurrence = true,
                IncludeNotScored = true,
            });
            Console.WriteLine($"{flow.AnchorCount:N0} persons reached High");
            foreach (var node in flow.NodesIn(-1))
            {
                Console.WriteLine($"{node.Label,-14} {node.Count,5:N0}  {node.PctOfAnchor,6:P1}");
            }
            // end-snippet
        });
        Assert.Equal(EndsWithOutput, output);
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(2, DocSnippets.AssertShownIn(ThisFile(), "docs/flows.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "flows.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(EntryOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains(EndsWithOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
