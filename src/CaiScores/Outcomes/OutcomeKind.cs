namespace CaiScores.Outcomes;

/// <summary>What a <see cref="PerformanceSummary"/> calls its actual rate: converting (an outcome in the window) or churning (none).</summary>
public enum OutcomeKind
{
    /// <summary>A propensity to convert: the actual rate is the share of profiles with at least one outcome in the window.</summary>
    Conversion = 0,

    /// <summary>A propensity to churn: the actual rate is the share of profiles with no outcome in the window.</summary>
    Churn = 1,
}
