namespace CaiScores.Kernels;

/// <summary>
/// One order statistic of a column: the value at a rank, and how many values lie strictly above it and exactly on it.
/// </summary>
/// <param name="Value">The value at the rank (−0.0 is reported as 0.0).</param>
/// <param name="Above">The valid values strictly greater than <paramref name="Value"/>.</param>
/// <param name="Equal">The valid values equal to <paramref name="Value"/> (−0.0 and 0.0 are equal).</param>
internal readonly record struct OrderStatistic(double Value, long Above, long Equal);
