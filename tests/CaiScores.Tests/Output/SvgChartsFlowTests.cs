using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CaiScores.Bucketing;
using CaiScores.Flows;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.Segments;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output;

/// <summary><see cref="SvgCharts.Flow"/>: the flow as a Sankey.</summary>
public sealed partial class SvgChartsFlowTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Entry_flow_of_the_sample()
    {
        var flow = SampleResults.Flow();
        var svg = SvgCharts.Flow(flow);
        AssertBandsFillTheirNodes(flow, svg);
        AssertEveryNodeIsLabelled(flow, svg);
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void Contains_flow_of_five_columns_and_ten_items_a_column()
    {
        // The largest flow CJA draws: 5 + 1 + 5 columns, 10 items a column plus +K more and Exit / Entry.
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions
        {
            Scheme = BucketScheme.Distribution5,
            Anchor = FlowAnchor.Contains("50 to 55"),
            Columns = BucketFlowOptions.MaxColumns,
            ItemsPerColumn = BucketFlowOptions.MaxItemsPerColumn,
            IncludeRepeats = true,
        });
        Assert.Contains(flow.Nodes, n => n.Kind == FlowNodeKind.More);
        Assert.Equal(12, flow.Nodes.GroupBy(n => n.Column).Max(g => g.Count()));
        var svg = SvgCharts.Flow(flow);
        AssertBandsFillTheirNodes(flow, svg);
        AssertEveryNodeIsLabelled(flow, svg);

        // Nothing overlaps: in a column the nodes and their two label lines are apart; columns' boxes are apart.
        var nodes = Group(svg, "nodes").Select(Box).ToList();
        var boxes = Group(svg, "node-boxes").Select(Box).ToList();
        var labels = Group(svg, "labels").Select(t => (X: Number(t, "x"), Y: Number(t, "y"))).ToList();
        foreach (var column in nodes.Select((n, i) => (n, i)).GroupBy(p => p.n.X))
        {
            var spans = column.Select(p => (Top: Math.Min(p.n.Y, labels[2 * p.i].Y - 11), Bottom: Math.Max(p.n.Y + p.n.Height, labels[(2 * p.i) + 1].Y + 3))).OrderBy(s => s.Top).ToList();
            for (var s = 1; s < spans.Count; s++)
            {
                Assert.True(spans[s].Top >= spans[s - 1].Bottom, $"Nodes overlap in the column at x = {column.Key}: {spans[s - 1]} and {spans[s]}");
            }
        }

        var columns = boxes.Select(b => (Left: b.X - 8, Right: b.X + b.Width)).Distinct().OrderBy(c => c.Left).ToList();
        Assert.Equal(11, columns.Count);
        for (var c = 1; c < columns.Count; c++)
        {
            Assert.True(columns[c].Left - columns[c - 1].Right >= 40, "Columns too close for the bands between them");
        }

        var root = XDocument.Parse(svg).Root!;
        Assert.True(Number(root, "width") >= (11 * 80) + (10 * 40));
        Assert.True(labels.All(l => l.Y <= Number(root, "height")));
        Snapshot.Verify(svg, "svg");
    }

    [Fact]
    public void Nodes_are_proportional_to_path_views_in_every_column()
    {
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { Columns = 3 });
        var svg = SvgCharts.Flow(flow);
        var heights = Group(svg, "nodes").Select(r => Number(r, "height")).ToList();
        Assert.Equal(flow.Nodes.Count, heights.Count);
        var scale = heights[0] / flow.AnchorCount;
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            Assert.Equal(flow.Nodes[i].Count * scale, heights[i], 0.02);
        }

        // The anchor's column is first, at the left; each next column to its right.
        var xs = Group(svg, "nodes").Select(r => Number(r, "x")).ToList();
        for (var i = 1; i < flow.Nodes.Count; i++)
        {
            Assert.Equal(flow.Nodes[i].Column > flow.Nodes[i - 1].Column, xs[i] > xs[i - 1]);
        }
    }

    [Fact]
    public void Tooltips_give_path_views_and_the_share_of_the_anchor()
    {
        var flow = SampleResults.Flow();
        var svg = SvgCharts.Flow(flow);
        var high = flow.NodesIn(1).Single(n => n.Label == "75 or more");
        var tooltip = Group(svg, "nodes")[flow.Nodes.ToList().IndexOf(high)].Value;
        var anchor = flow.AnchorCount.ToString("N0", CultureInfo.InvariantCulture);
        Assert.StartsWith($"Step +1 · High (75 or more): {N(high.Count)} path views ({high.PctOfAnchor.ToString("0.0%", CultureInfo.InvariantCulture)} of Entry ({anchor}))", tooltip, StringComparison.Ordinal);

        // Beyond the first step, a node's tooltip lists its top paths (CJA's node details).
        var exit = flow.NodesIn(2).Single(n => n.Kind == FlowNodeKind.Exit);
        var top = flow.PathsTo(exit, 5)[0];
        Assert.Contains(
            $"\nTop paths:\n  {string.Join(" → ", top.Labels.Select(l => l == "25 to 75" ? "Medium (25 to 75)" : l == "75 or more" ? "High (75 or more)" : l == "Less than 25" ? "Low (Less than 25)" : l))}: {N(top.Count)} ({top.ShareOfNode.ToString("0.0%", CultureInfo.InvariantCulture)})",
            Group(svg, "nodes")[flow.Nodes.ToList().IndexOf(exit)].Value,
            StringComparison.Ordinal);

        var link = flow.Links.Single(l => l.FromColumn == 1 && l.From == "75 or more" && l.To == "Exit");
        var pct = ((double)link.Count / flow.AnchorCount).ToString("0.0%", CultureInfo.InvariantCulture);
        var share = ((double)link.Count / high.Count).ToString("0.0%", CultureInfo.InvariantCulture);
        Assert.Contains($"Step +1 → Step +2 · High (75 or more) → Exit: {N(link.Count)} path views ({pct} of Entry ({anchor}); {share} of High (75 or more))", Group(svg, "links").Select(p => p.Value));
    }

    [Fact]
    public void Buckets_take_cai_colours_and_exit_and_more_are_grey()
    {
        var flow = SampleResults.Flow();
        var svg = SvgCharts.Flow(flow);
        string FillOf(BucketFlow flow, string svg, Func<FlowNode, bool> which) =>
            (string)Group(svg, "nodes")[flow.Nodes.ToList().FindIndex(n => which(n))].Attribute("fill")!;
        Assert.Equal("#009E73", FillOf(flow, svg, n => n.Label == "75 or more"));
        Assert.Equal("#E6C229", FillOf(flow, svg, n => n.Label == "25 to 75"));
        Assert.Equal("#D55E00", FillOf(flow, svg, n => n.Label == "Less than 25"));
        Assert.Equal("#7F7F7F", FillOf(flow, svg, n => n.Kind == FlowNodeKind.Exit));
        Assert.Equal("#4D4D4D", FillOf(flow, svg, n => n.Kind == FlowNodeKind.Anchor));
        var fewer = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { ItemsPerColumn = 1 });
        Assert.Equal("#BDBDBD", FillOf(fewer, SvgCharts.Flow(fewer), n => n.Kind == FlowNodeKind.More));

        // A band takes the colour of its end farther from the anchor: here the node it goes to.
        var bands = Group(svg, "links");
        var intoLow = flow.Links.Where(l => l.Count > 0).ToList().FindIndex(l => l.To == "Less than 25");
        Assert.Equal("#D55E00", (string)bands[intoLow].Attribute("fill")!);

        var churn = SvgCharts.Flow(flow, new ChartOptions { Propensity = PropensityKind.Churn });
        Assert.Equal("#D55E00", FillOf(flow, churn, n => n.Label == "75 or more"));

        // Another scheme: a colour per bucket, the same in every column.
        var fine = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { Scheme = BucketScheme.Create(ScoreField.Score, 50) });
        var fineFills = Group(SvgCharts.Flow(fine), "nodes").Select(r => (string)r.Attribute("fill")!).ToList();
        var byLabel = fine.Nodes.Select((n, i) => (n, i)).Where(p => p.n.Kind == FlowNodeKind.Item).GroupBy(p => p.n.Label).ToList();
        Assert.Equal(2, byLabel.Count);
        Assert.All(byLabel, g => Assert.Single(g.Select(p => fineFills[p.i]).Distinct()));
        Assert.NotEqual(fineFills[byLabel[0].First().i], fineFills[byLabel[1].First().i]);
    }

    [Fact]
    public void An_ends_with_flow_has_its_anchor_at_the_right()
    {
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { Anchor = FlowAnchor.EndsWith("High") });
        var svg = SvgCharts.Flow(flow);
        AssertBandsFillTheirNodes(flow, svg);
        var nodes = Group(svg, "nodes");
        var anchor = nodes[flow.Nodes.ToList().FindIndex(n => n.Column == 0)];
        Assert.Equal(nodes.Max(r => Number(r, "x")), Number(anchor, "x"));
        Assert.Contains("Flow of score buckets ending with High (75 or more)", svg, StringComparison.Ordinal);
        Assert.Contains(flow.Nodes, n => n.Kind == FlowNodeKind.Entry);
    }

    [Fact]
    public void An_empty_flow_draws_a_chart_that_says_so()
    {
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { Segment = Segment.Persons(["nobody"]) });
        Assert.Equal(0, flow.AnchorCount);
        var svg = SvgCharts.Flow(flow);
        var texts = Texts(svg);
        Assert.Contains(texts, t => t.StartsWith("No path views: no one in runs ", StringComparison.Ordinal));
        Assert.DoesNotContain(XDocument.Parse(svg).Descendants(Svg + "path"), _ => true);
    }

    [Fact]
    public void Strings_from_the_data_are_escaped()
    {
        const string Hostile = "<script>alert(1)</script>";
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { IncludeNotScored = true, NotScoredLabel = Hostile, Columns = 5, ItemsPerColumn = 10 });
        Assert.Contains(flow.Nodes, n => n.Label == Hostile);
        var svg = SvgCharts.Flow(flow, new ChartOptions { Title = "\"</svg>" });
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", svg, StringComparison.Ordinal);
        Assert.Contains(Hostile, Texts(svg));
        Assert.Contains("\"</svg>", Texts(svg));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var flow = BucketFlow.Compute(SampleResults.Table, new BucketFlowOptions { Anchor = FlowAnchor.Contains("Medium") });
        var invariant = SvgCharts.Flow(flow);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, SvgCharts.Flow(flow));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.DoesNotContain("NaN", invariant, StringComparison.Ordinal);
        Assert.Matches(@"^<svg [^>]*width=""\d+(\.\d+)?""", invariant);
    }

    [Fact]
    public void The_documented_sample_draws_a_flow()
    {
        var table = SampleResults.Table;
        var folder = Directory.CreateTempSubdirectory("cai-flow-").FullName;
        try
        {
            // begin-snippet: charts-flow
            var flow = BucketFlow.Compute(table, new BucketFlowOptions { Columns = 3 });
            File.WriteAllText(Path.Combine(folder, "flow.svg"), SvgCharts.Flow(flow));

            var intoHigh = BucketFlow.Compute(table, new BucketFlowOptions { Anchor = FlowAnchor.EndsWith("High") });
            File.WriteAllText(Path.Combine(folder, "into-high.svg"), SvgCharts.Flow(intoHigh, new ChartOptions { Propensity = PropensityKind.Churn }));
            // end-snippet

            Assert.All(new[] { "flow.svg", "into-high.svg" }, f => Assert.Equal(Svg + "svg", XDocument.Load(Path.Combine(folder, f)).Root!.Name));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Equal(1, Docs.DocSnippets.AssertShownIn(ThisFile(), "docs/charts.md", "charts-flow"));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        Assert.Throws<ArgumentNullException>(() => SvgCharts.Flow(null!));
        var e = Assert.Throws<ArgumentException>(() => SvgCharts.Flow(SampleResults.Flow(), new ChartOptions { Width = 10 }));
        Assert.Equal("options", e.ParamName);
    }

    /// <summary>The bands leaving a node, and those entering it, are as wide together as the node is tall, and start within it.</summary>
    private static void AssertBandsFillTheirNodes(BucketFlow flow, string svg)
    {
        var nodes = Group(svg, "nodes").Select(Box).ToList();
        var bands = Group(svg, "links").Select(Band).ToList();
        Assert.Equal(flow.Links.Count(l => l.Count > 0), bands.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            var right = nodes[i].X + Box(Group(svg, "node-boxes")[i]).Width + 8;
            var leaving = bands.Where(b => Math.Abs(b.X0 - right) < 0.02 && b.Y0 >= node.Y - 0.02 && b.Y0 + b.Width0 <= node.Y + node.Height + 0.02).ToList();
            var entering = bands.Where(b => Math.Abs(b.X1 - node.X) < 0.02 && b.Y1 >= node.Y - 0.02 && b.Y1 + b.Width1 <= node.Y + node.Height + 0.02).ToList();
            var links = flow.Links.Where(l => l.Count > 0).ToList();
            var outgoing = links.Count(l => l.FromColumn == flow.Nodes[i].Column && l.From == flow.Nodes[i].Label);
            var incoming = links.Count(l => l.FromColumn + 1 == flow.Nodes[i].Column && l.To == flow.Nodes[i].Label);
            Assert.Equal(outgoing, leaving.Count);
            Assert.Equal(incoming, entering.Count);
            if (outgoing > 0)
            {
                Assert.Equal(node.Height, leaving.Sum(b => b.Width0), 0.02 * outgoing);
            }

            if (incoming > 0)
            {
                Assert.Equal(node.Height, entering.Sum(b => b.Width1), 0.02 * incoming);
            }
        }
    }

    private static void AssertEveryNodeIsLabelled(BucketFlow flow, string svg)
    {
        var texts = Group(svg, "labels").Select(t => t.Value).ToList();
        Assert.Equal(2 * flow.Nodes.Count, texts.Count);
        for (var i = 0; i < flow.Nodes.Count; i++)
        {
            var node = flow.Nodes[i];
            var expected = node.Kind is FlowNodeKind.Item or FlowNodeKind.Anchor && flow.Scheme.Buckets.FirstOrDefault(b => b.Label == node.Label) is { } bucket ? bucket.DisplayName : node.Label;
            Assert.Equal(expected, texts[2 * i]);
            Assert.Equal($"{node.Count.ToString("N0", CultureInfo.InvariantCulture)} · {node.PctOfAnchor.ToString("0.0%", CultureInfo.InvariantCulture)}", texts[(2 * i) + 1]);
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private static string N(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

    private static List<XElement> Group(string svg, string name) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == name).Elements()];

    private static List<string> Texts(string svg) => [.. XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value)];

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    private static (double X, double Y, double Width, double Height) Box(XElement rect) =>
        (Number(rect, "x"), Number(rect, "y"), Number(rect, "width"), Number(rect, "height"));

    /// <summary>A band's left end (x, top, width) and right end, from its path data <c>M x0,y0 C … x1,y1 L x1,y1' C … x0,y0' Z</c>.</summary>
    private static (double X0, double Y0, double Width0, double X1, double Y1, double Width1) Band(XElement path)
    {
        var numbers = NumberRegex().Matches((string)path.Attribute("d")!).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(16, numbers.Length);
        double x0 = numbers[0], y0 = numbers[1], x1 = numbers[6], y1 = numbers[7];
        return (x0, y0, numbers[15] - y0, x1, y1, numbers[9] - y1);
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberRegex();
}
