using System.Numerics;
using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>The fused cohort bitmap kernels against scalar loops, on every length 0..256 and boundary sizes.</summary>
public sealed class CohortBitmapsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([1023, 1024, 1025, 32_767, 32_768, 1_000_003 / 64]))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Each_kernel_equals_its_scalar_definition(int length)
    {
        var random = new Random(length);
        foreach (var density in new[] { 0.0, 0.05, 0.5, 1.0 })
        {
            var left = Bits(random, length, density);
            var right = Bits(random, length, 0.5);
            var exclude = Bits(random, length, 0.3);

            long expected = 0;
            for (var i = 0; i < length; i++)
            {
                expected += BitOperations.PopCount(left[i] & right[i]);
            }

            Assert.Equal(expected, CohortBitmaps.AndPopCount(left, right));

            var accumulator = (ulong[])left.Clone();
            Assert.Equal(expected, CohortBitmaps.AndInPlacePopCount(accumulator, right));
            Assert.Equal(left.Zip(right, (l, r) => l & r), accumulator);

            var destination = Bits(random, length, 0.1);
            var before = (ulong[])destination.Clone();
            var any = CohortBitmaps.OrAndNot(destination, left, exclude);
            Assert.Equal(before.Select((d, i) => d | (left[i] & ~exclude[i])), destination);
            Assert.Equal(left.Where((l, i) => (l & ~exclude[i]) != 0).Any(), any);

            var union = (ulong[])before.Clone();
            Assert.Equal(left.Any(l => l != 0), CohortBitmaps.OrAndNot(union, left, default));
            Assert.Equal(before.Select((d, i) => d | left[i]), union);
        }
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => CohortBitmaps.AndPopCount(new ulong[3], new ulong[4]));
        Assert.Throws<ArgumentException>(() => CohortBitmaps.AndInPlacePopCount(new ulong[3], new ulong[2]));
        Assert.Throws<ArgumentException>(() => CohortBitmaps.OrAndNot(new ulong[2], new ulong[3], default));
        Assert.Throws<ArgumentException>(() => CohortBitmaps.OrAndNot(new ulong[3], new ulong[3], new ulong[2]));
    }

    private static ulong[] Bits(Random random, int length, double density)
    {
        var words = new ulong[length];
        for (var i = 0; i < length; i++)
        {
            for (var b = 0; b < 64; b++)
            {
                if (random.NextDouble() < density)
                {
                    words[i] |= 1UL << b;
                }
            }
        }

        return words;
    }
}
