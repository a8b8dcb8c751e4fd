using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Segments;

namespace CaiScores.Flows;

/// <summary>
/// CJA's Flow visualisation over scoring runs (person container): each person's sequence is the bucket of each run they
/// were scored in, in run order; the flow shows, around an anchor, the top items per column, <c>+K more</c>, <c>Exit</c>
/// (and <c>Entry</c> on the left), the links between consecutive columns, and the top paths into any node.
/// </summary>
/// <remarks>
/// <para><b>Sequences.</b> A person's sequence has one step per run in the flow's runs (<see cref="BucketFlowOptions.Range"/>)
/// they were scored in with a value: the bucket of the value in <see cref="BucketFlowOptions.Scheme"/> (a value on an edge
/// goes up). A run scored without a value (null; NaN in hand-built tables) is a <c>No value</c> step with
/// <see cref="BucketFlowOptions.IncludeNoValue"/>, else no step. Runs the person is missing from between two steps are a
/// <c>Not scored</c> step with <see cref="BucketFlowOptions.IncludeNotScored"/> (one per missing run with repeats included),
/// else no step; missing runs before the first step or after the last never are (after the last the sequence has ended:
/// <c>Exit</c>). Consecutive equal steps collapse into one unless <see cref="BucketFlowOptions.IncludeRepeats"/>. Persons
/// outside <see cref="BucketFlowOptions.Segment"/> or with an empty sequence are in no path.</para>
/// <para><b>Anchors.</b> Entry: one path per person, columns 1 … C are steps 1 … C of the sequence. Starts with X: a path
/// per occurrence of X (the first only with <see cref="BucketFlowOptions.LimitToFirstLastOccurrence"/>), columns 1 … C
/// the steps after it. Ends with X: a path per occurrence (the last only with the limit), columns −1 … −C the steps before
/// it, read backwards from the anchor. Contains X: a path per occurrence (the first only with the limit), columns −C … C.
/// A column after the end of the sequence holds <c>Exit</c> once and nothing further right; a column before its start holds
/// <c>Entry</c> once and nothing further left.</para>
/// <para><b>Nodes and links.</b> Per column the items are ranked by count (ties by label, ordinal); the first
/// <see cref="BucketFlowOptions.ItemsPerColumn"/> are nodes, the others one <c>+K more</c> node (K items, their counts
/// summed); <c>Exit</c> / <c>Entry</c> nodes always show. Links join a node to a node of the next column (left to right,
/// in time order) after merging, so the nodes of column d + 1 sum to the links out of column d (d ≥ 0), and the nodes of
/// column d sum to the links out of it (d &lt; 0). Percentages are of <see cref="AnchorCount"/>.</para>
/// <para>Exact integer counts. The runs are coded into a byte per person with vectorised kernels, the sequences built
/// from the codes and their paths packed into integers and counted, in fixed chunks of persons merged in order, so the
/// result is the same for any <see cref="BucketFlowOptions.MaxDegreeOfParallelism"/>.</para>
/// </remarks>
public sealed class BucketFlow
{
    private readonly FlowLayout _layout;
    private readonly (int[] Digits, long Count)[] _paths;
    private readonly Dictionary<int, string[]> _mergedLabels; // column → node label per state
    private readonly FlowNode[] _nodes;

    /// <summary>
    /// The one way a <see cref="BucketFlow"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal BucketFlow(BucketFlowOptions options, FlowLayout layout, DateOnly[] runs, FlowCounts counts, ScoreTableDiagnostics diagnostics)
    {
        _layout = layout;
        Anchor = options.Anchor;
        Scheme = options.Scheme;
        Columns = options.Columns;
        ItemsPerColumn = options.ItemsPerColumn;
        Runs = runs;
        Range = options.Range;
        AnchorCount = counts.Anchors;
        Persons = counts.Persons;
        Diagnostics = diagnostics;
        _paths = [.. counts.Paths.Entries().Select(e => (Decode(layout, e.Key), e.Count))];
        _mergedLabels = [];
        var nodes = new List<FlowNode> { new(0, layout.AnchorLabel, FlowNodeKind.Anchor, AnchorCount, Pct(AnchorCount)) };
        for (var k = layout.Before; k >= 1; k--)
        {
            nodes.AddRange(ColumnNodes(-k, options.ItemsPerColumn));
        }

        for (var c = 1; c <= layout.After; c++)
        {
            nodes.AddRange(ColumnNodes(c, options.ItemsPerColumn));
        }

        _nodes = [.. nodes.OrderBy(n => n.Column)]; // stable: within a column, the order added
        Nodes = _nodes;
        Links = BuildLinks();
    }

