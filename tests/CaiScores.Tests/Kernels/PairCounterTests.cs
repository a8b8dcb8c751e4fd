using CaiScores.Kernels;
using CsCheck;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The pair-counting kernel against a plain loop: every length 0..256 and boundary sizes, code counts from 1 to 64,
/// codes without a counter mixed in, runs of equal pairs, both methods. Run also with <c>DOTNET_EnableAVX512F=0</c>
/// (256-bit path) and <c>DOTNET_EnableHWIntrinsic=0</c> (scalar path).
/// </summary>
public sealed class PairCounterTests
{
    private static readonly int[] CodeCounts = [1, 2, 5, 8, 9, 22, 32, 33, 64];

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([255, 256, 4095, 4096, 32767, 32768, 1_000_003]).Distinct())
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Count_matches_a_loop_with_every_method(int length)
    {
        var random = new Random(length);
        foreach (var codeCount in length > 100_000 ? [5, 22] : CodeCounts)
        {
            var (from, to) = Codes(random, length, codeCount);
            var expected = Reference(from, to, codeCount);
            expected[0] += 7; // counters are added to, not overwritten
            foreach (var method in new[] { PairMethod.Auto, PairMethod.Planes, PairMethod.Histogram })
            {
                var counts = new long[codeCount * codeCount];
                counts[0] = 7;
                PairCounter.Count(from, to, codeCount, counts, method);
                Assert.Equal(expected, counts);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Select_sets_the_positions_of_the_pairs_in_the_sets(int length)
    {
        if (length > 100_000)
        {
            return;
        }

        var random = new Random(length + 1);
        foreach (var codeCount in new[] { 5, 22, 64 })
        {
            var (from, to) = Codes(random, length, codeCount);
            foreach (var (fromSet, toSet) in new[] { (1UL, 2UL), (0b10110UL, 0b1001UL), (ulong.MaxValue, 1UL << 4), (0UL, ulong.MaxValue), ((ulong)random.NextInt64(), (ulong)random.NextInt64()) })
            {
                var words = (length + 63) / 64;
                var destination = Enumerable.Repeat(0xDEADBEEFUL, words + 1).ToArray();
                var expected = new ulong[words + 1];
                expected[^1] = 0xDEADBEEF; // past the length: untouched
                for (var i = 0; i < length; i++)
                {
                    if (from[i] < 64 && to[i] < 64 && ((fromSet >> from[i]) & 1) != 0 && ((toSet >> to[i]) & 1) != 0)
                    {
                        expected[i >> 6] |= 1UL << (i & 63);
                    }
                }

                PairCounter.Select(from, to, fromSet, toSet, destination);
                Assert.Equal(expected, destination);
            }
        }
    }

    [Fact]
    public void Property_counts_add_up_to_the_pairs_with_counters()
    {
        Gen.Select(Gen.Int[1, 64], Gen.Int[0, 600], Gen.Int[0, int.MaxValue], Gen.Enum<PairMethod>()).Sample((codeCount, length, seed, method) =>
        {
            var (from, to) = Codes(new Random(seed), length, codeCount);
            var counts = new long[codeCount * codeCount];
            PairCounter.Count(from, to, codeCount, counts, method);
            Assert.Equal(Enumerable.Range(0, length).LongCount(i => from[i] < codeCount && to[i] < codeCount), counts.Sum());
            Assert.Equal(Reference(from, to, codeCount), counts);
        }, iter: 300);
    }

    [Fact]
    public void Sliced_inputs_count_as_their_copies()
    {
        var (from, to) = Codes(new Random(3), 1000, 5);
        foreach (var (offset, length) in new[] { (1, 999), (7, 130), (63, 64), (65, 700) })
        {
            var counts = new long[25];
            PairCounter.Count(from.AsSpan(offset, length), to.AsSpan(offset, length), 5, counts);
            Assert.Equal(Reference(from[offset..(offset + length)], to[offset..(offset + length)], 5), counts);
        }
    }

    [Fact]
    public void Bad_shapes_fail_naming_the_parameter()
    {
        Assert.Equal("to", Assert.Throws<ArgumentException>(() => PairCounter.Count(new byte[3], new byte[2], 5, new long[25])).ParamName);
        Assert.Equal("codeCount", Assert.Throws<ArgumentException>(() => PairCounter.Count(new byte[3], new byte[3], 0, new long[25])).ParamName);
        Assert.Equal("codeCount", Assert.Throws<ArgumentException>(() => PairCounter.Count(new byte[3], new byte[3], 65, new long[65 * 65])).ParamName);
        Assert.Equal("counts", Assert.Throws<ArgumentException>(() => PairCounter.Count(new byte[3], new byte[3], 5, new long[24])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => PairCounter.Select(new byte[65], new byte[65], 1, 1, new ulong[1])).ParamName);
    }

    /// <summary>Codes mostly below the count, a few at or above it (ignored), with runs of one repeated pair.</summary>
    private static (byte[] From, byte[] To) Codes(Random random, int length, int codeCount)
    {
        var from = new byte[length];
        var to = new byte[length];
        for (var i = 0; i < length; i++)
        {
            if (i > 0 && i % 40 < 8)
            {
                from[i] = from[i - 1];
                to[i] = to[i - 1];
                continue;
            }

            from[i] = Code(random, codeCount);
            to[i] = Code(random, codeCount);
        }

        return (from, to);
    }

    private static byte Code(Random random, int codeCount) => random.Next(20) switch
    {
        0 => (byte)random.Next(codeCount, 256),
        _ => (byte)random.Next(codeCount),
    };

    private static long[] Reference(byte[] from, byte[] to, int codeCount)
    {
        var counts = new long[codeCount * codeCount];
        for (var i = 0; i < from.Length; i++)
        {
            if (from[i] < codeCount && to[i] < codeCount)
            {
                counts[(from[i] * codeCount) + to[i]]++;
            }
        }

        return counts;
    }
}
