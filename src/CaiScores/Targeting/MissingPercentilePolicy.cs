namespace CaiScores.Targeting;

/// <summary>What <see cref="TargetingMethod.SuppliedPercentile"/> does with a scored person whose <c>percentileScore</c> is null.</summary>
public enum MissingPercentilePolicy
{
    /// <summary>Leave the person out (counted in <see cref="TopPercentSelection.NoValue"/>). The default.</summary>
    Exclude = 0,

    /// <summary>
    /// Recompute the person's percentile CAI's way from <see cref="TopPercentOptions.Field"/>:
    /// <c>⌈100 × rank / N⌉</c>, rank over the ascending values of every person of the run that has one (ties share the
    /// highest rank), and select the person when it is greater than <c>100 − p</c>.
    /// </summary>
    Recompute = 1,
}
