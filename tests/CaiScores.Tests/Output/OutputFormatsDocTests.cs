using System.Text;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Output;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;
using CaiScores.Transitions;

namespace CaiScores.Tests.Output;

/// <summary>The samples of docs/output-formats.md, run, and its list of tables checked against the code.</summary>
public sealed class OutputFormatsDocTests
{
    private const string Page = "docs/output-formats.md";

    [Fact]
    public void The_documented_sample_writes_every_table_in_three_formats()
    {
        var folder = Directory.CreateTempSubdirectory("cai-formats-").FullName;
        try
        {
            var table = ScoreTable.FromScores(TableAssert.Sample(persons: 100, runs: 3)).Single();

            // begin-snippet: formats-files
            var matrix = TransitionMatrix.Compute(table, table.Runs[0].ScoreDate, table.Runs[1].ScoreDate);
            foreach (var part in ResultTables.Of(matrix))
            {
                File.WriteAllText(Path.Combine(folder, part.Name + ".csv"), CaiCsv.ToCsv(part));
                File.WriteAllText(Path.Combine(folder, part.Name + ".html"), CaiHtml.Table(part));
                using var arrow = File.Create(Path.Combine(folder, part.Name + ".arrows"));
                CaiArrow.WriteStream(part, arrow);
            }
            // end-snippet

            Assert.Equal(9, Directory.GetFiles(folder).Length);
            Assert.StartsWith("fromRun,toRun,from,fromKind,to,toKind,count,rowShare,columnShare\r\n", File.ReadAllText(Path.Combine(folder, "transitions.csv")), StringComparison.Ordinal);

            var printed = DocSnippets.Capture(() =>
            {
                // begin-snippet: formats-columns
                var buckets = ResultTables.Of(ScoreDistribution.Compute(table, BucketScheme.Cai))[0];
                for (var row = 0; row < buckets.RowCount; row++)
                {
                    Console.WriteLine($"{buckets["bucket"].GetString(row)}: {buckets["count"].GetInt64(row)} ({buckets["share"].GetDouble(row):P1})");
                }
                // end-snippet
            });
            Assert.Contains(printed, File.ReadAllText(Path.Combine(DocSnippets.Root(), Page)).Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);

            // begin-snippet: formats-spreadsheet
            var forExcel = CaiCsv.ToCsv(ResultTables.Of(matrix)[0], new CsvOptions { EscapeFormulas = true });
            // end-snippet
            Assert.StartsWith("fromRun,toRun,", forExcel, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_page_shows_the_snippets_verbatim()
    {
        Assert.Equal(3, DocSnippets.AssertShownIn(ThisFile(), Page));
    }

    [Fact]
    public void The_page_lists_every_table_and_its_columns()
    {
        var expected = TableList();
        var text = File.ReadAllText(Path.Combine(DocSnippets.Root(), Page)).Replace("\r\n", "\n", StringComparison.Ordinal);
        const string Begin = "<!-- tables:begin -->\n";
        const string End = "<!-- tables:end -->";
        var start = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        var actual = start < 0 || end < start ? string.Empty : text[(start + Begin.Length)..end];
        if (actual != expected)
        {
            var proposal = Path.Combine(Path.GetTempPath(), "output-formats.tables.md");
            File.WriteAllText(proposal, expected);
            Assert.Fail($"{Page} does not list the tables as the code makes them; the list it should hold between the markers is in {proposal}.");
        }
    }

    /// <summary>The Markdown list of every result's tables: name, rows, and each column with its kind and description.</summary>
    private static string TableList()
    {
        var text = new StringBuilder();
        var seen = new HashSet<Type>();
        foreach (var (_, result) in SampleResults.All())
        {
            if (!seen.Add(result.GetType()))
            {
                continue;
            }

            text.Append("\n### `").Append(result.GetType().Name).Append("`\n");
            foreach (var table in ResultTables.OfAny(result))
            {
                text.Append("\n**`").Append(table.Name).Append("`**\n\n| column | kind | meaning |\n|---|---|---|\n");
                foreach (var column in table.Columns)
                {
                    var kind = column.IsShare ? "share" : column.Kind.ToString().ToLowerInvariant();
                    text.Append("| `").Append(column.Name).Append("` | ").Append(kind).Append(" | ").Append(column.Description?.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
                }
            }
        }

        return text.Append('\n').ToString();
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
