namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracles for selection and quantiles: copy the valid numbers, sort them, index. NaN is left out (and
/// counted); −0.0 is compared as 0.0, as <see cref="double"/> comparison does.
/// </summary>
internal static class ReferenceQuantiles
{
    /// <summary>The valid values that are numbers, sorted descending, and the count of valid NaNs.</summary>
    public static (double[] Descending, long NaN) Sorted(IReadOnlyList<double> values, IReadOnlyList<bool>? valid)
    {
        var kept = new List<double>(values.Count);
        long nan = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (valid is not null && !valid[i])
            {
                continue;
            }

            if (double.IsNaN(values[i]))
            {
                nan++;
            }
            else
            {
                kept.Add(values[i]);
            }
        }

        var sorted = kept.ToArray();
        Array.Sort(sorted);
        Array.Reverse(sorted);
        return (sorted, nan);
    }

    /// <summary>The value at descending rank <paramref name="rank"/> (1 = largest), the count above it and the count equal to it.</summary>
    public static (double Value, long Above, long Equal) AtRank(double[] descending, long rank)
    {
        var value = descending[rank - 1];
        return (value, descending.LongCount(v => v > value), descending.LongCount(v => v == value));
    }

    /// <summary>The top <paramref name="count"/> by value, ties at the last one included: the lowest value kept and how many are kept.</summary>
    public static (double Threshold, long Count) Top(double[] descending, long count)
    {
        var threshold = descending[count - 1];
        return (threshold, descending.LongCount(v => v >= threshold));
    }

    /// <summary>DuckDB's quantile_disc: the value at ascending index max(1, ⌈n·q⌉) − 1, q exact in decimal.</summary>
    public static double QuantileDisc(double[] descending, decimal q)
    {
        var n = descending.Length;
        var index = (int)Math.Max(1, Math.Ceiling(n * q)) - 1;
        return descending[n - 1 - index];
    }

    /// <summary>The upper-rank quantile: the value at ascending index min(n − 1, ⌊n·q⌋).</summary>
    public static double UpperRank(double[] descending, decimal q)
    {
        var n = descending.Length;
        var index = (int)Math.Min(n - 1, Math.Floor(n * q));
        return descending[n - 1 - index];
    }
}
