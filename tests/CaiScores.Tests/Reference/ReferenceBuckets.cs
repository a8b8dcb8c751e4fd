namespace CaiScores.Tests.Reference;

/// <summary>The naive oracle for bucket counting: one value at a time, a linear scan of the edges.</summary>
internal static class ReferenceBuckets
{
    /// <summary>The bucket of one value: the number of edges at or below it; −1 for NaN.</summary>
    public static int Bucket(double value, ReadOnlySpan<double> edges)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        var bucket = 0;
        while (bucket < edges.Length && value >= edges[bucket])
        {
            bucket++;
        }

        return bucket;
    }

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

            var bucket = Bucket(values[i], edges);
            if (bucket < 0)
            {
                nan++;
            }
            else
            {
                counts[bucket]++;
            }
        }

        return (counts, nan);
    }
}
