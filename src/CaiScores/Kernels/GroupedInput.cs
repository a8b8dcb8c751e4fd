namespace CaiScores.Kernels;

/// <summary>The columns a <see cref="GroupedBucketAggregator"/> reads, all starting at the same row.</summary>
internal readonly ref struct GroupedInput
{
    /// <summary>Which rows take part: one bit per row, 64-bit words, bit 0 of word 0 is row 0.</summary>
    public required ReadOnlySpan<ulong> Include { get; init; }

    /// <summary>The bucketed values.</summary>
    public required ReadOnlySpan<double> Values { get; init; }

    /// <summary>Which values are non-null (words like <see cref="Include"/>); a null value goes to the no-value slot.</summary>
    public required ReadOnlySpan<ulong> ValueValidity { get; init; }

    /// <summary>A second value summed per key (e.g. probabilities), or empty.</summary>
    public ReadOnlySpan<double> Second { get; init; }

    /// <summary>Which second values are non-null.</summary>
    public ReadOnlySpan<ulong> SecondValidity { get; init; }

    /// <summary>A group slot per row (0 for rows without a group, a group's id + 1 otherwise), or empty for one group.</summary>
    public ReadOnlySpan<ushort> GroupSlots { get; init; }

    /// <summary>The bucket edges, strictly ascending; empty for a single bucket.</summary>
    public required ReadOnlySpan<double> Edges { get; init; }
}
