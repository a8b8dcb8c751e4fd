using System.Globalization;

namespace CaiScores.Bucketing;

/// <summary>
/// Rank arithmetic for top-p % and quantiles, exact: a percent or probability is taken at its shortest round-trip
/// decimal (0.07 is 7/100, not the binary double nearest to it), so that <c>⌈p % × n⌉</c> never rounds the wrong way.
/// </summary>
internal static class QuantileRanks
{
    /// <summary>The double's shortest round-trip decimal (<c>0.1</c> → 0.1 exactly).</summary>
    public static decimal Exact(double value) =>
        decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The number of persons the top <paramref name="percent"/> % of <paramref name="n"/> asks for: <c>⌈p × n / 100⌉</c>, at least 1 when n &gt; 0.</summary>
    public static long TopCount(decimal percent, long n) =>
        n == 0 ? 0 : Math.Clamp((long)Math.Ceiling(percent * n / 100m), 1, n);

    /// <summary>
    /// The 1-based ascending rank of the upper-rank quantile: <c>min(n, ⌊q × n⌋ + 1)</c>, the smallest value with more
    /// than <c>q × n</c> values at or below it.
    /// </summary>
    public static long UpperRank(decimal q, long n) => Math.Clamp((long)Math.Floor(q * n) + 1, 1, n);

    /// <summary>The 1-based ascending rank of DuckDB's <c>quantile_disc(x, q)</c>: <c>max(1, ⌈q × n⌉)</c>.</summary>
    public static long DiscRank(decimal q, long n) => Math.Clamp((long)Math.Ceiling(q * n), 1, n);

    /// <summary>The descending rank (1 = largest) of an ascending rank among <paramref name="n"/>.</summary>
    public static long Descending(long ascendingRank, long n) => n - ascendingRank + 1;
}
