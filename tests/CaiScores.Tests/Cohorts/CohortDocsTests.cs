using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Cohorts;

/// <summary>The samples of docs/cohorts.md, run and checked: the page shows these snippets and this output verbatim.</summary>
public sealed class CohortDocsTests
{
    /// <summary>1,000 sample persons scored weekly from 2026-01-04 (8 runs, 10 % missing from each), a loyalty tier for everyone.</summary>
    private static readonly ScoreTable Table = SampleTable();

    internal const string WeeklyOutput = """
        2026-01-04    895  88.8 % 88.7 % 90.5 % 88.7 % 88.6 % 90.8 % 89.9 %
        2026-01-11    893  89.2 % 90.4 % 89.0 % 88.5 % 90.6 % 90.3 %
        2026-01-18    891  89.7 % 89.3 % 88.8 % 90.5 % 90.3 %
        2026-01-25    902  87.9 % 89.0 % 90.2 % 89.7 %
        2026-02-01    885  88.6 % 90.6 % 89.9 %
        2026-02-08    885  91.3 % 90.3 %
        2026-02-15    905  90.2 %
        2026-02-22    899
        Average            89.4 % 89.7 % 89.7 % 89.3 % 89.8 % 90.5 % 89.9 %
        """;

    [Fact]
    public void Weekly_retention()
    {
        var table = Table;
        CohortTable? shown = null;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: cohort-weekly
            // Weekly retention: people with a score row in a week, and the share of them scored again 1, 2, … weeks later.
            var cohorts = CohortTable.Compute(table, new CohortOptions { Granularity = CohortGranularity.Week });
            foreach (var row in cohorts.Rows)
            {
                var cells = string.Join(" ", row.Cells.Select(c => $"{c.Share,6:P1}"));
                Console.WriteLine($"{row.Label}  {row.Included,5:N0}  {cells}".TrimEnd());
            }

            Console.WriteLine($"Average            {string.Join(" ", cohorts.Average.Select(a => $"{a.Share,6:P1}"))}");
            // end-snippet
            shown = cohorts;
        });
        Assert.Equal(WeeklyOutput, output);
        var result = shown!;
        Assert.Equal(8, result.Rows.Count);
        Assert.Equal(7, result.Average.Count);
        Assert.All(result.Rows, r => Assert.InRange(r.Included, 850, 950));
    }

    [Fact]
    public void Criteria_rolling_churn_and_splits()
    {
        var table = Table;
        // begin-snippet: cohort-criteria
        // Of the people High in a week, the share still High every week since (rolling), by loyalty tier.
        var stayHigh = CohortTable.Compute(table, new CohortOptions
        {
            Granularity = CohortGranularity.Week,
            Inclusion = Segment.InBucket(BucketScheme.Cai, "High"),
            Return = Segment.InBucket(BucketScheme.Cai, "High"),
            Rolling = true,
            SplitByAttribute = "tier",
        });

        // Churn by the CAI bucket people were in when they joined the cohort (CJA's cohort dimension).
        var churnByBucket = CohortTable.Compute(table, new CohortOptions
        {
            Granularity = CohortGranularity.Month,
            Type = CohortType.Churn,
            SplitByBucket = BucketScheme.Cai,
        });
        // end-snippet
        Assert.Equal(["bronze", "silver", "gold"], stayHigh.Items);
        Assert.Equal(3 * 8, stayHigh.Rows.Count);
        Assert.All(stayHigh.Rows, r => Assert.True(r.Cells.Zip(r.Cells.Skip(1)).All(x => x.Second.Count <= x.First.Count)));
        Assert.Equal(2, churnByBucket.Periods.Count); // January and February 2026
        Assert.Equal(3, churnByBucket.Items.Count);
        Assert.All(churnByBucket.Rows.Where(r => r.Period == 0), r => Assert.InRange(r.Cells.Single().Share!.Value, 0, 0.5));
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(2, DocSnippets.AssertShownIn(ThisFile(), "docs/cohorts.md", "cohort-"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs/cohorts.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains(WeeklyOutput.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static ScoreTable SampleTable()
    {
        var table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 8 }))).Single();
        string[] tiers = ["bronze", "bronze", "silver", "gold"];
        return table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = tiers[p % 4] }));
    }
}
