namespace CaiScores.Tests.Reference;

/// <summary>The naive oracle for bucket counting: one value at a time, a linear scan of the edges.</summary>
internal static class ReferenceBuckets
{
    public static (long[] Counts, long NaN) Count(double[] values, bool[]? valid, double[] edges)
    {
        var counts = new long[edges.Length + 1];
        long nan = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (valid is not null && !valid[i])
            {
                continue;
            }

            if (double.IsNaN(values[i]))
            {
                nan++;
                continue;
            }

            var bucket = 0;
            while (bucket < edges.Length && values[i] >= edges[bucket])
            {
                bucket++;
            }

            counts[bucket]++;
        }

        return (counts, nan);
    }
}
