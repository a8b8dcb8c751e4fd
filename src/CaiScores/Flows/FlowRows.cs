namespace CaiScores.Flows;

/// <summary>What a <see cref="FlowNode"/> stands for.</summary>
public enum FlowNodeKind
{
    /// <summary>The anchor (column 0): <c>Entry</c> or the anchor item.</summary>
    Anchor = 0,

    /// <summary>One item (a bucket, or the No value / Not scored state) among the column's top items.</summary>
    Item = 1,

    /// <summary>The column's other items merged into one node labelled <c>+K more</c>.</summary>
    More = 2,

    /// <summary>The sequence ended before this column (right of the anchor).</summary>
    Exit = 3,

    /// <summary>The sequence began after this column (left of the anchor, in Ends with and Contains flows).</summary>
    Entry = 4,
}

/// <summary>A node of a <see cref="BucketFlow"/>: an item (or <c>+K more</c>, <c>Exit</c>, <c>Entry</c>) in a column.</summary>
/// <param name="Column">0 for the anchor; 1, 2, … after it; −1, −2, … before it.</param>
/// <param name="Label">The item's label (a bucket's <see cref="Bucketing.Bucket.Label"/>), <c>+K more</c>, <c>Exit</c> or <c>Entry</c>.</param>
/// <param name="Kind">What the node stands for.</param>
/// <param name="Count">Path views through the node (persons when each person has one path: Entry, or
/// <see cref="BucketFlowOptions.LimitToFirstLastOccurrence"/>).</param>
/// <param name="PctOfAnchor">Count over <see cref="BucketFlow.AnchorCount"/> (0 to 1); 0 when the anchor count is 0.</param>
public sealed record FlowNode(int Column, string Label, FlowNodeKind Kind, long Count, double PctOfAnchor)
{
    /// <summary>The labels merged into a <see cref="FlowNodeKind.More"/> node, most frequent first (ties by label, ordinal);
    /// empty for every other kind.</summary>
    public IReadOnlyList<string> MergedLabels { get; init; } = [];
}

/// <summary>Path views going from a node of one column to a node of the next (to the right, in time order).</summary>
/// <param name="FromColumn">The column of <paramref name="From"/>; <paramref name="To"/> is in <c>FromColumn + 1</c>.</param>
/// <param name="From">The label of the node on the left (after merging into <c>+K more</c>).</param>
/// <param name="To">The label of the node on the right (after merging).</param>
/// <param name="Count">Path views along the link.</param>
public sealed record FlowLink(int FromColumn, string From, string To, long Count);

/// <summary>One distinct path between the anchor and a node, in time order, with the items' own labels (not merged).</summary>
/// <param name="Labels">The labels, left to right: from the anchor to the node for a node after the anchor, from the node
/// to the anchor for a node before it.</param>
/// <param name="Count">Path views along exactly this path.</param>
/// <param name="ShareOfNode">Count over the node's count (0 to 1).</param>
public sealed record FlowPath(IReadOnlyList<string> Labels, long Count, double ShareOfNode)
{
    /// <inheritdoc />
    public override string ToString() => $"{string.Join(" → ", Labels)}: {Count}";
}
