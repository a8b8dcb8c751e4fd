using System.Numerics;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for integer histograms: exact arbitrary-precision arithmetic on each value (a double is floored and
/// converted to a <see cref="BigInteger"/>, which is exact for every integral double).
/// </summary>
internal static class ReferenceHistogram
{
    /// <summary>The slot of a value: −1 below the start, <c>k</c> for bucket k, <c>count</c> for the overflow bucket.</summary>
    public static int Slot(BigInteger value, long start, int count, long size)
    {
        if (value < start)
        {
            return -1;
        }

        var k = (value - start) / size;
        return k >= count ? count : (int)k;
    }

    /// <summary>Counts: [0] below, [1 … count] the buckets, [count + 1] overflow, [count + 2] NaN.</summary>
    public static long[] Count(IEnumerable<long> values, long start, int count, long size)
    {
        var tally = new long[count + 3];
        foreach (var v in values)
        {
            tally[Slot(v, start, count, size) + 1]++;
        }

        return tally;
    }

    /// <inheritdoc cref="Count(IEnumerable{long}, long, int, long)"/>
    public static long[] Count(IEnumerable<double> values, long start, int count, long size)
    {
        var tally = new long[count + 3];
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                tally[count + 2]++;
            }
            else if (double.IsInfinity(v))
            {
                tally[v < 0 ? 0 : count + 1]++;
            }
            else
            {
                tally[Slot(new BigInteger(Math.Floor(v)), start, count, size) + 1]++;
            }
        }

        return tally;
    }
}
