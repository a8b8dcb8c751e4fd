using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>The grouped bucket aggregation against a row-at-a-time reference: every length 0..256, boundary sizes, null patterns.</summary>
public sealed class GroupedBucketAggregatorTests
{
    private static readonly double[][] EdgeSets = [[], [25, 75], [10, 20, 30, 40], [.. Enumerable.Range(1, 19).Select(i => i * 5.0)]];

    public static TheoryData<int> Lengths() => BucketCounterTests.Lengths();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Matches_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => random.Next(20) switch
        {
            0 => double.NaN,
            1 => 25,
            2 => 75,
            3 => double.PositiveInfinity,
            4 => -1,
            _ => random.NextDouble() * 100,
        }).ToArray();
        var second = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
        var groups = Enumerable.Range(0, length).Select(_ => (ushort)random.Next(0, 5)).ToArray();
        foreach (var edges in EdgeSets)
        {
            foreach (var pattern in new[] { 0, 1, 3, 13 })
            {
                var include = Bits(length, i => pattern == 0 || i % pattern != 1);
                var valid = Bits(length, i => pattern == 0 || i % (pattern + 1) != 0);
                var secondValid = Bits(length, i => i % 5 != 2);
                foreach (var withGroups in new[] { false, true })
                {
                    // With key bitmaps (the row path) and without (the coded path, on AVX-512 machines).
                    Check(values, second, withGroups ? groups : [], edges, include, valid, secondValid, withGroups ? 4 : 0, keyBitmaps: true);
                    Check(values, second, withGroups ? groups : [], edges, include, valid, secondValid, withGroups ? 4 : 0, keyBitmaps: false);
                    Check(values, [], withGroups ? groups : [], edges, include, valid, secondValid, withGroups ? 4 : 0, keyBitmaps: false);
                }
            }
        }
    }

    [Fact]
    public void Accumulators_are_added_to_not_overwritten()
    {
        double[] values = [10, 30, 80];
        var include = Bits(3, _ => true);
        var keys = GroupedBucketAggregator.KeyCount(0, 2);
        var rows = new long[keys];
        var sums = new double[keys];
        for (var pass = 0; pass < 2; pass++)
        {
            GroupedBucketAggregator.Accumulate(
                new GroupedInput { Include = include, Values = values, ValueValidity = include, Edges = [25, 75] },
                new GroupedOutput { Rows = rows, ValueSums = sums });
        }

        Assert.Equal([2L, 2, 2, 0], rows);
        Assert.Equal([20.0, 60, 160, 0], sums);
    }

    [Fact]
    public void Mismatched_shapes_are_refused() =>
        Assert.Throws<ArgumentException>(() => GroupedBucketAggregator.Accumulate(
            new GroupedInput { Include = new ulong[1], Values = new double[65], ValueValidity = new ulong[2], Edges = [1] },
            new GroupedOutput { Rows = new long[3], ValueSums = new double[3] }));

    private static void Check(double[] values, double[] second, ushort[] groups, double[] edges, ulong[] include, ulong[] valid, ulong[] secondValid, int groupCount, bool keyBitmaps)
    {
        var keys = GroupedBucketAggregator.KeyCount(groupCount, edges.Length);
        var words = include.Length;
        var rows = new long[keys];
        var sums = new double[keys];
        var secondSums = new double[keys];
        var secondCounts = new long[keys];
        var keyBits = keyBitmaps ? new ulong[keys * words] : [];
        var hasSecond = second.Length > 0;
        var nan = GroupedBucketAggregator.Accumulate(
            new GroupedInput { Include = include, Values = values, ValueValidity = valid, Second = second, SecondValidity = secondValid, GroupSlots = groups, Edges = edges },
            new GroupedOutput { Rows = rows, ValueSums = sums, SecondSums = hasSecond ? secondSums : default, SecondCounts = hasSecond ? secondCounts : default, KeyBits = keyBits, KeyBitWords = words });

        // Reference: one row at a time, linear edge scan.
        var slots = edges.Length + 2;
        var eRows = new long[keys];
        var eSums = new double[keys];
        var eSecond = new double[keys];
        var eSecondCounts = new long[keys];
        var eBits = keyBitmaps ? new ulong[keys * words] : [];
        long eNan = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!Bit(include, i))
            {
                continue;
            }

            int bucket;
            if (!Bit(valid, i) || double.IsNaN(values[i]))
            {
                bucket = slots - 1;
                eNan += Bit(valid, i) ? 1 : 0;
            }
            else
            {
                bucket = edges.Count(e => values[i] >= e);
            }

            var key = ((groups.Length == 0 ? 0 : groups[i]) * slots) + bucket;
            eRows[key]++;
            eSums[key] += bucket == slots - 1 ? 0 : values[i];
            if (hasSecond && Bit(secondValid, i))
            {
                eSecond[key] += second[i];
                eSecondCounts[key]++;
            }

            if (keyBitmaps)
            {
                eBits[(key * words) + (i >> 6)] |= 1UL << (i & 63);
            }
        }

        Assert.Equal(eRows, rows);
        Assert.Equal(eNan, nan);
        Assert.Equal(eSecondCounts, secondCounts);
        Assert.Equal(eBits, keyBits);
        for (var k = 0; k < keys; k++)
        {
            Assert.Equal(eSums[k], sums[k], Math.Max(1e-9, Math.Abs(eSums[k]) * 1e-12));
            Assert.Equal(eSecond[k], secondSums[k], Math.Max(1e-9, Math.Abs(eSecond[k]) * 1e-12));
        }
    }

    private static ulong[] Bits(int length, Func<int, bool> set)
    {
        var words = new ulong[(length + 63) / 64];
        for (var i = 0; i < length; i++)
        {
            if (set(i))
            {
                words[i >> 6] |= 1UL << (i & 63);
            }
        }

        return words;
    }

    private static bool Bit(ulong[] words, int i) => (words[i >> 6] & (1UL << (i & 63))) != 0;
}
