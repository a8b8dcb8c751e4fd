using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>Counting and bitmapping byte codes against a plain loop, at every length 0..300 and a boundary size.</summary>
public sealed class ByteCodesTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 301).Concat([4095, 4096, 100_003]))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Count_matches_a_loop_and_ignores_codes_without_a_counter(int length)
    {
        var random = new Random(length);
        var codes = new byte[length];
        foreach (var distinct in new[] { 1, 3, 22, 64, 256 })
        {
            for (var i = 0; i < length; i++)
            {
                // Mostly codes with a counter, some without (as the skip code is), runs of one code now and then.
                codes[i] = i % 50 < 10 ? codes[Math.Max(0, i - 1)] : (byte)random.Next(Math.Min(256, distinct + 2));
            }

            var expected = new long[distinct];
            foreach (var c in codes)
            {
                if (c < distinct)
                {
                    expected[c]++;
                }
            }

            var counts = new long[distinct];
            counts[0] = 5;
            expected[0] += 5;
            ByteCodes.Count(codes, counts);
            Assert.Equal(expected, counts);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void OrPlanes_sets_the_bit_of_each_code_in_its_plane(int length)
    {
        if (length > 4096)
        {
            return;
        }

        var random = new Random(length);
        var codes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            codes[i] = (byte)random.Next(25);
        }

        const int planeCount = 22;
        var stride = Math.Max(1, (length + 63) / 64) + 1; // one spare word per plane must stay untouched
        var planes = new ulong[planeCount * stride];
        planes[stride - 1] = 0xDEAD; // bits already set (here in plane 0's spare word) are kept
        var expected = (ulong[])planes.Clone();
        for (var i = 0; i < length; i++)
        {
            if (codes[i] < planeCount)
            {
                expected[(codes[i] * stride) + (i >> 6)] |= 1UL << (i & 63);
            }
        }

        ByteCodes.OrPlanes(codes, planes, planeCount, stride);
        Assert.Equal(expected, planes);
    }

    [Fact]
    public void OrPlanes_checks_its_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => ByteCodes.OrPlanes(new byte[65], new ulong[4], 4, 1));
        Assert.Equal("planes", e.ParamName);
        Assert.Throws<ArgumentException>(() => ByteCodes.OrPlanes(new byte[64], new ulong[3], 4, 1));
    }
}
