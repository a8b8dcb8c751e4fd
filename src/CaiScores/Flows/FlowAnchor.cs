namespace CaiScores.Flows;

/// <summary>Where a <see cref="BucketFlow"/> is anchored (CJA's drop zones).</summary>
public enum FlowAnchorKind
{
    /// <summary>The start of every person's sequence: the anchor node is <c>Entry</c> and the columns follow it.</summary>
    Entry = 0,

    /// <summary>CJA's <i>Starts with</i> an item: the anchor node is the item and the columns follow it (to the right).</summary>
    StartsWith = 1,

    /// <summary>CJA's <i>Ends with</i> an item: the anchor node is the item and the columns lead up to it (to the left).</summary>
    EndsWith = 2,

    /// <summary>CJA's <i>Contains</i> an item: the anchor node is the item in the middle, columns on both sides.</summary>
    Contains = 3,
}

/// <summary>
/// The anchor of a <see cref="BucketFlow"/>: <see cref="Entry"/>, or a bucket label (or alias) that the flow starts with,
/// ends with or contains.
/// </summary>
/// <remarks>An item is a bucket's <see cref="Bucketing.Bucket.Label"/> (<c>75 or more</c>) or alias (<c>High</c>), or the
/// "No value" / "Not scored" label when the flow includes that state; it is checked against the scheme when the flow is
/// computed. Immutable; equal when kind and item are equal (ordinal).</remarks>
public sealed record FlowAnchor
{
    private FlowAnchor(FlowAnchorKind kind, string? item)
    {
        Kind = kind;
        Item = item;
    }

    /// <summary>The entry anchor (the default): every person with a non-empty sequence, once, at its start.</summary>
    public static FlowAnchor Entry { get; } = new(FlowAnchorKind.Entry, null);

    /// <summary>Where the anchor is.</summary>
    public FlowAnchorKind Kind { get; }

    /// <summary>The item (a bucket label or alias, or the No value / Not scored label); null for <see cref="Entry"/>.</summary>
    public string? Item { get; }

    /// <summary>Paths that start at an occurrence of <paramref name="item"/> and the columns after it.</summary>
    /// <param name="item">A bucket label or alias (e.g. <c>High</c> or <c>75 or more</c>).</param>
    /// <returns>The anchor.</returns>
    /// <exception cref="ArgumentException"><paramref name="item"/> is null or empty.</exception>
    public static FlowAnchor StartsWith(string item) => new(FlowAnchorKind.StartsWith, Check(item));

    /// <summary>Paths that end at an occurrence of <paramref name="item"/>: the columns before it.</summary>
    /// <param name="item">A bucket label or alias.</param>
    /// <returns>The anchor.</returns>
    /// <exception cref="ArgumentException"><paramref name="item"/> is null or empty.</exception>
    public static FlowAnchor EndsWith(string item) => new(FlowAnchorKind.EndsWith, Check(item));

    /// <summary>Paths through an occurrence of <paramref name="item"/>: the columns before and after it.</summary>
    /// <param name="item">A bucket label or alias.</param>
    /// <returns>The anchor.</returns>
    /// <exception cref="ArgumentException"><paramref name="item"/> is null or empty.</exception>
    public static FlowAnchor Contains(string item) => new(FlowAnchorKind.Contains, Check(item));

    /// <inheritdoc />
    public override string ToString() => Kind == FlowAnchorKind.Entry ? "Entry" : $"{Kind} {Item}";

    private static string Check(string item)
    {
        ArgumentException.ThrowIfNullOrEmpty(item);
        return item;
    }
}
