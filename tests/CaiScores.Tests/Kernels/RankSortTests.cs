using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The ranking kernels against a stable comparison sort and a brute-force pair count: every length 0..256, boundary sizes,
/// many ties, all equal, ±∞, −0.0, values that differ only in their last bits.
/// </summary>
public sealed class RankSortTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([255, 256, 32767, 32768, 1_000_003]).Distinct())
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sorting_matches_a_stable_descending_sort_at_every_length(int length)
    {
        var random = new Random(length);
        foreach (var kind in Enum.GetValues<Kind>())
        {
            var values = Values(random, length, kind);
            var keys = values.Select(RankSort.DescendingKey).ToArray();
            var items = Enumerable.Range(0, length).ToArray();
            RankSort.Sort(keys, items, new ulong[length + 3], new int[length + 3]);

            // Descending by value, equal values (−0.0 = 0.0) in input order.
            var expected = Enumerable.Range(0, length).OrderByDescending(i => values[i] + 0.0).ToArray();
            Assert.Equal(expected, items);
            Assert.True(keys.Zip(items).All(t => t.First == RankSort.DescendingKey(values[t.Second])));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(1000)]
    public void The_mann_whitney_count_equals_the_pair_count_and_groups_count_their_positives(int length)
    {
        var random = new Random(length + 11);
        foreach (var kind in Enum.GetValues<Kind>())
        {
            var values = Values(random, length, kind);
            var positive = Enumerable.Range(0, length).Select(_ => random.Next(3) == 0).ToArray();
            var words = new ulong[(length + 63) / 64];
            for (var i = 0; i < length; i++)
            {
                words[i >> 6] |= positive[i] ? 1UL << i : 0;
            }

            var keys = values.Select(RankSort.DescendingKey).ToArray();
            var items = Enumerable.Range(0, length).ToArray();
            RankSort.Sort(keys, items, new ulong[length], new int[length]);
            long[] ends = [length / 3, length / 3, length / 2, length];
            var groups = new long[ends.Length];
            var twiceU = RankSort.TwiceMannWhitneyU(keys, items, words, ends, groups, out var positives, out var tiedPairs);

            long expected = 0, expectedTied = 0;
            for (var i = 0; i < length; i++)
            {
                for (var j = 0; j < length; j++)
                {
                    if (positive[i] && !positive[j])
                    {
                        expected += values[i] > values[j] ? 2 : values[i] == values[j] ? 1 : 0;
                        expectedTied += values[i] == values[j] ? 1 : 0;
                    }
                }
            }

            Assert.Equal(expected, twiceU);
            Assert.Equal(expectedTied, tiedPairs);
            Assert.Equal(positive.Count(p => p), positives);
            long from = 0;
            for (var g = 0; g < ends.Length; g++)
            {
                Assert.Equal(items[(int)from..(int)ends[g]].Count(i => positive[i]), groups[g]);
                from = ends[g];
            }
        }
    }

    [Fact]
    public void Merging_two_sorted_runs_orders_by_key_then_item()
    {
        var random = new Random(5);
        var values = Values(random, 3000, Kind.Ties);
        var keys = values.Select(RankSort.DescendingKey).ToArray();
        var items = Enumerable.Range(0, keys.Length).ToArray();
        var (lk, li) = (keys[..1234], items[..1234]);
        var (rk, ri) = (keys[1234..], items[1234..]);
        RankSort.Sort(lk, li, new ulong[lk.Length], new int[li.Length]);
        RankSort.Sort(rk, ri, new ulong[rk.Length], new int[ri.Length]);
        var mk = new ulong[keys.Length];
        var mi = new int[keys.Length];
        RankSort.Merge(lk, li, rk, ri, mk, mi);
        RankSort.Sort(keys, items, new ulong[keys.Length], new int[keys.Length]);
        Assert.Equal(keys, mk);
        Assert.Equal(items, mi);
        Assert.Throws<ArgumentException>(() => RankSort.Sort(new ulong[3], new int[2], new ulong[3], new int[3]));
        Assert.Throws<ArgumentException>(() => RankSort.Sort(new ulong[3], new int[3], new ulong[2], new int[3]));
    }

    public enum Kind
    {
        Wide,
        Ties,
        AllEqual,
        Special,
        LastBits,
    }

    private static double[] Values(Random random, int length, Kind kind) => kind switch
    {
        Kind.Wide => [.. Enumerable.Range(0, length).Select(_ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-300, 300)))],
        Kind.Ties => [.. Enumerable.Range(0, length).Select(_ => random.Next(0, 9) * 12.5)],
        Kind.AllEqual => [.. Enumerable.Repeat(42.0, length)],
        Kind.Special => [.. Enumerable.Range(0, length).Select(_ => random.Next(7) switch
        {
            0 => double.PositiveInfinity,
            1 => double.NegativeInfinity,
            2 => -0.0,
            3 => 0.0,
            4 => double.Epsilon,
            5 => -double.Epsilon,
            _ => random.NextDouble() * 100,
        })],
        _ => [.. Enumerable.Range(0, length).Select(_ => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + random.Next(0, 1 << 12)))],
    };
}
