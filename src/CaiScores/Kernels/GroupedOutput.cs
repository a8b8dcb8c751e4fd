namespace CaiScores.Kernels;

/// <summary>Per-key accumulators a <see cref="GroupedBucketAggregator"/> adds to; key = group slot × (edges + 2) + bucket slot.</summary>
internal readonly ref struct GroupedOutput
{
    /// <summary>Rows per key.</summary>
    public required Span<long> Rows { get; init; }

    /// <summary>Sum of the values per key (the no-value slots are left untouched).</summary>
    public required Span<double> ValueSums { get; init; }

    /// <summary>Sum of the non-null, non-NaN second values per key.</summary>
    public Span<double> SecondSums { get; init; }

    /// <summary>Non-null, non-NaN second values per key.</summary>
    public Span<long> SecondCounts { get; init; }

    /// <summary>Optional: one bitmap of <see cref="KeyBitWords"/> words per key, a bit set for every row counted under the key.</summary>
    public Span<ulong> KeyBits { get; init; }

    /// <summary>Words per key in <see cref="KeyBits"/>.</summary>
    public int KeyBitWords { get; init; }
}
