using System.Runtime.InteropServices;
using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The membership-count kernel against a bit-at-a-time oracle: every length 0..256 and boundary sizes, 0 to 16 planes,
/// dense, sparse, empty and full planes; both the popcount path (up to three planes) and the transposition path.
/// </summary>
public sealed class MembershipCountsTests
{
    public static TheoryData<int> Lengths() => BucketCounterTests.Lengths();

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Counts_every_combination_like_the_oracle(int bits)
    {
        var random = new Random(bits);
        var words = BitmapKernels.WordLength(bits);
        int[] planeCounts = bits <= 256 ? [.. Enumerable.Range(0, MembershipCounts.MaxPlanes + 1)] : [1, 2, 3, 4, 9, 16];
        foreach (var planeCount in planeCounts)
        {
            var counts = new long[1 << planeCount];
            var transposed = new long[1 << planeCount];
            foreach (var density in new[] { Density.Random, Density.Sparse, Density.Empty, Density.Full, Density.Mixed })
            {
                var planes = Planes(random, planeCount, bits, density);
                var expected = Oracle(planes, planeCount, words);
                counts.AsSpan().Clear();
                counts[0] = -7; // never touched
                MembershipCounts.Count(planes, planeCount, words, counts);
                Assert.Equal(-7, counts[0]);
                counts[0] = 0;
                Assert.True(expected.AsSpan().SequenceEqual(counts), $"{planeCount} planes of {bits} bits ({density}): Count differs from the oracle");

                transposed.AsSpan().Clear();
                MembershipCounts.CountByTransposition(planes, planeCount, words, transposed);
                Assert.True(expected.AsSpan().SequenceEqual(transposed), $"{planeCount} planes of {bits} bits ({density}): the transposition differs from the oracle");
            }
        }
    }

    [Fact]
    public void Counts_add_to_what_is_there_and_the_planes_may_be_longer()
    {
        var random = new Random(3);
        var planes = Planes(random, 5, 640, Density.Random);
        var counts = new long[32];
        MembershipCounts.Count(planes, 5, 10, counts);
        var twice = (long[])counts.Clone();
        MembershipCounts.Count(planes.Concat(new ulong[7]).ToArray(), 5, 10, twice);
        Assert.Equal(counts.Select(c => 2 * c), twice);
    }

    [Fact]
    public void Bad_shapes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MembershipCounts.Count(new ulong[17], 17, 1, new long[1 << 17]));
        Assert.Throws<ArgumentException>(() => MembershipCounts.Count(new ulong[5], 3, 2, new long[8]));
        Assert.Throws<ArgumentException>(() => MembershipCounts.Count(new ulong[6], 3, 2, new long[7]));
        Assert.Throws<ArgumentException>(() => MembershipCounts.Count(new ulong[6], -1, 2, new long[8]));
    }

    private enum Density
    {
        Random,
        Sparse,
        Empty,
        Full,
        Mixed,
    }

    /// <summary>Planes of <paramref name="bits"/> bits each, tails clear.</summary>
    private static ulong[] Planes(Random random, int planeCount, int bits, Density density)
    {
        var words = BitmapKernels.WordLength(bits);
        var planes = new ulong[planeCount * words];
        for (var i = 0; i < planeCount; i++)
        {
            var plane = planes.AsSpan(i * words, words);
            var kind = density == Density.Mixed ? (Density)random.Next(4) : density;
            switch (kind)
            {
                case Density.Random:
                    random.NextBytes(MemoryMarshal.AsBytes(plane));
                    break;
                case Density.Sparse:
                    for (var b = 0; b < bits; b++)
                    {
                        if (random.Next(23) == 0)
                        {
                            plane[b >> 6] |= 1UL << (b & 63);
                        }
                    }

                    break;
                case Density.Full:
                    plane.Fill(ulong.MaxValue);
                    break;
                default:
                    break;
            }

            if ((bits & 63) != 0)
            {
                plane[^1] &= (1UL << (bits & 63)) - 1;
            }
        }

        return planes;
    }

    /// <summary>Bit by bit: the mask of each position, counted (mask 0 left at 0).</summary>
    private static long[] Oracle(ulong[] planes, int planeCount, int words)
    {
        var counts = new long[1 << planeCount];
        for (var b = 0; b < words * 64; b++)
        {
            var mask = 0;
            for (var i = 0; i < planeCount; i++)
            {
                if ((planes[(i * words) + (b >> 6)] & (1UL << (b & 63))) != 0)
                {
                    mask |= 1 << i;
                }
            }

            if (mask != 0)
            {
                counts[mask]++;
            }
        }

        return counts;
    }
}
