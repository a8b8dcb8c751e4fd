using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>Equal-count groups against sorting (value descending, then person index) and cutting by the sizes.</summary>
public sealed class EqualCountGroupsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 40).Concat([99, 100, 101, 255, 1003, 4096, 4097, 32768, 100_003]))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Groups_match_sorting_and_cutting(int length)
    {
        var random = new Random(length);
        foreach (var kind in new[] { SelectionTests.ValueKind.Ties, SelectionTests.ValueKind.Wide, SelectionTests.ValueKind.AllEqual })
        {
            var values = SelectionTests.Values(random, length, kind);
            foreach (var nullEvery in new[] { 0, 3 })
            {
                var valid = nullEvery == 0 ? null : Enumerable.Range(0, length).Select(i => i % nullEvery != 0).ToArray();
                foreach (var groups in new[] { 10, 1, 3, 127 })
                {
                    var offset = valid is null ? 0 : 5;
                    var actual = new sbyte[length];
                    var sizes = EqualCountGroups.Assign(values, valid is null ? default : SelectionTests.Bitmap(valid, offset), offset, groups, actual);
                    var (expected, expectedSizes) = Reference(values, valid, groups);
                    Assert.Equal(expectedSizes, sizes);
                    Assert.Equal(expected, actual);
                }
            }
        }
    }

    [Fact]
    public void The_remainder_goes_to_the_top_groups()
    {
        Assert.Equal([101L, 101, 101, 100, 100, 100, 100, 100, 100, 100], EqualCountGroups.Sizes(1003, 10));
        Assert.Equal([1L, 1, 1, 0, 0, 0, 0, 0, 0, 0], EqualCountGroups.Sizes(3, 10));

        // Ten persons, scores 10 down to 1, and two ties at 5: deciles are one person each, ties split by person index.
        double[] scores = [10, 9, 8, 7, 6, 5, 5, 3, 2, 1];
        var groups = new sbyte[scores.Length];
        EqualCountGroups.Assign(scores, default, 0, 10, groups);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], groups.Select(g => (int)g));
        Assert.Equal("groups", Assert.Throws<ArgumentOutOfRangeException>(() => EqualCountGroups.Sizes(5, 0)).ParamName);
        Assert.Equal("groupOf", Assert.Throws<ArgumentException>(() => EqualCountGroups.Assign(scores, default, 0, 10, new sbyte[3])).ParamName);
    }

    private static (sbyte[] Groups, long[] Sizes) Reference(double[] values, bool[]? valid, int groups)
    {
        var ranked = Enumerable.Range(0, values.Length)
            .Where(i => (valid is null || valid[i]) && !double.IsNaN(values[i]))
            .OrderByDescending(i => values[i])
            .ThenBy(i => i)
            .ToList();
        var n = ranked.Count;
        var sizes = Enumerable.Range(0, groups).Select(g => (long)((n / groups) + (g < n % groups ? 1 : 0))).ToArray();
        var result = Enumerable.Repeat((sbyte)-1, values.Length).ToArray();
        var position = 0;
        for (var g = 0; g < groups; g++)
        {
            for (var k = 0; k < sizes[g]; k++)
            {
                result[ranked[position++]] = (sbyte)g;
            }
        }

        return (result, sizes);
    }
}
