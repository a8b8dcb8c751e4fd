using CaiScores.Bucketing;
using CaiScores.Kernels;

namespace CaiScores.Flows;

/// <summary>
/// How a flow's paths are packed: the states (the scheme's buckets, then No value and Not scored when included), the map
/// from <see cref="BucketCodes"/> byte codes to states, and the digits of a path key.
/// </summary>
/// <remarks>
/// A path key holds the columns around one anchor occurrence in base <see cref="Base"/> (<see cref="StateCount"/> + 1): digit
/// <c>j</c> (weight <c>Base^j</c>) for <c>j &lt; After</c> is the state <c>j + 1</c> steps after the anchor, digit
/// <c>After + k − 1</c> the state <c>k</c> steps before it; <see cref="Terminal"/> where the sequence ended (Exit) or had not
/// begun (Entry), and in every digit beyond. At most 10 digits of base 23: below 2^46.
/// </remarks>
internal sealed class FlowLayout
{
    /// <summary>A code map entry: the run is no step (scored without a value, No value not included).</summary>
    public const byte Drop = 0xFF;

    /// <summary>A code map entry: the person is missing from the run (or outside the segment).</summary>
    public const byte Gap = 0xFE;

    private FlowLayout(BucketFlowOptions options)
    {
        var scheme = options.Scheme;
        var buckets = scheme.Buckets.Count;
        var labels = scheme.Buckets.Select(b => b.Label).ToList();
        NoValueState = options.IncludeNoValue ? labels.Count : -1;
        if (options.IncludeNoValue)
        {
            labels.Add(options.NoValueLabel);
        }

        NotScoredState = options.IncludeNotScored ? labels.Count : -1;
        if (options.IncludeNotScored)
        {
            labels.Add(options.NotScoredLabel);
        }

        StateLabels = [.. labels];
        StateCount = StateLabels.Length;
        Base = StateCount + 1;
        Terminal = (byte)StateCount;
        var edges = scheme.Edges.Count;
        CodeMap = new byte[256];
        CodeMap.AsSpan().Fill(Drop);
        for (var b = 0; b < buckets; b++)
        {
            CodeMap[b] = (byte)b;
        }

        CodeMap[BucketCodes.NaNCode(edges)] = options.IncludeNoValue ? (byte)NoValueState : Drop;
        CodeMap[BucketCodes.SkipCode(edges)] = Gap;
        Kind = options.Anchor.Kind;
        AnchorState = Kind == FlowAnchorKind.Entry ? -1 : StateOf(options, options.Anchor.Item!);
        AnchorLabel = AnchorState < 0 ? BucketFlowOptions.EntryLabel : StateLabels[AnchorState];
        After = Kind is FlowAnchorKind.Entry or FlowAnchorKind.StartsWith or FlowAnchorKind.Contains ? options.Columns : 0;
        Before = Kind is FlowAnchorKind.EndsWith or FlowAnchorKind.Contains ? options.Columns : 0;
        Weights = new ulong[After + Before + 1];
        Weights[0] = 1;
        for (var d = 1; d < Weights.Length; d++)
        {
            Weights[d] = Weights[d - 1] * (ulong)Base;
        }

        FirstOnly = options.LimitToFirstLastOccurrence && Kind is FlowAnchorKind.StartsWith or FlowAnchorKind.Contains;
        LastOnly = options.LimitToFirstLastOccurrence && Kind == FlowAnchorKind.EndsWith;
    }

    public string[] StateLabels { get; }

    public int StateCount { get; }

    /// <summary>The base of a path key's digits.</summary>
    public int Base { get; }

    /// <summary>The digit of Exit (after) or Entry (before).</summary>
    public byte Terminal { get; }

    public int NoValueState { get; }

    public int NotScoredState { get; }

    /// <summary>State per byte code (256 entries): a state, <see cref="Drop"/> or <see cref="Gap"/>.</summary>
    public byte[] CodeMap { get; }

    public FlowAnchorKind Kind { get; }

    /// <summary>The anchor item's state; −1 for Entry.</summary>
    public int AnchorState { get; }

    public string AnchorLabel { get; }

    /// <summary>Columns after the anchor.</summary>
    public int After { get; }

    /// <summary>Columns before the anchor.</summary>
    public int Before { get; }

    /// <summary><c>Base^d</c> for d = 0 … After + Before; the last is the key space.</summary>
    public ulong[] Weights { get; }

    public ulong KeySpace => Weights[^1];

    public bool FirstOnly { get; }

    public bool LastOnly { get; }

    public static FlowLayout Create(BucketFlowOptions options) => new(options);

    /// <summary>The state an item names (a bucket label or alias, or an included state's label), or −1.</summary>
    public static int StateOf(BucketFlowOptions options, string item)
    {
        var buckets = options.Scheme.Buckets;
        for (var b = 0; b < buckets.Count; b++)
        {
            if (buckets[b].Label == item || buckets[b].Alias == item)
            {
                return b;
            }
        }

        var next = buckets.Count;
        if (options.IncludeNoValue)
        {
            if (item == options.NoValueLabel)
            {
                return next;
            }

            next++;
        }

        return options.IncludeNotScored && item == options.NotScoredLabel ? next : -1;
    }

    /// <summary>The names an anchor item may take, for error messages.</summary>
    public static IEnumerable<string> ItemNames(BucketFlowOptions options)
    {
        foreach (var bucket in options.Scheme.Buckets)
        {
            yield return bucket.Label;
            if (bucket.Alias is { } alias)
            {
                yield return alias;
            }
        }

        if (options.IncludeNoValue)
        {
            yield return options.NoValueLabel;
        }

        if (options.IncludeNotScored)
        {
            yield return options.NotScoredLabel;
        }
    }

    /// <summary>Digit <paramref name="d"/> of a key.</summary>
    public int Digit(ulong key, int d) => (int)(key / Weights[d] % (ulong)Base);
}
