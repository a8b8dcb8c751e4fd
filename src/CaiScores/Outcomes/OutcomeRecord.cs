namespace CaiScores.Outcomes;

/// <summary>
/// One success event (an outcome: a purchase, a renewal, a visit — whatever the propensity model predicts), to join to a
/// <see cref="Columnar.ScoreTable"/> by person id with <see cref="OutcomeEvents.Join"/>.
/// </summary>
/// <remarks>A person may have any number of outcomes, at any times; the analyses decide which count (those in a run's
/// outcome window). <see cref="Value"/> is optional (e.g. revenue) and only summed by <see cref="SuccessEventsByBucket"/>.</remarks>
public sealed record OutcomeRecord
{
    /// <summary>The person id, as the table resolved it from the identity map (ordinal, case-sensitive).</summary>
    public required string PersonId { get; init; }

    /// <summary>When the outcome happened. Kept to the microsecond (as the score table keeps timestamps).</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>An optional value (revenue, units, …); null for none. NaN is kept and makes a value sum NaN.</summary>
    public double? Value { get; init; }
}
