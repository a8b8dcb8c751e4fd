using System.Globalization;
using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Output;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output;

/// <summary><see cref="SvgCharts.Venn"/>: area-proportional Venn diagrams of 1 to 3 sets.</summary>
public sealed class SvgChartsVennTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Three_sets_of_the_sample()
    {
        var venn = SampleResults.Venn();
        var svg = SvgCharts.Venn(venn);
        AssertAreasAreProportional(venn, svg);
        // Three pairwise overlaps cannot always be met at once; the sample's can, and are drawn within 0.5 % of the smaller circle.
        AssertOverlapsAreProportional(venn, svg, tolerance: 0.005);
        AssertEveryRegionIsCounted(venn, svg);
        AssertNonEmptyRegionsAreLabelledInTheDiagram(venn, svg);
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void Two_sets_of_the_sample()
    {
        var venn = CaiScores.Overlaps.Venn.Compute(SampleResults.Table, SampleResults.HighIn(0, 5));
        var svg = SvgCharts.Venn(venn);
        AssertAreasAreProportional(venn, svg);
        AssertOverlapsAreProportional(venn, svg, tolerance: 0.005);
        AssertEveryRegionIsCounted(venn, svg);
        AssertNonEmptyRegionsAreLabelledInTheDiagram(venn, svg);
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void One_set_is_one_circle()
    {
        var venn = Of(("Everyone scored", Range(0, 300)));
        var svg = SvgCharts.Venn(venn);
        Assert.Single(Circles(svg));
        AssertEveryRegionIsCounted(venn, svg);
        AssertNonEmptyRegionsAreLabelledInTheDiagram(venn, svg);
        Assert.Contains("People in one set and their overlaps", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_set_inside_another_is_drawn_inside_it()
    {
        var venn = Of(("All", Range(0, 200)), ("Some", Range(50, 100)));
        var svg = SvgCharts.Venn(venn);
        AssertAreasAreProportional(venn, svg);
        AssertOverlapsAreProportional(venn, svg, tolerance: 0.005);
        var (outer, inner) = (Circles(svg)[0], Circles(svg)[1]);
        Assert.True(Distance(outer, inner) + inner.R <= outer.R + 0.01, "The subset's circle leaves its superset's");
        AssertNonEmptyRegionsAreLabelledInTheDiagram(venn, svg);
    }

    [Fact]
    public void A_third_circle_that_cannot_meet_both_overlaps_misses_them_least()
    {
        // C holds A and B, which are disjoint: no three circles show that, so C's overlaps can only be approximate.
        var venn = Of(("A", Range(0, 60)), ("B", Range(60, 120)), ("C", Range(0, 150)));
        var svg = SvgCharts.Venn(venn);
        AssertAreasAreProportional(venn, svg);
        var c = Circles(svg);
        var unit = Math.PI * c[2].R * c[2].R / 150;
        var placed = c.Select(p => (p.X, p.Y, p.R)).ToArray();
        var miss = VennDiagram.OverlapMiss(placed, c[2].X, c[2].Y, 60 * unit, 60 * unit);

        // A local optimum (up to the drawing's rounding): moving C one pixel any way misses more.
        for (var k = 0; k < 8; k++)
        {
            var (dx, dy) = (Math.Cos(k * Math.PI / 4), Math.Sin(k * Math.PI / 4));
            Assert.True(VennDiagram.OverlapMiss(placed, c[2].X + dx, c[2].Y + dy, 60 * unit, 60 * unit) >= miss - 1e-4, $"Moving C by ({dx:F2}, {dy:F2}) misses less");
        }

        // Symmetric sets, a symmetric compromise: C as close to A as to B, each lens most of A.
        Assert.Equal(Distance(c[0], c[2]), Distance(c[1], c[2]), 0.5);
        Assert.True(VennDiagram.LensArea(c[0].R, c[2].R, Distance(c[0], c[2])) > 0.75 * 60 * unit);
        AssertEveryRegionIsCounted(venn, svg);
    }

    [Fact]
    public void Disjoint_sets_are_drawn_apart()
    {
        var venn = Of(("Left", Range(0, 100)), ("Right", Range(100, 160)), ("Far", Range(200, 240)));
        var svg = SvgCharts.Venn(venn);
        AssertAreasAreProportional(venn, svg);
        var circles = Circles(svg);
        for (var i = 0; i < 3; i++)
        {
            for (var j = i + 1; j < 3; j++)
            {
                Assert.True(Distance(circles[i], circles[j]) > circles[i].R + circles[j].R, $"Circles {i} and {j} touch");
            }
        }

        AssertNonEmptyRegionsAreLabelledInTheDiagram(venn, svg);
    }

    [Fact]
    public void Equal_sets_are_one_circle_over_another()
    {
        var venn = Of(("A", Range(10, 90)), ("B", Range(10, 90)), ("C", Range(10, 90)));
        var svg = SvgCharts.Venn(venn);
        var circles = Circles(svg);
        Assert.Equal(3, circles.Count);
        Assert.All(circles, c => Assert.Equal((circles[0].X, circles[0].Y, circles[0].R), (c.X, c.Y, c.R)));
        var labels = Group(svg, "region-labels");
        Assert.Equal("80", TextOf(Assert.Single(labels)));
        AssertEveryRegionIsCounted(venn, svg);
    }

    [Fact]
    public void An_empty_set_is_listed_but_not_drawn()
    {
        var venn = Of(("Some", Range(0, 120)), ("None", []), ("Others", Range(100, 180)));
        var svg = SvgCharts.Venn(venn);
        Assert.Equal(2, Circles(svg).Count);
        AssertAreasAreProportional(venn, svg);
        AssertOverlapsAreProportional(venn, svg, tolerance: 0.005);
        Assert.Contains("0 people (empty)", Texts(svg));
        AssertEveryRegionIsCounted(venn, svg);

        var nothing = SvgCharts.Venn(Of(("None", []), ("Nobody", [])));
        Assert.Empty(Circles(nothing));
        Assert.Contains("No person is in any set", Texts(nothing));
        Assert.DoesNotContain("NaN", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_from_the_data_are_escaped()
    {
        const string Hostile = "<script>alert(1)</script>";
        var venn = Of((Hostile, Range(0, 50)), ("\"quoted\" & 'single'", Range(25, 75)));
        var svg = SvgCharts.Venn(venn, new ChartOptions { Title = "</svg>" });
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains(Hostile, Texts(svg));
        Assert.Contains("\"quoted\" & 'single'", Texts(svg));
        Assert.Contains(Circles(svg), c => c.Tooltip.StartsWith($"A: {Hostile}: 50 people", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var venn = SampleResults.Venn();
        var invariant = SvgCharts.Venn(venn);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, SvgCharts.Venn(venn));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void The_documented_sample_draws_a_venn()
    {
        var table = SampleResults.Table;
        var folder = Directory.CreateTempSubdirectory("cai-venn-").FullName;
        try
        {
            // begin-snippet: charts-venn
            var first = table.Runs[0].ScoreDate;
            var last = table.Runs[^1].ScoreDate;
            var venn = Venn.Compute(table,
            [
                new OverlapSet("High in the first run", Segment.InBucket(BucketScheme.Cai, "High", first)),
                new OverlapSet("High in the last run", Segment.InBucket(BucketScheme.Cai, "High", last)),
            ]);
            File.WriteAllText(Path.Combine(folder, "venn.svg"), SvgCharts.Venn(venn));
            // end-snippet

            Assert.Equal(2, XDocument.Load(Path.Combine(folder, "venn.svg")).Descendants(Svg + "circle").Count());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(1, Docs.DocSnippets.AssertShownIn(ThisFile(), "docs/charts.md", "charts-venn"));
    }

    [Fact]
    public void A_small_chart_keeps_every_circle_inside_it()
    {
        var venn = SampleResults.Venn();
        var svg = SvgCharts.Venn(venn, new ChartOptions { Width = 240, Height = 160 });
        var root = XDocument.Parse(svg).Root!;
        var (width, height) = (Number(root, "width"), Number(root, "height"));
        var panel = Group(svg, "legend").Min(e => e.Attribute("x") is null ? double.MaxValue : Number(e, "x"));
        Assert.All(Circles(svg), c =>
        {
            Assert.True(c.R > 50, $"Circle of radius {c.R}");
            Assert.True(c.X - c.R >= 0 && c.X + c.R <= panel && c.Y - c.R >= 30 && c.Y + c.R <= height, $"Circle {c} outside the diagram's {width} × {height} area left of {panel}");
        });
        AssertOverlapsAreProportional(venn, svg, tolerance: 0.005);
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Venn(null!));
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => SvgCharts.Venn(SampleResults.Venn(), new ChartOptions { Height = 1 })).ParamName);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(1.0, 1.0, 1.0)]
    [InlineData(1.0, 0.5, 0.9)]
    [InlineData(2.0, 0.7, 1.5)]
    [InlineData(1.0, 0.3, 0.5)]
    [InlineData(1.0, 1.0, 2.5)]
    public void Lens_area_matches_a_numeric_integration(double r1, double r2, double d)
    {
        // Midpoint rule over a fine grid of the smaller circle's bounding square.
        const int n = 1500;
        var small = Math.Min(r1, r2);
        var (cx, cy) = r1 <= r2 ? (0.0, 0.0) : (d, 0.0);
        var cell = 2 * small / n;
        var inside = 0L;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var x = cx - small + ((i + 0.5) * cell);
                var y = cy - small + ((j + 0.5) * cell);
                if ((x * x) + (y * y) < r1 * r1 && ((x - d) * (x - d)) + (y * y) < r2 * r2)
                {
                    inside++;
                }
            }
        }

        Assert.Equal(inside * cell * cell, VennDiagram.LensArea(r1, r2, d), 0.002 * Math.PI * small * small);
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.5)]
    [InlineData(1.0, 0.4, 0.1)]
    [InlineData(0.8, 0.6, 1.0)]
    public void The_distance_found_gives_the_overlap_asked_for(double r1, double r2, double share)
    {
        var area = share * Math.PI * Math.Min(r1, r2) * Math.Min(r1, r2);
        var d = VennDiagram.DistanceForOverlap(r1, r2, area);
        Assert.Equal(area, VennDiagram.LensArea(r1, r2, d), 1e-9);
        Assert.True(VennDiagram.DistanceForOverlap(r1, r2, 0) > r1 + r2);
    }

    [Fact]
    public void The_third_circle_is_at_its_two_distances_or_the_best_compromise()
    {
        var (x, y) = VennDiagram.PlaceThird(3, 2, 2);
        Assert.Equal(2, Math.Sqrt((x * x) + (y * y)), 1e-9);
        Assert.Equal(2, Math.Sqrt(((x - 3) * (x - 3)) + (y * y)), 1e-9);
        Assert.True(y > 0);

        // No triangle has sides 4, 1, 1: the point of the segment that misses both by the same amount.
        Assert.Equal((2.0, 0.0), VennDiagram.PlaceThird(4, 1, 1));
        // Sides 1, 5, 1: beyond the second centre, missing both by 1.5.
        Assert.Equal((3.5, 0.0), VennDiagram.PlaceThird(1, 5, 1));
        // Sides 1, 1, 5: before the first centre, missing both by 1.5.
        Assert.Equal((-2.5, 0.0), VennDiagram.PlaceThird(1, 1, 5));
    }

    private static Venn Of(params (string Name, int[] Persons)[] sets) =>
        CaiScores.Overlaps.Venn.Compute(
            SampleResults.Table,
            [.. sets.Select(s => new OverlapSet(s.Name, Segment.Of(PersonSet.FromIndexes(s.Persons, SampleResults.Table.Persons.Count))))]);

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static int[] Range(int from, int to) => [.. Enumerable.Range(from, to - from)];

    /// <summary>Areas are proportional to set sizes within 1 %.</summary>
    private static void AssertAreasAreProportional(Venn venn, string svg)
    {
        var circles = Circles(svg);
        var sizes = venn.Sets.Where(s => s.Count > 0).Select(s => (double)s.Count).ToList();
        Assert.Equal(sizes.Count, circles.Count);
        var unit = circles[0].R * circles[0].R / sizes[0];
        for (var i = 0; i < circles.Count; i++)
        {
            Assert.Equal(1, circles[i].R * circles[i].R / sizes[i] / unit, 0.01);
        }
    }

    /// <summary>Each pair's measured lens area is its intersection's share of the smaller set, within <paramref name="tolerance"/> of the smaller circle's area.</summary>
    private static void AssertOverlapsAreProportional(Venn venn, string svg, double tolerance)
    {
        var circles = Circles(svg);
        var drawn = venn.Sets.Select((s, i) => (s, i)).Where(p => p.s.Count > 0).Select(p => p.i).ToList();
        var unit = circles[0].R * circles[0].R * Math.PI / venn.Sets[drawn[0]].Count; // px² per person
        for (var a = 0; a < drawn.Count; a++)
        {
            for (var b = a + 1; b < drawn.Count; b++)
            {
                var (i, j) = (drawn[a], drawn[b]);
                var target = venn.Intersections.Single(r => r.Members == ((1 << i) | (1 << j))).Count * unit;
                var measured = VennDiagram.LensArea(circles[a].R, circles[b].R, Distance(circles[a], circles[b]));
                var smaller = Math.PI * Math.Pow(Math.Min(circles[a].R, circles[b].R), 2);
                Assert.True(Math.Abs(measured - target) <= tolerance * smaller, $"Overlap of {venn.Names[i]} and {venn.Names[j]}: {measured:F1} px² drawn, {target:F1} px² wanted");
            }
        }
    }

    /// <summary>The table beside the diagram lists every region, the union and the outside with their counts.</summary>
    private static void AssertEveryRegionIsCounted(Venn venn, string svg)
    {
        var rows = Group(svg, "regions").Select(TextOf).ToList();
        foreach (var region in venn.Regions)
        {
            var letters = string.Join(" ∩ ", Enumerable.Range(0, venn.Names.Count).Where(i => (region.Members & (1 << i)) != 0).Select(i => (char)('A' + i)));
            var label = region.Degree < venn.Names.Count ? $"{letters} only" : letters;
            var at = rows.IndexOf(label);
            Assert.True(at >= 0, $"No row {label}");
            Assert.Equal(region.Count.ToString("N0", CultureInfo.InvariantCulture), rows[at + 1]);
            Assert.Equal(region.ShareOfUnion.ToString("0.0%", CultureInfo.InvariantCulture), rows[at + 2]);
        }

        Assert.Equal(venn.Union.ToString("N0", CultureInfo.InvariantCulture), rows[rows.IndexOf("Union (in any set)") + 1]);
        Assert.Equal(venn.Outside.ToString("N0", CultureInfo.InvariantCulture), rows[rows.IndexOf("In no set") + 1]);
    }

    /// <summary>Every region with people is labelled in the diagram with its count, inside the circles it belongs to and outside the others.</summary>
    private static void AssertNonEmptyRegionsAreLabelledInTheDiagram(Venn venn, string svg)
    {
        var circles = Circles(svg);
        var drawn = venn.Sets.Select((s, i) => (s, i)).Where(p => p.s.Count > 0).Select(p => p.i).ToList();
        var labels = Group(svg, "region-labels");
        foreach (var region in venn.Regions.Where(r => r.Count > 0))
        {
            var label = labels.Single(t => t.Element(Svg + "title")!.Value.StartsWith(region.Label + ":", StringComparison.Ordinal));
            Assert.Equal(region.Count.ToString("N0", CultureInfo.InvariantCulture), TextOf(label));
            Assert.Contains($"{(region.ShareOfUnion).ToString("0.0%", CultureInfo.InvariantCulture)} of the union", label.Element(Svg + "title")!.Value, StringComparison.Ordinal);
            var (x, y) = (Number(label, "x"), Number(label, "y") - 4);
            for (var c = 0; c < drawn.Count; c++)
            {
                var inside = Math.Sqrt(Math.Pow(x - circles[c].X, 2) + Math.Pow(y - circles[c].Y, 2)) < circles[c].R;
                Assert.True(inside == ((region.Members & (1 << drawn[c])) != 0), $"The label of {region.Label} is {(inside ? "inside" : "outside")} circle {venn.Names[drawn[c]]}");
            }
        }
    }

    private static double Distance((double X, double Y, double R, string Tooltip) a, (double X, double Y, double R, string Tooltip) b) =>
        Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));

    private static List<(double X, double Y, double R, string Tooltip)> Circles(string svg) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "circle").Select(c => (Number(c, "cx"), Number(c, "cy"), Number(c, "r"), c.Value))];

    private static List<XElement> Group(string svg, string name) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == name).Elements()];

    private static List<string> Texts(string svg) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "text").Select(TextOf)];

    /// <summary>A text element's own text, without its tooltip.</summary>
    private static string TextOf(XElement text) => string.Concat(text.Nodes().OfType<XText>().Select(n => n.Value));

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
