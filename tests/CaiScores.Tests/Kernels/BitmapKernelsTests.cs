using System.Runtime.InteropServices;
using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>The bitmap kernels against one-bit-at-a-time references: every length 0..256 and boundary sizes.</summary>
public sealed class BitmapKernelsTests
{
    public static TheoryData<int> Lengths() => BucketCounterTests.Lengths();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Set_algebra_matches_bit_by_bit(int bits)
    {
        var random = new Random(bits);
        var a = RandomWords(random, bits);
        var b = RandomWords(random, bits);
        var and = new ulong[a.Length];
        var or = new ulong[a.Length];
        var andNot = new ulong[a.Length];
        BitmapKernels.And(a, b, and);
        BitmapKernels.Or(a, b, or);
        BitmapKernels.AndNot(a, b, andNot);
        for (var i = 0; i < bits; i++)
        {
            Assert.Equal(Bit(a, i) && Bit(b, i), Bit(and, i));
            Assert.Equal(Bit(a, i) || Bit(b, i), Bit(or, i));
            Assert.Equal(Bit(a, i) && !Bit(b, i), Bit(andNot, i));
        }

        Assert.Equal(Enumerable.Range(0, bits).Count(i => Bit(a, i)), BitmapKernels.PopCount(a));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void In_range_matches_the_comparisons_and_clears_the_tail(int length)
    {
        var random = new Random(length + 1);
        var values = Enumerable.Range(0, length).Select(_ => random.Next(12) switch
        {
            0 => double.NaN,
            1 => 25,
            2 => 75,
            3 => double.PositiveInfinity,
            4 => double.NegativeInfinity,
            5 => 74.99999999999999,
            _ => random.NextDouble() * 100,
        }).ToArray();
        foreach (var (lo, hi) in new[] { (25.0, 75.0), (double.NegativeInfinity, 25.0), (75.0, double.NaN), (0.0, double.PositiveInfinity) })
        {
            var dest = new ulong[BitmapKernels.WordLength(length)];
            dest.AsSpan().Fill(ulong.MaxValue);
            BitmapKernels.InRange(values, lo, hi, dest);
            for (var i = 0; i < length; i++)
            {
                var expected = values[i] >= lo && (double.IsNaN(hi) || values[i] < hi);
                Assert.True(expected == Bit(dest, i), $"value {values[i]} in [{lo}, {hi}) at {i}");
            }

            for (var i = length; i < dest.Length * 64; i++)
            {
                Assert.False(Bit(dest, i));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Id_in_matches_a_set_lookup(int length)
    {
        var random = new Random(length + 2);
        var ids = Enumerable.Range(0, length).Select(_ => random.Next(-1, 40)).ToArray();
        foreach (var wanted in new[] { new[] { 3 }, [0, 5, 7], [.. Enumerable.Range(0, 20)], [-1] })
        {
            var dest = new ulong[BitmapKernels.WordLength(length)];
            dest.AsSpan().Fill(ulong.MaxValue);
            BitmapKernels.IdIn(ids, wanted, dest);
            for (var i = 0; i < dest.Length * 64; i++)
            {
                Assert.Equal(i < length && wanted.Contains(ids[i]), Bit(dest, i));
            }
        }
    }

    [Fact]
    public void Mismatched_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => BitmapKernels.And(new ulong[2], new ulong[3], new ulong[3]));
        Assert.Throws<ArgumentException>(() => BitmapKernels.InRange(new double[65], 0, 1, new ulong[1]));
    }

    private static ulong[] RandomWords(Random random, int bits)
    {
        var words = new ulong[BitmapKernels.WordLength(bits)];
        random.NextBytes(MemoryMarshal.AsBytes(words.AsSpan()));
        if ((bits & 63) != 0)
        {
            words[^1] &= (1UL << (bits & 63)) - 1;
        }

        return words;
    }

    private static bool Bit(ulong[] words, int i) => (words[i >> 6] & (1UL << (i & 63))) != 0;
}