    /// <summary>The anchor the flow was computed for.</summary>
    public FlowAnchor Anchor { get; }

    /// <summary>The scheme whose buckets are the items.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>Columns on each side of the anchor that has columns.</summary>
    public int Columns { get; }

    /// <summary>Items expanded per column.</summary>
    public int ItemsPerColumn { get; }

    /// <summary>The score dates of the runs the sequences were built from, ascending.</summary>
    public IReadOnlyList<DateOnly> Runs { get; }

    /// <summary>The date range asked for, or null for every run.</summary>
    public DateRange? Range { get; }

    /// <summary>Path views through the anchor: persons with a non-empty sequence (Entry); occurrences of the anchor item
    /// (Starts with, Ends with, Contains), which are persons with <see cref="BucketFlowOptions.LimitToFirstLastOccurrence"/>.</summary>
    public long AnchorCount { get; }

    /// <summary>Distinct persons with at least one path (equal to <see cref="AnchorCount"/> when each person has one).</summary>
    public long Persons { get; }

    /// <summary>Every node: column by column from the leftmost; in a column the anchor, or the top items (most frequent
    /// first, ties by label ordinal), then <c>+K more</c>, then <c>Exit</c> / <c>Entry</c>.</summary>
    public IReadOnlyList<FlowNode> Nodes { get; }

    /// <summary>Every link, by from-column, then by the order of its nodes in their columns.</summary>
    public IReadOnlyList<FlowLink> Links { get; }

    /// <summary>The diagnostics of the table the flow was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the flow.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new BucketFlowOptions()</c> (Entry,
    /// 2 columns, 5 items per column, CAI buckets on the score, repeats collapsed, every run, everyone).</param>
    /// <returns>The flow.</returns>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message names every bad
    /// property, e.g. <c>Columns is 6; it is 1 to 5</c>); the segment names a run, bucket or attribute the table does not have.</exception>
    public static BucketFlow Compute(ScoreTable table, BucketFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= BucketFlowOptions.Default;
        options.Validate();
        var layout = FlowLayout.Create(options);
        var scope = AnalysisScope.Create(table, options.Range, options.Segment);
        var query = new FlowQuery(scope, options.Scheme, layout, options.IncludeRepeats);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => FlowCounts.Create(layout),
            (state, from, count) => state.Add(query, from, count),
            (into, other) => into.Merge(other));
        var runs = new DateOnly[scope.RunCount];
        for (var r = 0; r < runs.Length; r++)
        {
            runs[r] = table.Runs[scope.FromRun + r].ScoreDate;
        }

