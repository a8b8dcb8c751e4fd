using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;
using CaiScores.Transitions;

namespace CaiScores.Tests.Audiences;

/// <summary>docs/audiences.md's samples are this compiled code; <see cref="The_page_shows_the_snippets_verbatim"/> fails when the page drifts.</summary>
public sealed class AudienceDocsTests
{
    private static readonly ScoreTable SampleTable = ScoreTable.FromScores(TableAssert.Sample(persons: 2000, runs: 2)).Single();

    [Fact]
    public void One_line()
    {
        var table = SampleTable;
        var folder = Directory.CreateTempSubdirectory("cai-audience-doc-").FullName;
        var path = Path.Combine(folder, "top10.csv");
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: audience-one-line
            // The top 10 % of the latest run, as a file for AEP's Audience Portal (Import audience).
            Audience audience = AudienceExport.WriteCsv(table, TopPercent.Select(table, 10).ToSegment(), path);
            Console.WriteLine(audience);
            // end-snippet
        });
        Assert.StartsWith("audience 'a set of ", output, StringComparison.Ordinal);
        Assert.Equal("ECID", File.ReadLines(path).First());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Any_segment()
    {
        var table = SampleTable;
        var folder = Directory.CreateTempSubdirectory("cai-audience-doc-").FullName;
        var (first, last) = (table.Runs[0].ScoreDate, table.Runs[^1].ScoreDate);
        DocSnippets.Capture(() =>
        {
            // begin-snippet: audience-segments
            // Persons who rose from Medium to High between the two runs, with their new score and bucket.
            var risers = TransitionMatrix.Compute(table, first, last).ToSegment(table, "Medium", "High");
            AudienceExport.WriteCsv(table, risers, Path.Combine(folder, "risers.csv"), new AudienceOptions
            {
                Name = "Medium to High",
                Columns = AudienceColumns.Score | AudienceColumns.Bucket,
            });

            // A condition: likely to convert, and not scored in the first run (new this week).
            var newcomers = Segment.ValueInRange(ScoreField.Probability, 0.6, run: last) & !Segment.PresentIn(first);
            var described = AudienceExport.Describe(table, newcomers);
            Console.WriteLine($"{described.Count:N0} newcomers; High: {described.Buckets[^1].Persons:N0}");

            // Ids from several namespaces: one file per namespace (name.ECID.csv, name.Email.csv, …).
            AudienceExport.WriteCsvFiles(table, newcomers, folder, new AudienceOptions { Name = "newcomers" });
            // end-snippet
        });
        var header = File.ReadLines(Path.Combine(folder, "risers.csv")).First();
        Assert.Equal("ECID,score,bucket", header);
        Assert.True(File.Exists(Path.Combine(folder, "newcomers.ECID.csv")));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void The_page_shows_the_snippets_verbatim() => Assert.Equal(2, DocSnippets.AssertShownIn(ThisFile(), "docs/audiences.md"));

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
