using System.Globalization;
using System.Text;
using CaiScores.Flows;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>
    /// The flow as CJA draws it: a Sankey with a column per step, left to right (the anchor's column among them: first for
    /// Entry and Starts with, last for Ends with, in the middle for Contains), each node a bar whose height is proportional
    /// to its path views, and a band per link whose width is proportional to its path views.
    /// </summary>
    /// <param name="flow">The result to draw.</param>
    /// <param name="options">Size, title and colouring; null for the defaults. The drawing grows beyond
    /// <see cref="ChartOptions.Width"/> and <see cref="ChartOptions.Height"/> when its columns or nodes need more room.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// <para>Nodes keep the flow's order (<see cref="BucketFlow.Nodes"/>: most frequent first, then <c>+K more</c>, then
    /// <c>Exit</c> / <c>Entry</c>), stacked top-down; each is labelled with its item (a bucket's alias, e.g. <c>High</c>, else
    /// its label), its path views and their share of the anchor's. Buckets take CAI's colours (Low / Medium / High) or, in
    /// other schemes, a colour per bucket that is the same in every column; <c>Entry</c> is dark grey, <c>Exit</c> grey,
    /// <c>+K more</c> light grey, "No value" and "Not scored" the chart's no-value grey. A band takes the colour of its end
    /// farther from the anchor (where the paths go after it, or came from before it).</para>
    /// <para>Tooltips, as CJA's hover: a node's path views and percentage of the anchor, the items merged into
    /// <c>+K more</c>, and the node's top five paths (<see cref="BucketFlow.PathsTo"/>); a band's path views, its percentage
    /// of the anchor and of the node it leaves. Heights and widths share one scale, so the bands leaving or entering a node
    /// fill its height. A flow with no path views draws a chart saying so.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="flow"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Flow(BucketFlow flow, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        options = ChartOptions.Validate(options);
        var kind = flow.Anchor.Kind;
        var before = kind is FlowAnchorKind.EndsWith or FlowAnchorKind.Contains ? flow.Columns : 0;
        var after = kind is FlowAnchorKind.Entry or FlowAnchorKind.StartsWith or FlowAnchorKind.Contains ? flow.Columns : 0;
        var anchor = flow.NodesIn(0).Single();
        var anchorName = $"{FlowText.ItemName(flow, anchor.Label)} ({FlowText.Count(flow.AnchorCount)})";
        var titles = Enumerable.Range(-before, before + after + 1).Select(ColumnTitle).ToList();

        var nodes = new List<SankeyNode>(flow.Nodes.Count);
        var index = new Dictionary<(int Column, string Label), int>();
        foreach (var node in flow.Nodes)
        {
            index[(node.Column, node.Label)] = nodes.Count;
            var tooltip = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"{ColumnTitle(node.Column)} · {FlowText.ItemName(flow, node.Label)}: {FlowText.Count(node.Count)} path views")
                .Append(CultureInfo.InvariantCulture, $" ({FlowText.Percent(node.PctOfAnchor)} of {anchorName})");
            if (node.MergedLabels.Count > 0)
            {
                tooltip.Append("\nMerged: ").AppendJoin(", ", node.MergedLabels.Select(l => FlowText.ItemName(flow, l)));
            }

            if (Math.Abs(node.Column) > 1 && node.Count > 0)
            {
                tooltip.Append("\nTop paths:");
                foreach (var path in flow.PathsTo(node, 5))
                {
                    tooltip.Append("\n  ").AppendJoin(" → ", path.Labels.Select(l => FlowText.ItemName(flow, l)))
                        .Append(CultureInfo.InvariantCulture, $": {FlowText.Count(path.Count)} ({FlowText.Percent(path.ShareOfNode)})");
                }
            }

            nodes.Add(new SankeyNode(
                node.Column + before,
                FlowText.ShortName(flow, node.Label),
                $"{FlowText.Count(node.Count)} · {FlowText.Percent(node.PctOfAnchor)}",
                FlowText.NodeColor(flow, node, options),
                node.Count,
                tooltip.ToString()));
        }

        var links = new List<SankeyLink>(flow.Links.Count);
        foreach (var link in flow.Links)
        {
            var from = index[(link.FromColumn, link.From)];
            var to = index[(link.FromColumn + 1, link.To)];
            var source = flow.Nodes[from];
            // The colour of the end farther from the anchor: the target right of it, the source left of it.
            var color = link.FromColumn >= 0 ? nodes[to].Color : nodes[from].Color;
            var share = source.Count == 0 ? 0 : (double)link.Count / source.Count;
            var pct = flow.AnchorCount == 0 ? 0 : (double)link.Count / flow.AnchorCount;
            var ofSource = source.Kind == FlowNodeKind.Anchor ? string.Empty : $"; {FlowText.Percent(share)} of {FlowText.ItemName(flow, link.From)}";
            links.Add(new SankeyLink(from, to, link.Count, color,
                $"{ColumnTitle(link.FromColumn)} → {ColumnTitle(link.FromColumn + 1)} · {FlowText.ItemName(flow, link.From)} → {FlowText.ItemName(flow, link.To)}: " +
                $"{FlowText.Count(link.Count)} path views ({FlowText.Percent(pct)} of {anchorName}{ofSource})"));
        }

        return new Sankey
        {
            Title = options.Title ?? FlowText.FlowTitle(flow),
            ColumnTitles = titles,
            Nodes = nodes,
            Links = links,
            EmptyMessage = flow.AnchorCount == 0 ? $"No path views: {(kind == FlowAnchorKind.Entry ? "no one" : $"no one was {FlowText.ItemName(flow, anchor.Label)}")} in {Runs(flow.Runs, flow.Range)}" : null,
        }.Render(options);

        string ColumnTitle(int column) => column switch
        {
            0 => kind == FlowAnchorKind.Entry ? "Start" : "Anchor",
            > 0 => string.Create(CultureInfo.InvariantCulture, $"Step +{column}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"Step −{-column}"),
        };
    }

    /// <summary>Names, colours and numbers of the flow chart (nested, so they cannot clash with other chart families' helpers).</summary>
    private static class FlowText
    {
        public const string EntryColor = "#4D4D4D";
        public const string ExitColor = "#7F7F7F";
        public const string MoreColor = "#BDBDBD";

        public static string FlowTitle(BucketFlow flow)
        {
            var item = ItemName(flow, flow.NodesIn(0)[0].Label);
            var what = flow.Anchor.Kind switch
            {
                FlowAnchorKind.StartsWith => $"Flow of score buckets starting with {item}",
                FlowAnchorKind.EndsWith => $"Flow of score buckets ending with {item}",
                FlowAnchorKind.Contains => $"Flow of score buckets through {item}",
                _ => "Flow of score buckets from entry",
            };
            return $"{what}, {Runs(flow.Runs, flow.Range)}";
        }

        /// <summary>The bucket a node label names, and its index in the scheme; null for another state.</summary>
        public static (Bucketing.Bucket Bucket, int Index)? BucketOf(BucketFlow flow, string label)
        {
            var buckets = flow.Scheme.Buckets;
            for (var b = 0; b < buckets.Count; b++)
            {
                if (buckets[b].Label == label)
                {
                    return (buckets[b], b);
                }
            }

            return null;
        }

        /// <summary>An item as the tooltips name it: <c>High (75 or more)</c> for a bucket with an alias, else the label.</summary>
        public static string ItemName(BucketFlow flow, string label) =>
            BucketOf(flow, label) is ({ Alias: { } alias }, _) && alias != label ? $"{alias} ({label})" : label;

        /// <summary>An item as the node labels name it: the alias of a bucket that has one, else the label.</summary>
        public static string ShortName(BucketFlow flow, string label) => BucketOf(flow, label) is ({ } bucket, _) ? bucket.DisplayName : label;

        public static string NodeColor(BucketFlow flow, FlowNode node, ChartOptions options) => node.Kind switch
        {
            FlowNodeKind.Exit => ExitColor,
            FlowNodeKind.Entry => EntryColor,
            FlowNodeKind.More => MoreColor,
            FlowNodeKind.Anchor when flow.Anchor.Kind == FlowAnchorKind.Entry => EntryColor,
            _ => BucketOf(flow, node.Label) is var (bucket, i) ? ChartPalette.Bucket(bucket, i, flow.Scheme.Buckets.Count, options.Propensity) : ChartPalette.NoValue,
        };

        public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);

        public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
    }
}
