using CaiScores.Flows;

namespace CaiScores.Output;

/// <summary>How a bucket flow is shown.</summary>
internal static class FlowViews
{
    /// <summary>The flow: nodes, links, the paths to every node and a summary, drawn as a Sankey diagram.</summary>
    public static readonly ResultView<BucketFlow> Flow = new(Tables, f => [SvgCharts.Flow(f)]);

    private static IReadOnlyList<ResultTable> Tables(BucketFlow flow)
    {
        var title = $"Bucket flow, {TableText.Runs(flow.Runs)}";
        var paths = flow.Nodes.SelectMany(n => flow.PathsTo(n).Select((p, i) => (Node: n, Rank: i + 1, Path: p))).ToList();
        BucketFlow[] one = [flow];
        return
        [
            new TableBuilder<FlowNode>("flow-nodes", title + ": nodes", flow.Nodes)
                .Int64("column", n => n.Column, "0 for the anchor, 1, 2, … after it, −1, −2, … before it")
                .String("label", n => n.Label, "The item's label, +K more, Exit or Entry")
                .Enum("kind", n => n.Kind, "anchor, item, more, exit or entry")
                .Int64("count", n => n.Count, "Path views through the node")
                .Share("pctOfAnchor", n => n.PctOfAnchor, "count over the anchor's count")
                .String("mergedLabels", n => n.MergedLabels.Count == 0 ? null : string.Join("; ", n.MergedLabels), "For a +K more node, the labels merged into it, most frequent first, joined by '; '; else null")
                .Build(),
            new TableBuilder<FlowLink>("flow-links", title + ": links", flow.Links)
                .Int64("fromColumn", l => l.FromColumn, "The column of the left node")
                .String("from", l => l.From, "The left node's label")
                .Int64("toColumn", l => l.FromColumn + 1, "The column of the right node")
                .String("to", l => l.To, "The right node's label")
                .Int64("count", l => l.Count, "Path views along the link")
                .Build(),
            new TableBuilder<(FlowNode Node, int Rank, FlowPath Path)>("flow-paths", title + ": paths", paths)
                .Int64("column", p => p.Node.Column, "The node's column")
                .String("node", p => p.Node.Label, "The node's label")
                .Int64("rank", p => p.Rank, "1 for the node's most frequent path")
                .String("path", p => string.Join(" → ", p.Path.Labels), "The items' own labels in time order, joined by ' → '")
                .Int64("steps", p => p.Path.Labels.Count, "Labels on the path")
                .Int64("count", p => p.Path.Count, "Path views along exactly this path")
                .Share("shareOfNode", p => p.Path.ShareOfNode, "count over the node's count")
                .Build(),
            new TableBuilder<BucketFlow>("flow-summary", title + ": summary", one)
                .Enum("anchorKind", f => f.Anchor.Kind, "entry, startsWith, endsWith or contains")
                .String("anchorItem", f => f.Anchor.Item, "The anchor item; null for entry")
                .Date("firstRun", f => f.Runs.Count > 0 ? f.Runs[0] : null, "The first run of the sequences")
                .Date("lastRun", f => f.Runs.Count > 0 ? f.Runs[^1] : null, "The last run of the sequences")
                .Int64("columns", f => f.Columns, "Columns on each side of the anchor")
                .Int64("itemsPerColumn", f => f.ItemsPerColumn, "Items shown per column before +K more")
                .Int64("anchorCount", f => f.AnchorCount, "Path views through the anchor")
                .Int64("persons", f => f.Persons, "Persons with a path")
                .Build(),
        ];
    }
}
