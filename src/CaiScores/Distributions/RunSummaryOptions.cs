using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Distributions;

/// <summary>Settings of <see cref="RunSummary.Compute(Columnar.ScoreTable, RunSummaryOptions?)"/>; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class RunSummaryOptions
{
    /// <summary>The buckets counted per run, and the field they cut (score, probability or percentile).</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (Low <c>&lt; 25</c>, Medium <c>25 to 75</c>, High <c>≥ 75</c> of the score).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>Only the runs whose score date is in this window.</summary>
    /// <value>Default null: every run of the table. A window with no run gives no rows, not an error.</value>
    public DateRange? Range { get; init; }

    /// <summary>
    /// Only the persons of this segment (a person-level filter, evaluated over the runs summarised: a condition without a
    /// run of its own looks at every one of them).
    /// </summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks merged in order).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static RunSummaryOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Cai, BucketScheme.Distribution5 or BucketScheme.Create)");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid RunSummaryOptions: {string.Join("; ", errors)}.", "options");
        }
    }
}
