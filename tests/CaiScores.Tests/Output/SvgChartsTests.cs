using System.Globalization;
using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Histograms;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Snapshots;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Tests.Output;

public sealed class SvgChartsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly ScoreTable Table = SampleTable();

    [Fact]
    public void Cai_distribution()
    {
        var svg = SvgCharts.Distribution(ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai }));
        Snapshot.Verify(svg, "svg");
        var bars = Bars(svg);
        Assert.Equal(["#D55E00", "#E6C229", "#009E73"], bars.Select(b => (string)b.Attribute("fill")!));
        Assert.StartsWith("Low: ", bars[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Five_point_distribution_over_a_range_with_no_value()
    {
        var distribution = ScoreDistribution.Compute(Table, new ScoreDistributionOptions
        {
            Range = new CaiScores.Segments.DateRange(Table.Runs[0].ScoreDate, Table.Runs[^1].ScoreDate.AddDays(1)),
            IncludeNoValue = true,
        });
        var svg = SvgCharts.Distribution(distribution, new ChartOptions { Width = 900 });
        Snapshot.Verify(svg, "svg");
        Assert.True(distribution.Rows[^1] is { IsNoValue: true, Count: > 0 });
        Assert.Equal(distribution.Rows.Count(r => r.Count > 0), Bars(svg).Count);
        Assert.Equal(ChartPaletteNoValue, (string)Bars(svg)[^1].Attribute("fill")!);
        Assert.StartsWith("No value: ", Bars(svg)[^1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_of_scoring_events_per_person()
    {
        var svg = SvgCharts.Histogram(MetricHistogram.Compute(Table, new MetricHistogramOptions { BucketCount = 4 }));
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void Trend_by_bucket_stacked()
    {
        var svg = SvgCharts.Trend(ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run }));
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void Trend_by_tier_100_percent_stacked()
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Week, Scheme = null, CohortAttribute = "tier" });
        var svg = SvgCharts.Trend(trend, new ChartOptions { PercentStacked = true, Title = "Tiers per week" });
        Snapshot.Verify(svg, "svg");

        // Each bar's segments fill the plot height exactly (heights add up to the 100 % bar).
        var heights = Bars(svg).GroupBy(b => (string)b.Attribute("x")!).Select(g => g.Sum(b => double.Parse((string)b.Attribute("height")!, CultureInfo.InvariantCulture))).ToList();
        Assert.All(heights, h => Assert.Equal(heights[0], h, 0.05));
    }

    [Fact]
    public void Transition_matrix_as_a_heat_table()
    {
        var matrix = TransitionMatrix.Compute(Table, Table.Runs[0].ScoreDate, Table.Runs[1].ScoreDate);
        var svg = SvgCharts.Transitions(matrix);
        Snapshot.Verify(svg, "svg");

        // A cell per matrix cell plus the row totals, each showing its count; the darkest cell is the largest row share.
        var cells = Cells(svg);
        Assert.Equal(matrix.Rows.Sum(r => r.Cells.Count + 1), cells.Count);
        Assert.Equal($"Medium → High: {matrix["Medium", "High"].Count}", cells.Single(c => c.Value.StartsWith("Medium → High:", StringComparison.Ordinal)).Value.Split(" (")[0]);
        var darkest = matrix.Rows.SelectMany(r => r.Cells).MaxBy(c => c.RowShare)!;
        Assert.StartsWith($"{darkest.From.Label} → {darkest.To.Label}:", cells.OrderBy(c => Luminance((string)c.Attribute("fill")!)).First().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Cohort_table_as_a_heat_table()
    {
        var cohorts = CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Week });
        var svg = SvgCharts.Cohorts(cohorts);
        Snapshot.Verify(svg, "svg");
        var churn = SvgCharts.Cohorts(CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Week, Type = CohortType.Churn }));
        Assert.Contains("Churn by week cohort", churn, StringComparison.Ordinal);

        // Every non-empty retention cell of every row, and the average row, are drawn with their share.
        var texts = XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Average", texts);
        Assert.Equal(cohorts.Rows.Sum(r => r.Cells.Count + 1) + cohorts.Average.Count, Cells(svg).Count);
    }

    [Fact]
    public void Churn_flips_the_cai_colours()
    {
        var svg = SvgCharts.Distribution(ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai }), new ChartOptions { Propensity = PropensityKind.Churn });
        Assert.Equal(["#009E73", "#E6C229", "#D55E00"], Bars(svg).Select(b => (string)b.Attribute("fill")!));
    }

    [Fact]
    public void Strings_from_the_data_are_escaped()
    {
        const string Hostile = "<script>alert(1)</script> & \"quotes\" \u0001";
        var table = Table.WithAttributes(Enumerable.Range(0, Table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = Table.Persons[p], Name = "tier", Value = p % 2 == 0 ? Hostile : "gold" }));
        var svg = SvgCharts.Trend(ScoreTrend.Compute(table, new TrendOptions { Scheme = null, CohortAttribute = "tier" }), new ChartOptions { Title = "</svg><script>" });
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; \uFFFD", svg, StringComparison.Ordinal);
        var texts = XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("<script>alert(1)</script> & \"quotes\" \uFFFD", texts);
        Assert.Contains("</svg><script>", texts);
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run });
        var invariant = SvgCharts.Trend(trend);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, SvgCharts.Trend(trend));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Every_chart_is_well_formed_svg_with_a_title_and_a_size()
    {
        string[] charts =
        [
            SvgCharts.Distribution(ScoreDistribution.Compute(Table)),
            SvgCharts.Histogram(MetricHistogram.FromValues(ReadOnlySpan<long>.Empty)),
            SvgCharts.Trend(ScoreTrend.Compute(Table, new TrendOptions { CohortAttribute = "tier" })),
            SvgCharts.Trend(ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Month, Scheme = null })),
        ];
        foreach (var svg in charts)
        {
            var root = XDocument.Parse(svg).Root!;
            Assert.Equal(Svg + "svg", root.Name);
            Assert.True(int.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture) > 0);
            Assert.False(string.IsNullOrWhiteSpace(root.Element(Svg + "title")?.Value));
            Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bad_options_name_every_problem()
    {
        var e = Assert.Throws<ArgumentException>(() => SvgCharts.Trend(ScoreTrend.Compute(Table), new ChartOptions { Width = 100, Height = 10, Propensity = (PropensityKind)7 }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("Width 100", e.Message, StringComparison.Ordinal);
        Assert.Contains("Height 10", e.Message, StringComparison.Ordinal);
        Assert.Contains("Propensity 7", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Distribution(null!));
    }

    private const string ChartPaletteNoValue = "#A0A0A0";

    private static List<XElement> Cells(string svg) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "cells").Elements(Svg + "rect")];

    private static double Luminance(string color) =>
        (0.2126 * Convert.ToInt32(color[1..3], 16)) + (0.7152 * Convert.ToInt32(color[3..5], 16)) + (0.0722 * Convert.ToInt32(color[5..7], 16));

    private static List<XElement> Bars(string svg) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bars").Elements(Svg + "rect")];

    private static ScoreTable SampleTable()
    {
        // One row in 40 without a score, for the "No value" bars.
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 400, runs: 5).Select((r, i) => i % 40 == 0 ? r with { Score = null } : r)).Single();
        string[] tiers = ["bronze", "silver", "gold"];
        return table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = tiers[p % 3] }));
    }
}
