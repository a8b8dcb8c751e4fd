using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Samples;
using CaiScores.Segments;
using CaiScores.Trends;

namespace CaiScores.Tests.Docs;

/// <summary>The samples of docs/trends.md and docs/segments.md, run and checked.</summary>
public sealed class TrendsDocTests
{
    private static readonly ScoreTable Table = LoadTable();

    [Fact]
    public void Weekly_trend_by_bucket()
    {
        var table = Table;
        ScoreTrend? shown = null;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: trend-by-bucket
            // People per week and CAI bucket (Low / Medium / High), as CJA's stacked bar of "score bucket" trended by week.
            var trend = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Week });
            foreach (var row in trend.Rows)
            {
                Console.WriteLine($"{row.PeriodLabel} {row.Series,-6} {row.People,6:N0} people  {row.ShareOfPeriod,6:P1}  mean score {row.MeanScore:F1}");
            }
            // end-snippet
            shown = trend;
        });
        var result = shown!;
        Assert.Equal(3 * result.Periods.Count, result.Rows.Count);
        Assert.Equal(result.Rows.Count, output.Split('\n').Length);
        Assert.Equal(["Low", "Medium", "High"], result.Series.Select(s => s.Label));
    }

    [Fact]
    public void Cohorts_over_runs()
    {
        var table = Table;
        // begin-snippet: trend-by-cohort
        // Bronze vs silver vs gold: mean propensity of each tier per scoring run, High-bucket people within the gold tier.
        var tiers = ScoreTrend.Compute(table, new TrendOptions
        {
            Granularity = TrendGranularity.Run,
            Scheme = null,                 // no bucket split: one series per tier
            CohortAttribute = "tier",
            Percentiles = [50],            // the median too
        });
        var goldHigh = ScoreTrend.Compute(table, new TrendOptions
        {
            Granularity = TrendGranularity.Run,
            Segment = Segment.AttributeEquals("tier", "gold"),
        });
        // end-snippet
        Assert.Equal(["bronze", "gold", "silver"], tiers.Series.Select(s => s.Label));
        Assert.All(tiers.Rows, r => Assert.Single(r.ScorePercentiles));
        var gold = tiers.Rows.Where(r => r.Series == "gold").ToList();
        // The tier series counts gold members without a score too; the bucketed trend leaves "No value" out.
        Assert.All(gold.Zip(goldHigh.Periods), x => Assert.InRange(x.Second.People, 1, x.First.People));
        Assert.True(gold.All(r => r.People > 0));
    }

    [Fact]
    public void Segments_compose()
    {
        var table = Table;
        var runs = table.Runs;
        (Segment, PersonSet, IReadOnlyList<string>)? shown = null;
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: segments
            // "Went from Low to High": Low in the first run and High in the last, among gold or silver members.
            var first = runs[0].ScoreDate;
            var last = runs[^1].ScoreDate;
            var movers = Segment.InBucket(BucketScheme.Cai, "Low", first)
                       & Segment.InBucket(BucketScheme.Cai, "High", last)
                       & Segment.AttributeIn("tier", ["gold", "silver"]);
            PersonSet set = movers.Evaluate(table);
            Console.WriteLine($"{set.Count} people: {movers}");
            IReadOnlyList<string> ids = set.GetIds(table);   // person ids, e.g. for an activation list
            // end-snippet
            shown = (movers, set, ids);
        });
        var (segment, people, personIds) = shown!.Value;
        Assert.Equal($"{people.Count} people: {segment}", output);
        Assert.Equal(people.Count, personIds.Count);
        Assert.Equal("score bucket is Low in run 2026-01-04 and score bucket is High in run 2026-02-08 and tier in ('gold', 'silver') in any run", segment.ToString());
        Assert.All(people.ToIndexes(), p => Assert.True(runs[0].GetScore(p) < 25 && runs[^1].GetScore(p) >= 75));
    }

    [Fact]
    public void Pages_show_the_snippets_verbatim()
    {
        Assert.Equal(2, DocSnippets.AssertShownIn(ThisFile(), "docs/trends.md", "trend-"));
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "docs/segments.md", "segments"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static ScoreTable LoadTable()
    {
        var scores = Columnar.TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 400, Runs = 6 })).ToList();
        var table = ScoreTable.FromScores(scores).Single();
        string[] tiers = ["bronze", "bronze", "silver", "gold"];
        return table.WithAttributes(Enumerable.Range(0, table.Persons.Count).Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = tiers[p % 4] }));
    }
}