        return new BucketFlow(options, layout, runs, counts, table.Diagnostics);
    }

    /// <summary>Computes the flow of every run with the given anchor and the other settings at their defaults.</summary>
    /// <param name="table">The table.</param>
    /// <param name="anchor">The anchor.</param>
    /// <returns>The flow.</returns>
    /// <exception cref="ArgumentException">The anchor item is not a bucket label or alias of <see cref="BucketScheme.Cai"/>.</exception>
    public static BucketFlow Compute(ScoreTable table, FlowAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return Compute(table, new BucketFlowOptions { Anchor = anchor });
    }

    /// <summary>The nodes of one column, in their order.</summary>
    /// <param name="column">0 for the anchor, 1 … <see cref="Columns"/> after it, −1 … −<see cref="Columns"/> before it.</param>
    /// <returns>The nodes; empty for a column the flow does not have or that no path reaches.</returns>
    public IReadOnlyList<FlowNode> NodesIn(int column) => [.. _nodes.Where(n => n.Column == column)];

    /// <summary>
    /// The most frequent distinct paths between the anchor and a node (CJA's node details), with the items' own labels:
    /// for a node after the anchor the paths from the anchor to it, for a node before the anchor the paths from it to the
    /// anchor, in time order. Ties by the labels, compared one by one (ordinal).
    /// </summary>
    /// <param name="node">A node of this flow.</param>
    /// <param name="top">How many paths; at least 1. Default 10.</param>
    /// <returns>Up to <paramref name="top"/> paths, most frequent first; their counts sum to the node's count when all are listed.</returns>
    /// <exception cref="ArgumentException"><paramref name="node"/> is not a node of this flow.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="top"/> is less than 1.</exception>
    public IReadOnlyList<FlowPath> PathsTo(FlowNode node, int top = 10)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        if (!_nodes.Contains(node))
        {
            throw new ArgumentException($"The node {node.Label} in column {node.Column} is not a node of this flow.", nameof(node));
        }

        if (node.Column == 0)
        {
            return node.Count == 0 ? [] : [new FlowPath([_layout.AnchorLabel], node.Count, 1)];
        }

        var side = node.Column > 0 ? 1 : -1;
        var steps = Math.Abs(node.Column);
        var groups = new Dictionary<string, (string[] Labels, long Count)>(StringComparer.Ordinal);
        foreach (var (digits, count) in _paths)
        {
            if (!Reaches(digits, side, steps) || NodeLabel(digits, side, steps) != node.Label)
            {
                continue;
            }

            var labels = new string[steps + 1];
            for (var s = 1; s <= steps; s++)
            {
                var label = StepLabel(digits, side, s);
                if (side > 0)
                {
                    labels[s] = label;
                }
                else
                {
                    labels[steps - s] = label;
                }
            }

            labels[side > 0 ? 0 : steps] = _layout.AnchorLabel;
            var key = string.Join('\u0001', labels);
            groups[key] = groups.TryGetValue(key, out var g) ? (g.Labels, g.Count + count) : (labels, count);
        }

        return [.. groups.Values
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Labels, LabelListComparer.Instance)
            .Take(top)
            .Select(g => new FlowPath(g.Labels, g.Count, node.Count == 0 ? 0 : (double)g.Count / node.Count))];
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Flow {Anchor} over {Runs.Count} runs: {AnchorCount:N0} at the anchor, {Nodes.Count} nodes, {Links.Count} links");

    private static int[] Decode(FlowLayout layout, ulong key)
    {
        var digits = new int[layout.After + layout.Before];
        for (var d = 0; d < digits.Length; d++)
        {
            digits[d] = layout.Digit(key, d);
        }

        return digits;
    }

    private double Pct(long count) => AnchorCount == 0 ? 0 : (double)count / AnchorCount;

    /// <summary>The digit of step <paramref name="step"/> (1-based) on a side.</summary>
    private int StepDigit(int[] digits, int side, int step) => digits[(side > 0 ? 0 : _layout.After) + step - 1];

    /// <summary>Whether a path reaches the column <paramref name="step"/> steps from the anchor (no terminal before it).</summary>
    private bool Reaches(int[] digits, int side, int step)
    {
        for (var s = 1; s < step; s++)
        {
            if (StepDigit(digits, side, s) == _layout.Terminal)
            {
                return false;
            }
        }

        return true;
    }

    private string TerminalLabel(int side) => side > 0 ? BucketFlowOptions.ExitLabel : BucketFlowOptions.EntryLabel;

    /// <summary>The item's own label at a step (Exit / Entry for the terminal).</summary>
    private string StepLabel(int[] digits, int side, int step)
    {
        var d = StepDigit(digits, side, step);
        return d == _layout.Terminal ? TerminalLabel(side) : _layout.StateLabels[d];
    }

    /// <summary>The label of the node a path goes through at a step (after merging).</summary>
    private string NodeLabel(int[] digits, int side, int step)
    {
        var d = StepDigit(digits, side, step);
        return d == _layout.Terminal ? TerminalLabel(side) : _mergedLabels[side * step][d];
    }

    private List<FlowNode> ColumnNodes(int column, int itemsPerColumn)
    {
        var side = column > 0 ? 1 : -1;
        var step = Math.Abs(column);
        var counts = new long[_layout.StateCount];
        long terminal = 0;
        foreach (var (digits, count) in _paths)
        {
            if (!Reaches(digits, side, step))
            {
                continue;
            }

            var d = StepDigit(digits, side, step);
            if (d == _layout.Terminal)
            {
                terminal += count;
            }
            else
            {
                counts[d] += count;
            }
        }

        var ranked = Enumerable.Range(0, counts.Length)
            .Where(s => counts[s] > 0)
            .OrderByDescending(s => counts[s])
            .ThenBy(s => _layout.StateLabels[s], StringComparer.Ordinal)
            .ToList();
        var labels = new string[counts.Length];
        var nodes = new List<FlowNode>();
        foreach (var s in ranked.Take(itemsPerColumn))
        {
            labels[s] = _layout.StateLabels[s];
            nodes.Add(new FlowNode(column, labels[s], FlowNodeKind.Item, counts[s], Pct(counts[s])));
        }

        var merged = ranked.Skip(itemsPerColumn).ToList();
        if (merged.Count > 0)
        {
            var label = string.Create(CultureInfo.InvariantCulture, $"+{merged.Count} more");
            var sum = merged.Sum(s => counts[s]);
            foreach (var s in merged)
            {
                labels[s] = label;
            }

            nodes.Add(new FlowNode(column, label, FlowNodeKind.More, sum, Pct(sum)) { MergedLabels = [.. merged.Select(s => _layout.StateLabels[s])] });
        }

        if (terminal > 0)
        {
            nodes.Add(new FlowNode(column, TerminalLabel(side), side > 0 ? FlowNodeKind.Exit : FlowNodeKind.Entry, terminal, Pct(terminal)));
        }

        _mergedLabels[column] = labels;
        return nodes;
    }

    private FlowLink[] BuildLinks()
    {
        // Position of each node in its column, to order the links.
        var position = new Dictionary<(int Column, string Label), int>();
        foreach (var group in _nodes.GroupBy(n => n.Column))
        {
            var i = 0;
            foreach (var node in group)
            {
                position[(node.Column, node.Label)] = i++;
            }
        }

        var links = new Dictionary<(int From, string FromLabel, string ToLabel), long>();
        foreach (var (digits, count) in _paths)
        {
            // Left of the anchor: from column −k to −k + 1, for paths reaching −k.
            for (var k = _layout.Before; k >= 1; k--)
            {
                if (!Reaches(digits, -1, k))
                {
                    continue;
                }

                var to = k == 1 ? _layout.AnchorLabel : NodeLabel(digits, -1, k - 1);
                Add(links, -k, NodeLabel(digits, -1, k), to, count);
            }

            // Right of the anchor: from column c to c + 1, for paths reaching c + 1.
            for (var c = 0; c < _layout.After; c++)
            {
                if (!Reaches(digits, 1, c + 1))
                {
                    break;
                }

                var from = c == 0 ? _layout.AnchorLabel : NodeLabel(digits, 1, c);
                Add(links, c, from, NodeLabel(digits, 1, c + 1), count);
            }
        }

        return [.. links
            .OrderBy(l => l.Key.From)
            .ThenBy(l => position[(l.Key.From, l.Key.FromLabel)])
            .ThenBy(l => position[(l.Key.From + 1, l.Key.ToLabel)])
            .Select(l => new FlowLink(l.Key.From, l.Key.FromLabel, l.Key.ToLabel, l.Value))];

        static void Add(Dictionary<(int, string, string), long> links, int from, string fromLabel, string toLabel, long count) =>
            links[(from, fromLabel, toLabel)] = links.GetValueOrDefault((from, fromLabel, toLabel)) + count;
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
