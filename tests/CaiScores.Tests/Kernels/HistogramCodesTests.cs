using System.Numerics;
using CaiScores.Kernels;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// Integer histogram codes against the arbitrary-precision reference: every length 0..256 and boundary sizes, null
/// patterns and odd validity offsets, layouts on and off the vector path, and the extremes of longs and doubles.
/// </summary>
public sealed class HistogramCodesTests
{
    /// <summary>(start, count, size): CJA's examples, the widest bucket counts, and layouts past the vector path's 2^52.</summary>
    private static readonly (long Start, int Count, long Size)[] Layouts =
    [
        (1, 10, 1), (1, 5, 2), (0, 3, 5), (0, 50, 1), (7, 13, 3), (0, 50, 1L << 40), (-100, 7, 30),
        (1L << 51, 4, 1L << 49), (0, 4, 1L << 53), (long.MaxValue - 100, 10, 10), (long.MinValue, 3, 1L << 62),
    ];

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 257).Concat([255, 256, 32767, 32768, 100_003]).Distinct())
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Longs_match_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        foreach (var (start, count, size) in Layouts)
        {
            var end = (Int128)start + ((Int128)count * size);
            var values = new long[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = (i % 9) switch
                {
                    0 => start,
                    1 => (long)Int128.Min(end - 1, long.MaxValue),
                    2 => end <= long.MaxValue ? (long)end : long.MaxValue,
                    3 => start == long.MinValue ? start : start - 1,
                    4 => random.Next(2) == 0 ? long.MinValue : long.MaxValue,
                    _ => (long)Int128.Clamp(start + (Int128)(random.NextDouble() * (double)(end - start) * 1.2) - 3, long.MinValue, long.MaxValue),
                };
            }

            AssertCodes(values, start, count, size, nullEvery: 0, offset: 0);
            AssertCodes(values, start, count, size, nullEvery: 3, offset: 5);
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Doubles_are_floored_and_match_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        foreach (var (start, count, size) in Layouts)
        {
            var end = (double)start + ((double)count * size);
            var values = new double[length];
            for (var i = 0; i < length; i++)
            {
                values[i] = (i % 13) switch
                {
                    0 => start,
                    1 => Math.BitDecrement((double)start),
                    2 => start + size - 0.5,
                    3 => end,
                    4 => Math.BitDecrement(end),
                    5 => double.NaN,
                    6 => random.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity,
                    7 => random.Next(3) switch { 0 => -0.0, 1 => -0.5, _ => double.MaxValue },
                    8 => random.Next(2) == 0 ? 9223372036854775808.0 : -9223372036854775808.0,
                    _ => start + (random.NextDouble() * (end - start) * 1.2) - 3.5,
                };
            }

            AssertCodes(values, start, count, size, nullEvery: 0, offset: 0);
            AssertCodes(values, start, count, size, nullEvery: 4, offset: 3);
        }
    }

    [Fact]
    public void Property_codes_match_the_reference_for_random_layouts_and_values()
    {
        var layouts = Gen.Select(Gen.Long[0, 1L << 54], Gen.Int[1, 50], Gen.Long[1, 1L << 20]);
        Gen.Select(layouts, Gen.Double[-1e6, 1e17].Array[0, 200], Gen.Long.Array[0, 100]).Sample((layout, doubles, longs) =>
        {
            var (start, count, size) = layout;
            AssertCodes(doubles, start, count, size, 0, 0);
            AssertCodes(longs, start, count, size, 0, 0);
            AssertCodes([.. longs.Select(v => start + (v % (count * size * 2)))], start, count, size, 0, 0);
        }, iter: 200);
    }

    [Fact]
    public void Bad_layouts_are_refused()
    {
        var codes = new byte[1];
        Assert.Equal("layout", Assert.Throws<ArgumentException>(() => HistogramCodes.Assign([1L], default, 0, 0, 0, 10, codes)).ParamName);
        Assert.Equal("layout", Assert.Throws<ArgumentException>(() => HistogramCodes.Assign([1L], default, 0, 0, 1, 0, codes)).ParamName);
        Assert.Equal("layout", Assert.Throws<ArgumentException>(() => HistogramCodes.Assign([1L], default, 0, long.MaxValue - 5, 1, 10, codes)).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => HistogramCodes.Assign(new long[2], default, 0, 0, 1, 10, codes)).ParamName);
    }

    private static void AssertCodes(long[] values, long start, int count, long size, int nullEvery, int offset)
    {
        var valid = nullEvery == 0 ? null : Enumerable.Range(0, values.Length).Select(i => i % nullEvery != 0).ToArray();
        var validity = valid is null ? default : BucketCounterTests.Bitmap(valid, offset);
        foreach (var vectorize in new[] { true, false })
        {
            var codes = new byte[values.Length];
            HistogramCodes.Assign(values, validity, offset, start, size, count, codes, vectorize);
            for (var i = 0; i < values.Length; i++)
            {
                var expected = valid is not null && !valid[i] ? HistogramCodes.Skip(count) : ReferenceHistogram.Slot(values[i], start, count, size) + 1;
                if (codes[i] != expected)
                {
                    Assert.Fail($"{values[i]} in ({start}, {count}, {size}) coded {codes[i]}, expected {expected} (vectorize {vectorize})");
                }
            }
        }
    }

    private static void AssertCodes(double[] values, long start, int count, long size, int nullEvery, int offset)
    {
        var valid = nullEvery == 0 ? null : Enumerable.Range(0, values.Length).Select(i => i % nullEvery != 0).ToArray();
        var validity = valid is null ? default : BucketCounterTests.Bitmap(valid, offset);
        foreach (var vectorize in new[] { true, false })
        {
            var codes = new byte[values.Length];
            HistogramCodes.Assign(values, validity, offset, start, size, count, codes, vectorize);
            for (var i = 0; i < values.Length; i++)
            {
                var v = values[i];
                var expected = valid is not null && !valid[i] ? HistogramCodes.Skip(count)
                    : double.IsNaN(v) ? HistogramCodes.NaN(count)
                    : double.IsInfinity(v) ? (v < 0 ? HistogramCodes.Below : HistogramCodes.Overflow(count))
                    : ReferenceHistogram.Slot(new BigInteger(Math.Floor(v)), start, count, size) + 1;
                if (codes[i] != expected)
                {
                    Assert.Fail($"{v:R} in ({start}, {count}, {size}) coded {codes[i]}, expected {expected} (vectorize {vectorize})");
                }
            }
        }
    }
}
