using System.Globalization;
using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Output;
using CaiScores.Tests.Columnar;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Tests.Output;

/// <summary>
/// Charts of many ordered buckets (CJA's 5-point scheme, 20 buckets) stay readable: a legend entry for every bucket, in a
/// colour of its own along an ordered ramp; labels are not crossed out by reference lines; movement across runs.
/// </summary>
public sealed class SvgChartsOrderedTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly ScoreTable Table = ScoreTable.FromScores(TableAssert.Sample(persons: 400, runs: 5)).Single();

    [Fact]
    public void A_trend_of_twenty_buckets_lists_every_bucket_in_the_legend_inside_the_chart_in_distinct_ordered_colours()
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run, Scheme = BucketScheme.Distribution5 });
        var options = new ChartOptions();
        var svg = XDocument.Parse(SvgCharts.Trend(trend, options));

        var legend = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend");
        var texts = legend.Elements(Svg + "text").ToList();
        Assert.Equal(20, texts.Count);
        Assert.Contains(texts, t => t.Value == "Less than 5");
        Assert.Contains(texts, t => t.Value == "5 to 10");
        Assert.All(texts, t => Assert.True(double.Parse((string)t.Attribute("y")!, CultureInfo.InvariantCulture) <= options.Height, $"{t.Value} is below the chart"));

        var colors = legend.Elements(Svg + "rect").Select(r => (string)r.Attribute("fill")!).ToList();
        Assert.Equal(20, colors.Distinct().Count());

        // Ordered: the legend lists the top of the stack (the highest bucket) first, and the ramp's lightness climbs with the bucket.
        var lightness = colors.AsEnumerable().Reverse().Select(Luminance).ToList();
        Assert.Equal(lightness.Order(), lightness);
    }

    [Theory]
    [InlineData(0, 5, "#440154")]
    [InlineData(4, 5, "#D8C81E")]
    [InlineData(2, 5, "#21918C")]
    [InlineData(1, 3, "#21918C")]
    [InlineData(0, 1, "#21918C")]
    public void The_ordered_ramp_runs_from_the_first_stop_to_the_last(int index, int count, string color) =>
        Assert.Equal(color, ChartPalette.Ordered(index, count));

    [Fact]
    public void The_ordered_ramp_interpolates_between_stops()
    {
        // Halfway between stop 0 (#440154) and stop 1 (#3B528B): 1/8 of the way along four segments.
        static int Mid(int a, int b) => (int)Math.Round(a + ((b - a) * 0.5));
        Assert.Equal($"#{Mid(0x44, 0x3B):X2}{Mid(0x01, 0x52):X2}{Mid(0x54, 0x8B):X2}", ChartPalette.Ordered(1, 9));
    }

    [Fact]
    public void The_lift_charts_labels_sit_on_a_halo_above_the_random_line()
    {
        var svg = XDocument.Parse(SvgCharts.Lift(SampleResults.Evaluation()));
        var groups = svg.Root!.Elements(Svg + "g").Select(g => (string?)g.Attribute("class")).ToList();
        Assert.True(groups.IndexOf("references") < groups.IndexOf("bar-labels"), "the random line is drawn over the bar labels");
        var labels = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bar-labels").Elements(Svg + "text").ToList();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.Equal("stroke", (string?)l.Attribute("paint-order")));
    }

    [Fact]
    public void Movement_stacks_up_down_entered_and_exited_per_pair_of_runs()
    {
        var series = TransitionSeries.Compute(Table);
        var svg = XDocument.Parse(SvgCharts.Movement(series));

        var bars = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "bars").Elements(Svg + "rect").Select(r => r.Value).ToList();
        var first = series.Matrices[0];
        var pair = $"{first.From:MM-dd}→{first.To:MM-dd}";
        Assert.Contains(bars, b => b.StartsWith($"{pair} · Moved up: {first.MovedUp.ToString("N0", CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
        Assert.Contains(bars, b => b.StartsWith($"{pair} · Exited: {first.Exits.ToString("N0", CultureInfo.InvariantCulture)} ", StringComparison.Ordinal));
        var axis = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "x-axis").Elements(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal(series.Matrices.Count + 1, axis.Count);
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Movement((TransitionSeries)null!));
    }

    private static double Luminance(string color) =>
        (0.2126 * Convert.ToInt32(color[1..3], 16)) + (0.7152 * Convert.ToInt32(color[3..5], 16)) + (0.0722 * Convert.ToInt32(color[5..7], 16));
}
