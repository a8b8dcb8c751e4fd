using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;
using CaiScores.Transitions;

namespace CaiScores.Tests.Transitions;

/// <summary>
/// The samples of docs/transitions.md are this compiled code: each test runs its snippet and checks what it printed, and
/// <see cref="The_page_shows_the_snippets_and_their_output_verbatim"/> fails when the page drifts from them.
/// </summary>
public sealed class TransitionDocsTests
{
    /// <summary>1,000 sample persons scored weekly from 2026-01-04 (5 runs).</summary>
    private static readonly ScoreTable Table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 5 }))).Single();

    internal const string MatrixOutput = """
                     Low  Medium    High    Exit   Total
        Low          158      23       0      29     210
        Medium        15     400      29      53     497
        High           0      23     147      18     188
        Entry         15      61      22       0      98
        Medium → High: 29 persons, 5.8 % of Medium
        705 stayed, 52 moved up, 38 moved down, 98 entries, 100 exits
        """;

    internal const string SeriesOutput = """
        01-04 → 01-11: up  52, down  38, entries  98, exits 100
        01-11 → 01-18: up  44, down  40, entries  94, exits  96
        01-18 → 01-25: up  40, down  54, entries 103, exits  92
        01-25 → 02-01: up  48, down  36, entries  92, exits 109
        """;

    internal const string SegmentOutput = """
        61 persons went from Medium on 2026-01-04 to High on 2026-02-01, e.g. 45212958183373010531468751830938286601
        their scores on 02-01: 75 to 80: 23, 80 to 85: 20, 85 to 90: 11, 90 to 95: 7
        """;

    [Fact]
    public void A_matrix_between_two_runs()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: transition-matrix
            // From the first run to the second: rows are where persons were, columns where they went.
            var matrix = TransitionMatrix.Compute(table, new DateOnly(2026, 1, 4), new DateOnly(2026, 1, 11));
            Console.WriteLine($"{"",-8}{string.Join("", matrix.Columns.Select(c => $"{c.To.Label,8}"))}{"Total",8}");
            foreach (var row in matrix.Rows)
            {
                Console.WriteLine($"{row.From.Label,-8}{string.Join("", row.Cells.Select(c => $"{c.Count,8:N0}"))}{row.Total,8:N0}");
            }

            Console.WriteLine($"Medium → High: {matrix["Medium", "High"].Count} persons, {matrix["Medium", "High"].RowShare:P1} of Medium");
            Console.WriteLine($"{matrix.Stayed:N0} stayed, {matrix.MovedUp:N0} moved up, {matrix.MovedDown:N0} moved down, {matrix.Entries:N0} entries, {matrix.Exits:N0} exits");
            // end-snippet
        });
        Assert.Equal(MatrixOutput, output);
    }

    [Fact]
    public void Every_consecutive_pair()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: transition-series
            // Every consecutive pair of runs in one pass over the persons (each run is read once).
            var series = TransitionSeries.Compute(table);
            foreach (var m in series.Matrices)
            {
                Console.WriteLine($"{m.From:MM-dd} → {m.To:MM-dd}: up {m.MovedUp,3}, down {m.MovedDown,3}, entries {m.Entries,3}, exits {m.Exits,3}");
            }
            // end-snippet
        });
        Assert.Equal(SeriesOutput, output);
    }

    [Fact]
    public void Who_went_from_medium_to_high()
    {
        var table = Table;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: transition-segment
            // The persons behind a cell, as a set or as a segment for any other analysis.
            var (first, last) = (table.Runs[0].ScoreDate, table.Runs[^1].ScoreDate);
            var matrix = TransitionMatrix.Compute(table, first, last, new TransitionOptions { IncludeNoValue = true });
            var risers = matrix.GetPersons(table, "Medium", "High");
            Console.WriteLine($"{risers.Count} persons went from Medium on {first:yyyy-MM-dd} to High on {last:yyyy-MM-dd}, e.g. {string.Join(" ", risers.GetIds(table).Take(1))}");
            var theirScores = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Run = last, Segment = matrix.ToSegment(table, "Medium", "High") });
            Console.WriteLine($"their scores on {last:MM-dd}: {string.Join(", ", theirScores.Rows.Where(r => r.Count > 0).Select(r => $"{r.Bucket.Label}: {r.Count}"))}");
            // end-snippet
        });
        Assert.Equal(SegmentOutput, output);
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(3, DocSnippets.AssertShownIn(ThisFile(), "docs/transitions.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "transitions.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(MatrixOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains(SeriesOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        Assert.Contains(SegmentOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
