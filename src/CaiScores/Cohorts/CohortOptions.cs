using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Cohorts;

/// <summary>What a <see cref="CohortTable"/> computes: CJA's cohort table settings over scoring runs.</summary>
/// <remarks>Immutable (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed record CohortOptions
{
    /// <summary>The time step of cohorts and of the columns after them.</summary>
    /// <value>Default <see cref="CohortGranularity.Month"/> (CJA's default).</value>
    public CohortGranularity Granularity { get; init; } = CohortGranularity.Month;

    /// <summary>The report time zone: an Experience Event run falls on the day of its timestamp in this zone; a profile run on its score date.</summary>
    /// <value>Default UTC.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The day weeks start on.</summary>
    /// <value>Default <see cref="DayOfWeek.Sunday"/> (CJA's Gregorian default).</value>
    public DayOfWeek FirstDayOfWeek { get; init; } = DayOfWeek.Sunday;

    /// <summary>The reporting window; periods are clipped to it and every period in it has a cohort row.</summary>
    /// <value>Default null: from the period of the first run to that of the last.</value>
    public DateRange? Range { get; init; }

    /// <summary>
    /// The inclusion criterion: a person joins the cohort of a period when, in at least one run of that period, they have a
    /// score row and meet this segment evaluated on that run alone.
    /// </summary>
    /// <value>Default null: having a score row in the period (<see cref="Segment.Everyone"/>).</value>
    public Segment? Inclusion { get; init; }

    /// <summary>The return criterion: a person returned in a period when, in at least one run of it, they have a score row and meet this segment on that run.</summary>
    /// <value>Default null: having a score row in the period.</value>
    public Segment? Return { get; init; }

    /// <summary>Retention or churn.</summary>
    /// <value>Default <see cref="CohortType.Retention"/>.</value>
    public CohortType Type { get; init; } = CohortType.Retention;

    /// <summary>CJA's rolling calculation: a person is retained at offset k only if they returned at every offset 1…k.</summary>
    /// <value>Default false: retained at offset k when they returned in that period, whatever happened in between.</value>
    public bool Rolling { get; init; }

    /// <summary>Splits each cohort by the value of this person attribute, as of the first run of the period in which the person met the inclusion criterion.</summary>
    /// <value>Default null. At most 255 values; not with <see cref="SplitByBucket"/>.</value>
    public string? SplitByAttribute { get; init; }

    /// <summary>Splits each cohort by the bucket of this scheme the person's value fell in, in the first run of the period in which they met the inclusion criterion.</summary>
    /// <value>Default null. Not with <see cref="SplitByAttribute"/>.</value>
    public BucketScheme? SplitByBucket { get; init; }

    /// <summary>With a split, the items shown: the ones with the most included persons over all cohorts (CJA shows the top 14).</summary>
    /// <value>Default 14; at least 1.</value>
    public int MaxItems { get; init; } = 14;

    /// <summary>With a split, whether the "No value" item (no attribute value; a null or NaN value in the field) competes for the shown items.</summary>
    /// <value>Default false, as CJA's "Don't show No value by default".</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>Threads to use; results are identical for any value.</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}
