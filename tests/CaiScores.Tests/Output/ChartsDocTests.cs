using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;
using CaiScores.Trends;

namespace CaiScores.Tests.Output;

/// <summary>The sample of docs/charts.md, run.</summary>
public sealed class ChartsDocTests
{
    [Fact]
    public void The_documented_sample_writes_three_charts()
    {
        var folder = Directory.CreateTempSubdirectory("cai-charts-").FullName;
        try
        {
            var table = ScoreTable.FromScores(TableAssert.Sample(persons: 100, runs: 3)).Single();
            table = table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
                .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = p % 4 == 0 ? "gold" : "silver" }));

            // begin-snippet: charts
            var trend = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Run });
            File.WriteAllText(Path.Combine(folder, "trend.svg"), SvgCharts.Trend(trend));

            var byTier = ScoreTrend.Compute(table, new TrendOptions { Scheme = null, CohortAttribute = "tier" });
            File.WriteAllText(Path.Combine(folder, "tiers.svg"), SvgCharts.Trend(byTier, new ChartOptions { PercentStacked = true }));

            var buckets = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai });
            File.WriteAllText(Path.Combine(folder, "buckets.svg"), SvgCharts.Distribution(buckets, new ChartOptions { Propensity = PropensityKind.Churn }));
            // end-snippet

            Assert.All(new[] { "trend.svg", "tiers.svg", "buckets.svg" }, f => Assert.StartsWith("<svg ", File.ReadAllText(Path.Combine(folder, f)), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_page_shows_the_snippet_verbatim()
    {
        Assert.Equal(1, DocSnippets.AssertShownIn(ThisFile(), "docs/charts.md"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
