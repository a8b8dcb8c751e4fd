namespace CaiScores.Targeting;

/// <summary>How <see cref="TopPercent.Select"/> decides who is in the top p %.</summary>
public enum TargetingMethod
{
    /// <summary>
    /// Customer AI's own percentiles, as its docs target them: persons whose supplied <c>percentileScore</c> is greater
    /// than <c>100 − p</c> (top 20 % → <c>percentileScore &gt; 80</c>, "the top two deciles"). The default.
    /// </summary>
    SuppliedPercentile = 0,

    /// <summary>
    /// Recomputed from the values of <see cref="TopPercentOptions.Field"/>: the <c>⌈p % × n⌉</c> persons with the
    /// highest values, and everyone tied with the lowest of them.
    /// </summary>
    Recomputed = 1,

    /// <summary>
    /// DuckDB's convention: the threshold is <c>quantile_disc(field, 1 − p/100)</c> over the persons with a value, and
    /// everyone at or above it is selected (what <c>WHERE score &gt;= (SELECT quantile_disc(score, 0.8) …)</c> returns).
    /// </summary>
    QuantileDisc = 2,
}
