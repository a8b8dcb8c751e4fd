using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Transitions;

/// <summary>
/// Settings of <see cref="TransitionMatrix.Compute"/> and <see cref="TransitionSeries.Compute"/>; each property states its
/// default.
/// </summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class TransitionOptions
{
    /// <summary>
    /// The buckets persons move between, and the field they cut: the score (0–100), the probability (0–1) or the
    /// percentile score (1–100), as <see cref="BucketScheme.Field"/> says — e.g.
    /// <c>BucketScheme.Create(ScoreField.Probability, 0.1, 0.5)</c>.
    /// </summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (Low <c>&lt; 25</c>, Medium <c>25 to 75</c>, High <c>≥ 75</c> on the score).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>
    /// Only the persons of this segment (a person-level filter, CJA's person container). The segment is evaluated over
    /// every run of the table (a condition without a run of its own matches a person who met it in any run); give its
    /// conditions a <c>run</c> to look at one run only. Persons outside it count nowhere, not even as entries or exits.
    /// </summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>
    /// Whether the matrix has a "No value" row and column (CJA's <i>Show No value</i>) for the persons scored in a run
    /// without a value in the field (null, or NaN kept by the table's out-of-range policy). When hidden, such a person is
    /// treated as not having a bucket in that run: a move from a bucket to "No value" counts as an exit, a move from
    /// "No value" to a bucket as an entry. Either way each bucket row (with its exit) adds up to the persons of the from-run
    /// in that bucket, and the counts of "No value" persons are in <see cref="TransitionMatrix.NoValueFrom"/> and
    /// <see cref="TransitionMatrix.NoValueTo"/>.
    /// </summary>
    /// <value>Default false, as CJA's "Don't show No value by default" (and as the distributions and trends).</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>The label of the "No value" row and column (CJA lets a data view rename it).</summary>
    /// <value>Default <c>"No value"</c>; not empty, and not <c>Entry</c>, <c>Exit</c> or a bucket's label or alias.</value>
    public string NoValueLabel { get; init; } = "No value";

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks of persons merged in order).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static TransitionOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Cai, BucketScheme.Distribution5 or BucketScheme.Create)");
        }

        if (string.IsNullOrEmpty(NoValueLabel))
        {
            errors.Add("NoValueLabel is empty");
        }
        else if (NoValueLabel is TransitionMatrix.EntryLabel or TransitionMatrix.ExitLabel
            || (Scheme is not null && Scheme.Buckets.Any(b => b.Label == NoValueLabel || b.Alias == NoValueLabel)))
        {
            errors.Add($"NoValueLabel '{NoValueLabel}' is already the name of a row or column (Entry, Exit or a bucket)");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid TransitionOptions: {string.Join("; ", errors)}.", "options");
        }
    }
}
