namespace CaiScores.Distributions;

/// <summary>
/// Count, mean, minimum and maximum of the values a <see cref="ScoreDistribution"/> bucketed: every score row in its scope
/// with a value (null and NaN excluded), one per person and run — also when the distribution counts People over several
/// runs. Computed in the same pass as the buckets.
/// </summary>
/// <param name="Count">Values (score rows with a value).</param>
/// <param name="Sum">Their sum (0 when there are none).</param>
/// <param name="Min">The least value, or null when there are none.</param>
/// <param name="Max">The greatest value, or null when there are none.</param>
public sealed record ValueStatistics(long Count, double Sum, double? Min, double? Max)
{
    /// <summary>The mean, <c>Sum / Count</c>, or null when there are no values.</summary>
    public double? Mean => Count == 0 ? null : Sum / Count;
}
