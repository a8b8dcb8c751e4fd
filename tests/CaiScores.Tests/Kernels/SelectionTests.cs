using CaiScores.Kernels;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The selection kernels against sorting a copy: every length 0..256, boundary sizes, null patterns, odd validity
/// offsets, many ties, all equal, ±∞, −0.0, NaN, values that differ only in their last bits.
/// </summary>
public sealed class SelectionTests
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
    public void Doubles_match_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        var large = length > 40_000;
        foreach (var kind in new[] { ValueKind.Ties, ValueKind.Wide, ValueKind.AllEqual })
        {
            var values = Values(random, length, kind);
            foreach (var nullEvery in large ? new[] { 0, 3 } : [0, 1, 3, 8, 13])
            {
                var valid = nullEvery == 0 ? null : Enumerable.Range(0, length).Select(i => i % nullEvery != 0).ToArray();
                foreach (var offset in valid is null ? [0] : large ? [5] : new[] { 0, 1, 5, 7 })
                {
                    Check(values, valid, offset, random);
                }
            }
        }
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(100_000)]
    public void Values_that_share_their_top_bits_go_through_every_digit(int length)
    {
        // 1 + k·ulp: one top-16-bit bucket, distinct low bits, so the candidates are narrowed by bits 47–0.
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + random.Next(0, 1 << 20) * 1_000_003L % (1L << 40))).ToArray();
        Check(values, null, 0, random);
        var equal = Enumerable.Repeat(37.5, length).ToArray();
        Check(equal, null, 0, random);

        // Several ranks in that one big bucket: two are narrowed on copies, ten are answered by one sort of the bucket.
        var (sorted, _) = ReferenceQuantiles.Sorted(values, null);
        using var selector = new DoubleSelector(values, default, 0);
        foreach (var count in new[] { 2, 10 })
        {
            var ranks = Enumerable.Range(1, count).Select(k => (long)Math.Max(1, k * length / (count + 1))).ToArray();
            var results = new OrderStatistic[count];
            selector.Select(ranks, results);
            for (var r = 0; r < count; r++)
            {
                AssertStatistic(ReferenceQuantiles.AtRank(sorted, ranks[r]), results[r]);
            }
        }
    }

    [Fact]
    public void Negative_zero_is_zero_and_infinities_are_the_extremes()
    {
        double[] values = [-0.0, 0.0, double.PositiveInfinity, double.NegativeInfinity, double.NaN, -1, 1, -0.0, double.Epsilon, -double.Epsilon];
        using var selector = new DoubleSelector(values, default, 0);
        Assert.Equal((9L, 1L), (selector.Valid, selector.NaN));
        Assert.Equal(new OrderStatistic(double.PositiveInfinity, 0, 1), selector.Select(1));
        Assert.Equal(new OrderStatistic(double.Epsilon, 2, 1), selector.Select(3));
        var zero = selector.Select(4);
        Assert.Equal((0.0, 3L, 3L), (zero.Value, zero.Above, zero.Equal));
        Assert.False(double.IsNegative(zero.Value));
        Assert.Equal(new OrderStatistic(double.NegativeInfinity, 8, 1), selector.Select(9));
    }

    [Fact]
    public void A_sliced_arrow_array_selects_the_same_as_its_copy()
    {
        var builder = new Apache.Arrow.DoubleArray.Builder();
        var random = new Random(9);
        for (var i = 0; i < 10_000; i++)
        {
            if (i % 7 == 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(Math.Round(random.NextDouble() * 100, 1));
            }
        }

        var array = builder.Build();
        var slice = (Apache.Arrow.DoubleArray)array.Slice(13, 9000);
        var copy = Enumerable.Range(0, slice.Length).Select(i => slice.GetValue(i)).ToArray();
        var (sorted, _) = ReferenceQuantiles.Sorted([.. copy.Select(v => v ?? 0)], [.. copy.Select(v => v is not null)]);
        using var selector = new DoubleSelector(slice.Values, slice.NullBitmapBuffer.Span, slice.Offset);
        Assert.Equal(sorted.Length, selector.Valid);
        foreach (var rank in new long[] { 1, 100, sorted.Length / 5, sorted.Length })
        {
            AssertStatistic(ReferenceQuantiles.AtRank(sorted, rank), selector.Select(rank));
        }
    }

    [Fact]
    public void Keys_keep_the_numeric_order()
    {
        double[] ordered = [double.NegativeInfinity, double.MinValue, -1e300, -1, -double.Epsilon, 0, double.Epsilon, 1e-300, 1, 1e300, double.MaxValue, double.PositiveInfinity];
        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.True(Selection.ToKey(ordered[i - 1]) < Selection.ToKey(ordered[i]), $"{ordered[i - 1]} < {ordered[i]}");
            Assert.Equal(ordered[i], Selection.FromKey(Selection.ToKey(ordered[i])));
        }

        Assert.Equal(Selection.ToKey(0.0), Selection.ToKey(-0.0));
    }

    [Fact]
    public void A_bucket_of_keys_is_a_range_of_doubles()
    {
        var random = new Random(11);
        double[] probes = [.. new[] { -0.0, 0.0, double.Epsilon, -double.Epsilon, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, 1, -1, 72.97 }
            .Concat(Enumerable.Range(0, 2000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))).Where(d => !double.IsNaN(d)))];
        foreach (var bucket in probes.Select(p => (int)(Selection.ToKey(p) >> 48)).Concat([0, 0x000F, 0x0010, 0x7FFF, 0x8000, 0xFFEF, 0xFFF0, 0xFFFF]).Distinct())
        {
            var (low, high) = Selection.ValueRange((ulong)bucket << 48, ((ulong)bucket << 48) | 0xFFFF_FFFF_FFFF);
            foreach (var p in probes)
            {
                Assert.True((p >= low && p <= high) == ((int)(Selection.ToKey(p) >> 48) == bucket), $"{p:R} in bucket {bucket:X4}: range [{low:R}, {high:R}]");
            }
        }
    }

    [Fact]
    public void Many_ranks_in_one_pass_including_more_buckets_than_a_byte_holds()
    {
        var random = new Random(3);
        var values = Values(random, 50_000, ValueKind.Wide);
        var (sorted, _) = ReferenceQuantiles.Sorted(values, null);
        using var selector = new DoubleSelector(values, default, 0);
        var ranks = Enumerable.Range(0, 400).Select(_ => (long)random.Next(1, sorted.Length + 1)).Append(1).Append(sorted.Length).ToArray();
        var results = new OrderStatistic[ranks.Length];
        selector.Select(ranks, results);
        for (var r = 0; r < ranks.Length; r++)
        {
            AssertStatistic(ReferenceQuantiles.AtRank(sorted, ranks[r]), results[r]);
        }
    }

    [Fact]
    public void Bad_ranks_and_result_lengths_are_named()
    {
        // A ref struct cannot be captured by Assert.Throws' lambda: catch by hand.
        using var selector = new DoubleSelector([1.0, 2.0], default, 0);
        foreach (var rank in new long[] { 0, 3 })
        {
            try
            {
                selector.Select(rank);
                Assert.Fail($"rank {rank} was accepted");
            }
            catch (ArgumentOutOfRangeException e)
            {
                Assert.Equal("rank", e.ParamName);
            }
        }

        try
        {
            selector.Select([1L, 2L], new OrderStatistic[1]);
            Assert.Fail("a short result span was accepted");
        }
        catch (ArgumentException e)
        {
            Assert.Equal("results", e.ParamName);
        }

        using var empty = new DoubleSelector([], default, 0);
        Assert.Equal(0, empty.Valid);
        using var percentiles = new Int16Selector([1, 2], default, 0);
        Assert.Equal("rank", Assert.Throws<ArgumentOutOfRangeException>(() => percentiles.Select(3)).ParamName);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Int16_values_match_the_reference_at_every_length(int length)
    {
        var random = new Random(length + 1);
        var values = Enumerable.Range(0, length).Select(i => (short)(i % 17 == 0 ? random.Next(short.MinValue, short.MaxValue + 1) : random.Next(1, 101))).ToArray();
        foreach (var nullEvery in new[] { 0, 1, 3, 13 })
        {
            var valid = nullEvery == 0 ? null : Enumerable.Range(0, length).Select(i => i % nullEvery != 0).ToArray();
            foreach (var offset in valid is null ? [0] : new[] { 0, 5 })
            {
                using var selector = new Int16Selector(values, valid is null ? default : Bitmap(valid, offset), offset);
                var (sorted, _) = ReferenceQuantiles.Sorted([.. values.Select(v => (double)v)], valid);
                Assert.Equal(sorted.Length, selector.Valid);
                foreach (var rank in Ranks(random, sorted.Length))
                {
                    AssertStatistic(ReferenceQuantiles.AtRank(sorted, rank), selector.Select(rank));
                }

                foreach (var threshold in new[] { short.MinValue, -5, 1, 50, 100, 101, short.MaxValue })
                {
                    var (count, lowest) = selector.AtLeast(threshold);
                    Assert.Equal(sorted.LongCount(v => v >= threshold), count);
                    if (count == 0)
                    {
                        Assert.Null(lowest);
                    }
                    else
                    {
                        var min = sorted.Where(v => v >= threshold).Min();
                        AssertStatistic((min, sorted.LongCount(v => v > min), sorted.LongCount(v => v == min)), lowest!.Value);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void At_least_bitmaps_match_a_loop(int length)
    {
        var random = new Random(length + 2);
        var values = Values(random, length, ValueKind.Ties);
        var shorts = values.Select(v => double.IsFinite(v) ? (short)v : (short)0).ToArray();
        foreach (var threshold in new[] { double.NegativeInfinity, -0.0, 3, 7.5, double.PositiveInfinity, double.NaN })
        {
            var words = new ulong[(length + 63) / 64];
            words.AsSpan().Fill(ulong.MaxValue);
            Selection.AtLeast(values, threshold, words);
            for (var i = 0; i < words.Length * 64; i++)
            {
                Assert.Equal(i < length && values[i] >= threshold, (words[i >> 6] & (1UL << (i & 63))) != 0);
            }
        }

        foreach (var threshold in new short[] { short.MinValue, -1, 0, 3, short.MaxValue })
        {
            var words = new ulong[(length + 63) / 64];
            words.AsSpan().Fill(ulong.MaxValue);
            Selection.AtLeast(shorts, threshold, words);
            for (var i = 0; i < words.Length * 64; i++)
            {
                Assert.Equal(i < length && shorts[i] >= threshold, (words[i >> 6] & (1UL << (i & 63))) != 0);
            }
        }
    }

    internal enum ValueKind
    {
        Ties,
        Wide,
        AllEqual,
    }

    /// <summary>Values of a kind: few distinct values (many ties, ±0, ±∞, NaN), any magnitude and sign, or one value.</summary>
    internal static double[] Values(Random random, int length, ValueKind kind)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = kind switch
            {
                ValueKind.AllEqual => 42.25,
                ValueKind.Ties => (i % 13) switch
                {
                    0 => -0.0,
                    1 => 0.0,
                    2 when i % 91 == 2 => double.NaN,
                    3 when i % 101 == 3 => double.PositiveInfinity,
                    4 when i % 103 == 4 => double.NegativeInfinity,
                    _ => random.Next(-3, 12),
                },
                _ => (i % 7) switch
                {
                    0 => BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && !double.IsNaN(d) ? d : 1.5,
                    1 when i % 49 == 1 => double.NaN,
                    2 when i % 63 == 2 => i % 2 == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                    3 => -random.NextDouble() * Math.Pow(10, random.Next(-30, 30)),
                    _ => random.NextDouble() * 100,
                },
            };
        }

        return values;
    }

    /// <summary>An Arrow validity bitmap holding <paramref name="valid"/> from bit <paramref name="offset"/> on, junk before.</summary>
    internal static byte[] Bitmap(bool[] valid, int offset)
    {
        var bitmap = new byte[((valid.Length + offset) / 8) + 2];
        for (var b = 0; b < offset; b++)
        {
            bitmap[0] |= (byte)(1 << b);
        }

        for (var i = 0; i < valid.Length; i++)
        {
            if (valid[i])
            {
                bitmap[(i + offset) >> 3] |= (byte)(1 << ((i + offset) & 7));
            }
        }

        return bitmap;
    }

    private static void Check(double[] values, bool[]? valid, int offset, Random random)
    {
        var (sorted, nan) = ReferenceQuantiles.Sorted(values, valid);
        using var selector = new DoubleSelector(values, valid is null ? default : Bitmap(valid, offset), offset);
        Assert.Equal((sorted.LongLength, nan), (selector.Valid, selector.NaN));
        var ranks = Ranks(random, sorted.Length);
        var results = new OrderStatistic[ranks.Length];
        selector.Select(ranks, results);
        for (var r = 0; r < ranks.Length; r++)
        {
            AssertStatistic(ReferenceQuantiles.AtRank(sorted, ranks[r]), results[r]);
            AssertStatistic(ReferenceQuantiles.AtRank(sorted, ranks[r]), selector.Select(ranks[r]));
        }
    }

    private static long[] Ranks(Random random, int count) =>
        count == 0 ? [] : [.. new long[] { 1, count, (count + 1) / 2, Math.Max(1, count / 5), Math.Max(1, count - (count / 10)) }.Concat(Enumerable.Range(0, 3).Select(_ => (long)random.Next(1, count + 1))).Distinct()];

    private static void AssertStatistic((double Value, long Above, long Equal) expected, OrderStatistic actual)
    {
        Assert.True(expected.Value == actual.Value, $"value {actual.Value:R}, expected {expected.Value:R}");
        Assert.Equal((expected.Above, expected.Equal), (actual.Above, actual.Equal));
    }
}
