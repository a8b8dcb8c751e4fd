using System.Globalization;
using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Output;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output;

/// <summary><see cref="SvgCharts.Intersections"/>: the UpSet plot.</summary>
public sealed class SvgChartsIntersectionsTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void UpSet_plot_of_six_sets()
    {
        var intersections = SampleResults.Intersections();
        var svg = SvgCharts.Intersections(intersections, new ChartOptions { Width = 960 });
        Snapshot.Verify(svg, "svg");

        // A bar per region, largest first, as tall as its count; a row of dots per set, filled for the region's sets.
        var bars = Group(svg, "bars").Elements(Svg + "rect").ToList();
        Assert.Equal(intersections.Regions.Count, bars.Count);
        var pixelsPerPerson = Number(bars[0], "height") / intersections.Regions[0].Count;
        for (var i = 0; i < bars.Count; i++)
        {
            Assert.Equal(intersections.Regions[i].Count * pixelsPerPerson, Number(bars[i], "height"), 0.02);
            Assert.StartsWith($"{intersections.Regions[i].Label}: {intersections.Regions[i].Count} people", bars[i].Value, StringComparison.Ordinal);
        }

        var dots = Group(svg, "matrix").Elements(Svg + "circle").ToList();
        Assert.Equal(intersections.Regions.Count * intersections.Names.Count, dots.Count);
        for (var c = 0; c < intersections.Regions.Count; c++)
        {
            var filled = dots.Skip(c * intersections.Names.Count).Take(intersections.Names.Count).Select(d => (string)d.Attribute("fill")! == "#404040");
            Assert.Equal(Enumerable.Range(0, intersections.Names.Count).Select(s => (intersections.Regions[c].Members & (1 << s)) != 0), filled);
        }

        // Every set is named, with its size.
        var sets = Group(svg, "sets");
        Assert.Equal(intersections.Names, sets.Elements(Svg + "text").Where(t => (string?)t.Attribute("font-size") is null).Select(t => t.Value));
        Assert.Equal(intersections.Sets.Select(s => $"{s.Label}: {s.Count} people"), sets.Elements(Svg + "rect").Where(r => r.Element(Svg + "title") is not null).Select(r => r.Value));
    }

    [Fact]
    public void Columns_that_do_not_fit_are_counted_in_a_note()
    {
        var intersections = SampleResults.Intersections();
        var svg = SvgCharts.Intersections(intersections, new ChartOptions { Width = 400 });
        var shown = Group(svg, "bars").Elements(Svg + "rect").Count();
        Assert.InRange(shown, 1, intersections.Regions.Count - 1);
        var hidden = intersections.Regions.Skip(shown).ToList();
        Assert.Contains($"{hidden.Count} smaller intersections ({hidden.Sum(r => r.Count)} people) not shown", Group(svg, "notes").Value, StringComparison.Ordinal);
        var width = Number(XDocument.Parse(svg).Root!, "width");
        Assert.InRange(width, 400, 600); // as wide as asked, or as its title
        Assert.True(Group(svg, "bars").Elements(Svg + "rect").All(b => Number(b, "x") + Number(b, "width") <= width));
    }

    [Fact]
    public void Empty_sets_say_so()
    {
        var table = SampleResults.Table;
        var nobody = SetIntersections.Compute(table, [new OverlapSet("<none>", Segment.AttributeEquals("tier", "platinum")), new OverlapSet("none either", Segment.AttributeEquals("tier", "iron"))]);
        var svg = SvgCharts.Intersections(nobody);
        SvgChartsOutcomesTests.AssertWellFormed(svg);
        Assert.Equal("No person is in any of the sets", Group(svg, "message").Value);
        Assert.DoesNotContain("<none>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_set_name_shows_as_text()
    {
        const string Hostile = "<script>alert(1)</script>";
        var run = SampleResults.FirstRun;
        var svg = SvgCharts.Intersections(SetIntersections.Compute(SampleResults.Table, [new OverlapSet(Hostile, Segment.InBucket(BucketScheme.Cai, "High", run)), new OverlapSet("Medium", Segment.InBucket(BucketScheme.Cai, ["Medium", "High"], run))]));
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains(Hostile, Group(svg, "sets").Elements(Svg + "text").Select(t => t.Value));
        Assert.Contains(Group(svg, "bars").Elements(Svg + "rect"), b => b.Value.StartsWith($"{Hostile} ∩ Medium only: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var intersections = SampleResults.Intersections();
        var invariant = SvgCharts.Intersections(intersections);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, SvgCharts.Intersections(intersections));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        SvgChartsOutcomesTests.AssertWellFormed(invariant);
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Intersections(null!));
    }

    private static XElement Group(string svg, string name) =>
        XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == name);

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
