using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Models;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>Settings of <see cref="PerformanceSummary.Compute"/>; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class PerformanceSummaryOptions
{
    /// <summary>
    /// The outcome window in days: a profile converted when it has at least one outcome in
    /// <c>(scoreDate, scoreDate + OutcomeWindowDays]</c>, from midnight of the run's score date (exclusive) to midnight
    /// that many days later (inclusive), in <see cref="TimeZone"/>.
    /// </summary>
    /// <value>Required; at least 1 (the model's outcome window, e.g. 30).</value>
    public required int OutcomeWindowDays { get; init; }

    /// <summary>The propensity buckets, and the field they cut.</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (Low &lt; 25 ≤ Medium &lt; 75 ≤ High, on the score).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>Whether the actual rate counts conversions (an outcome in the window) or churn (none).</summary>
    /// <value>Default null: <see cref="PropensityKind.Churn"/> when the table's <see cref="Columnar.ScoreTable.ModelType"/> is
    /// <c>churn</c> (any case), else <see cref="PropensityKind.Conversion"/>.</value>
    public PropensityKind? Kind { get; init; }

    /// <summary>Only the runs whose score date is in this window.</summary>
    /// <value>Default null: every run of the table.</value>
    public DateRange? Range { get; init; }

    /// <summary>Only the persons of this segment (a person-level filter evaluated on the runs looked at).</summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>The time zone whose midnight starts and ends the outcome window (CJA: the data view's time zone).</summary>
    /// <value>Default <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>When the outcome data was complete: a run's actual rate is reported once its window has passed, <c>scoreDate + window &lt;= AsOf</c>.</summary>
    /// <value>Default null: <see cref="OutcomeEvents.Latest"/>, the latest outcome read (deterministic: the same data gives the
    /// same summary whenever it is run); without any outcome no window has passed. Pass <see cref="DateTimeOffset.UtcNow"/>
    /// to judge by the clock, as Customer AI's live chart does.</value>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks merged in order).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal void Validate()
    {
        var errors = new List<string>();
        OutcomeOptions.CheckWindow(OutcomeWindowDays, errors);
        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Cai or BucketScheme.Create)");
        }

        if (Kind is { } kind && !Enum.IsDefined(kind))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Kind {(int)kind} is not Conversion or Churn"));
        }

        OutcomeOptions.CheckCommon(TimeZone, MaxDegreeOfParallelism, errors);
        OutcomeOptions.Throw(nameof(PerformanceSummaryOptions), errors);
    }
}
