using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>Settings of <see cref="SuccessEventsByBucket.Compute"/>; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class SuccessEventsOptions
{
    /// <summary>The run (score date) whose buckets the persons are in.</summary>
    /// <value>Default null: the latest run.</value>
    public DateOnly? Run { get; init; }

    /// <summary>The buckets, and the field they cut.</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (Low &lt; 25 ≤ Medium &lt; 75 ≤ High, on the score).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>
    /// Count only the outcomes in <c>(scoreDate, scoreDate + OutcomeWindowDays]</c> (midnight to midnight in
    /// <see cref="TimeZone"/>); null counts every outcome of the person, whenever it happened.
    /// </summary>
    /// <value>Default null (every outcome); when set, at least 1.</value>
    public int? OutcomeWindowDays { get; init; }

    /// <summary>Only the persons of this segment (a person-level filter evaluated on every run of the table).</summary>
    /// <value>Default null: everyone scored in the run.</value>
    public Segment? Segment { get; init; }

    /// <summary>The time zone whose midnight starts and ends the outcome window.</summary>
    /// <value>Default <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks merged in order).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal void Validate()
    {
        var errors = new List<string>();
        if (OutcomeWindowDays is { } days)
        {
            OutcomeOptions.CheckWindow(days, errors);
        }

        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Cai or BucketScheme.Create)");
        }

        OutcomeOptions.CheckCommon(TimeZone, MaxDegreeOfParallelism, errors);
        OutcomeOptions.Throw(nameof(SuccessEventsOptions), errors);
    }
}
