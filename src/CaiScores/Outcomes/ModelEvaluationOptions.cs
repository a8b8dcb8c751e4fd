using System.Globalization;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>Settings of <see cref="ModelEvaluation.Compute"/>; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class ModelEvaluationOptions
{
    /// <summary>
    /// The outcome window in days: a person is a positive when they have at least one outcome in
    /// <c>(scoreDate, scoreDate + OutcomeWindowDays]</c>, from midnight of the run's score date (exclusive) to midnight
    /// that many days later (inclusive), in <see cref="TimeZone"/>.
    /// </summary>
    /// <value>Required; at least 1 (the model's outcome window, e.g. 30).</value>
    public required int OutcomeWindowDays { get; init; }

    /// <summary>The run (score date) to evaluate.</summary>
    /// <value>Default null: the latest run.</value>
    public DateOnly? Run { get; init; }

    /// <summary>The number of equal-count groups by score, descending (10 = deciles, CAI's lift and gains charts).</summary>
    /// <value>Default 10; 1 to 100.</value>
    public int Groups { get; init; } = 10;

    /// <summary>Only the persons of this segment (a person-level filter evaluated on every run of the table).</summary>
    /// <value>Default null: everyone scored in the run.</value>
    public Segment? Segment { get; init; }

    /// <summary>The time zone whose midnight starts and ends the outcome window (CJA: the data view's time zone).</summary>
    /// <value>Default <see cref="TimeZoneInfo.Utc"/>.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>When the outcome data was complete; the window has passed (<see cref="ModelEvaluation.IsComplete"/>) when its end is at or before this.</summary>
    /// <value>Default null: <see cref="OutcomeEvents.Latest"/>, the latest outcome read (no outcomes: never complete).</value>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Threads to rank on. Results are identical for any value.</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal void Validate()
    {
        var errors = new List<string>();
        OutcomeOptions.CheckWindow(OutcomeWindowDays, errors);
        if (Groups is < 1 or > 100)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Groups is {Groups}; it is 1 to 100 (10 for deciles)"));
        }

        OutcomeOptions.CheckCommon(TimeZone, MaxDegreeOfParallelism, errors);
        OutcomeOptions.Throw(nameof(ModelEvaluationOptions), errors);
    }
}

/// <summary>Validation shared by the outcome analyses' options.</summary>
internal static class OutcomeOptions
{
    /// <summary>The longest outcome window (about 27 years): far beyond any model's, short of date overflow.</summary>
    public const int MaxWindowDays = 10_000;

    public static void CheckWindow(int days, List<string> errors)
    {
        if (days is < 1 or > MaxWindowDays)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"OutcomeWindowDays is {days}; it must be 1 to {MaxWindowDays} (the days after the score date in which an outcome counts)"));
        }
    }

    public static void CheckCommon(TimeZoneInfo? timeZone, int maxDegreeOfParallelism, List<string> errors)
    {
        if (timeZone is null)
        {
            errors.Add("TimeZone is null (use TimeZoneInfo.Utc)");
        }

        if (maxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {maxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }
    }

    public static void Throw(string type, List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {type}: {string.Join("; ", errors)}.", "options");
        }
    }
}
