using System.Globalization;
using CaiScores.Columnar;
using CaiScores.ReasonCodes;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Serialization;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.ReasonCodes;

/// <summary>
/// The sample in docs/reason-codes.md is this compiled code, and the output shown there is what it prints: the test fails
/// when either drifts.
/// </summary>
public sealed class ReasonCodeDocsTests
{
    [Fact]
    public void The_documented_sample_runs_and_prints_what_the_page_shows()
    {
        var folder = Directory.CreateTempSubdirectory("cai-reason-codes-").FullName;
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CaiJsonWriter.WriteJsonLines(Path.Combine(folder, "part-00000.jsonl"), CaiSampleData.Generate(new CaiSampleOptions { Persons = 2_000, Runs = 5 }));
            PersonAttributeRecord[] tiers = [.. Enumerable.Range(0, 2_000).Select(p => new PersonAttributeRecord { PersonId = CaiSampleData.Ecid(p), Name = "tier", Value = p % 4 == 0 ? "gold" : "silver" })];
            using var output = new StringWriter(CultureInfo.InvariantCulture); // Console.Out on the page; not captured, as tests run in parallel
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

            // begin-snippet: reason-codes
            var table = ScoreTable.LoadJson(folder).Single();

            // CJA's freeform table: CAI score buckets of the latest run × the top 5 influential factor codes, People.
            var reasons = ReasonCodeTable.Compute(table);
            foreach (var row in reasons.Rows)
            {
                output.WriteLine($"{row.Bucket.Label}: {row.People:N0} ({row.ShareOfGrandTotal:P1} of {reasons.GrandTotal:N0}), {row.TableTotal:N0} with factors");
                foreach (var factor in row.Factors.Take(2))
                {
                    output.WriteLine($"  {factor.Label}: {factor.People:N0} ({factor.ShareOfTableTotal:P1}, coverage {factor.CoverageOfBucket:P1})");
                }
            }

            // The CAI insight cards: the top 10 factors per bucket, with the values behind each one.
            var cards = ReasonCodeTable.ForInsightCards(table);
            var first = cards.GetRow("High").Factors[0];
            output.WriteLine($"High, {first.Label}: {string.Join(", ", first.Values.Take(3).Select(v => $"{v.Label} ({v.People})"))}");

            // Gold-tier persons over January, every run counted (a person counts in each bucket they reached).
            var gold = ReasonCodeTable.Compute(table.WithAttributes(tiers), new ReasonCodeOptions
            {
                Range = new DateRange(new DateOnly(2026, 1, 1), new DateOnly(2026, 2, 1)),
                Segment = Segment.AttributeEquals("tier", "gold"),
                TopN = 3,
            });
            output.WriteLine($"gold in January: {gold.GrandTotal:N0} people, {gold.Rows.Sum(r => r.People):N0} bucket memberships");
            // end-snippet

            var printed = output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal).TrimEnd();
            Assert.Contains("```text\n" + printed + "\n```", Page(), StringComparison.Ordinal);
            Assert.Equal(11, printed.Split('\n').Length);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_page_shows_the_snippet_verbatim()
    {
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "docs/reason-codes.md"));
    }

    private static string Page() =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", "..", "docs", "reason-codes.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

}
