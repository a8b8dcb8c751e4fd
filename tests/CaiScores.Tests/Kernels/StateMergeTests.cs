using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>The merge of two states' arrays against the plain loop, on every length 0..256 and boundary sizes.</summary>
public sealed class StateMergeTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([1023, 1024, 1025, 32767, 32768, 1_000_003]))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Counts_add_element_by_element(int n)
    {
        var random = new Random(n);
        var into = Enumerable.Range(0, n).Select(_ => random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)).ToArray();
        var other = Enumerable.Range(0, n).Select(_ => random.NextInt64(-1_000_000_000_000, 1_000_000_000_000)).ToArray();
        var expected = into.Zip(other, (a, b) => a + b).ToArray();

        StateMerge.Add(into, other);

        Assert.Equal(expected, into);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Sums_get_one_addition_each_so_the_bits_match_the_plain_loop(int n)
    {
        var random = new Random(n + 7);
        var into = Enumerable.Range(0, n).Select(i => i % 17 == 3 ? double.NaN : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        var other = Enumerable.Range(0, n).Select(i => i % 29 == 5 ? double.PositiveInfinity : (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-8, 9))).ToArray();
        var expected = new double[n];
        for (var i = 0; i < n; i++)
        {
            expected[i] = into[i] + other[i];
        }

        StateMerge.Add(into, other);

        Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), into.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void States_of_different_plans_are_refused()
    {
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => StateMerge.Add(new long[3], new long[4])).ParamName);
        Assert.Equal("other", Assert.Throws<ArgumentException>(() => StateMerge.Add(new double[4], new double[3])).ParamName);
    }

    [Fact]
    public void A_slice_merges_only_its_own_elements()
    {
        var into = new long[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
        StateMerge.Add(into.AsSpan(3, 5), new long[] { 1, 2, 3, 4, 5 });
        Assert.Equal([1L, 1, 1, 2, 3, 4, 5, 6, 1, 1], into);
    }
}
