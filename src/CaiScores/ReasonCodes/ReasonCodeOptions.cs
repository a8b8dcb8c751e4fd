using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.ReasonCodes;

/// <summary>What a <see cref="ReasonCodeTable"/> computes: buckets, how many factors per bucket, which runs, persons and factors.</summary>
/// <remarks>
/// <para>There is no ranking option: CJA's freeform table ranks a bucket's factors by People, the CAI insight cards by
/// coverage of the bucket (People over the bucket's People). Within one bucket the denominator is the same for every
/// factor, so both give the same order, and both numbers are on every <see cref="ReasonCodeFactor"/>.</para>
/// <para>Options are checked when the table is computed; every problem is reported at once.</para>
/// </remarks>
public sealed record ReasonCodeOptions
{
    /// <summary>The factors shown per bucket by the CAI insight cards.</summary>
    public const int InsightCardsTopN = 10;

    /// <summary>The options of the CAI "Influential factors" cards: the top 10 factors per Low / Medium / High bucket of the latest run.</summary>
    public static ReasonCodeOptions InsightCards { get; } = new() { TopN = InsightCardsTopN };

    /// <summary>The buckets (rows of the table); their field is the value bucketed (score, probability or percentile).</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/>: <c>Less than 25</c>, <c>25 to 75</c>, <c>75 or more</c> on the score.</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>The factors listed per bucket, most people first; the others are counted in <see cref="ReasonCodeBucket.OtherCodes"/>.</summary>
    /// <value>Default 5, as CJA's freeform table in the CAI integration screenshot; the CAI insight cards show
    /// <see cref="InsightCardsTopN"/> (10). At least 1; <see cref="int.MaxValue"/> lists every code.</value>
    public int TopN { get; init; } = 5;

    /// <summary>The scoring run counted (its score date). Not together with <see cref="Range"/>.</summary>
    /// <value>Default null: the latest run, unless <see cref="Range"/> is set.</value>
    public DateOnly? Run { get; init; }

    /// <summary>
    /// A reporting window: every run whose score date is in it counts, with CJA's People semantics — a person counts in
    /// every bucket one of their runs in the window falls in, a factor counts for a bucket when the person has it on a run
    /// in that bucket, and every count is of distinct persons. Not together with <see cref="Run"/>.
    /// </summary>
    /// <value>Default null: one run (<see cref="Run"/>, or the latest).</value>
    public DateRange? Range { get; init; }

    /// <summary>
    /// Keeps the persons who match (CJA's person container). With <see cref="Range"/> the segment looks at the runs in the
    /// window; with one run it looks at every run of the table (give a condition a run to look at that run only).
    /// </summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>The importances whose factors count; a factor of another importance is ignored as if absent.</summary>
    /// <value>Default <see cref="ImportanceFilter.Any"/>.</value>
    public ImportanceFilter Importance { get; init; } = ImportanceFilter.Any;

    /// <summary>
    /// Whether factors without a code count, as one item labelled "No value" (<see cref="ReasonCodeFactor.Code"/> null),
    /// both in the factor lists and in <see cref="ReasonCodeBucket.TableTotal"/>.
    /// </summary>
    /// <value>Default false, as CJA's "Don't show No value by default" and the CAI cards.</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>Threads to use; results are identical for any value.</summary>
    /// <value>Default 1 (the calling thread only).</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}

/// <summary>Which factor importances a <see cref="ReasonCodeTable"/> counts; combine with <c>|</c>.</summary>
[Flags]
#pragma warning disable CA1008 // "None" would count nothing: it is not a valid filter.
public enum ImportanceFilter
#pragma warning restore CA1008
{
    /// <summary>Factors without an importance, or with one other than low, medium or high (<see cref="Models.Importance.Unspecified"/>).</summary>
    Unspecified = 1 << 0,

    /// <summary><see cref="Models.Importance.Low"/>.</summary>
    Low = 1 << 1,

    /// <summary><see cref="Models.Importance.Medium"/>.</summary>
    Medium = 1 << 2,

    /// <summary><see cref="Models.Importance.High"/>.</summary>
    High = 1 << 3,

    /// <summary>Every factor, whatever its importance.</summary>
    Any = Unspecified | Low | Medium | High,
}
