using CaiScores.Kernels;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The bucket-counting kernel against the naive reference: every length 0..256, boundary sizes, null patterns, sliced
/// validity — through every coding method (arithmetic for evenly spaced edges, compares) and the previous kernel. Run
/// also with <c>DOTNET_EnableAVX512F=0</c> (256-bit path) and <c>DOTNET_EnableHWIntrinsic=0</c> (scalar path).
/// </summary>
public sealed class BucketCounterTests
{
    private static readonly double[] Cai = [25, 75];
    private static readonly double[] Five = [.. Enumerable.Range(1, 19).Select(i => i * 5.0)];
    private static readonly double[] Uneven = [-1, 0.5, 3, 47.25, 99.9];

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
    public void Matches_the_reference_at_every_length(int length)
    {
        var random = new Random(length);
        var values = Values(random, length);
        foreach (var edges in new[] { Cai, Five, [50.0], Uneven })
        {
            foreach (var nullEvery in new[] { 0, 1, 3, 8, 13 })
            {
                var valid = nullEvery == 0 ? null : Enumerable.Range(0, length).Select(i => i % nullEvery != 0).ToArray();
                foreach (var offset in valid is null ? [0] : new[] { 0, 1, 5, 7 })
                {
                    var (expected, expectedNaN) = ReferenceBuckets.Count(values, valid, edges);
                    var validity = valid is null ? default : Bitmap(valid, offset);
                    foreach (var method in Methods(edges))
                    {
                        var counts = new long[edges.Length + 1];
                        var nan = method is null
                            ? BucketCounter.CountByEdgeCompares(values, validity, offset, edges, counts)
                            : BucketCounter.Count(values, validity, offset, edges, counts, method.Value);
                        Assert.Equal(expected, counts);
                        Assert.Equal(expectedNaN, nan);
                    }
                }
            }
        }
    }

    [Fact]
    public void Values_on_edges_go_up_and_extremes_fall_in_the_open_buckets()
    {
        double[] values = [24.999999999999996, 25, 74.99999999, 74.99999999999999, 75, double.NegativeInfinity, double.PositiveInfinity, -5, 250, 0, 100, double.NaN];
        foreach (var method in Methods(Cai))
        {
            var counts = new long[3];
            var nan = method is null ? BucketCounter.CountByEdgeCompares(values, default, 0, Cai, counts) : BucketCounter.Count(values, default, 0, Cai, counts, method.Value);
            Assert.Equal([4L, 3, 4], counts);
            Assert.Equal(1, nan);
        }
    }

    [Fact]
    public void A_sliced_arrow_array_counts_the_same_as_its_copy()
    {
        var builder = new Apache.Arrow.DoubleArray.Builder();
        var random = new Random(9);
        for (var i = 0; i < 1000; i++)
        {
            if (i % 7 == 0)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(random.NextDouble() * 100);
            }
        }

        var array = builder.Build();
        var slice = (Apache.Arrow.DoubleArray)array.Slice(13, 900);
        var copy = Enumerable.Range(0, slice.Length).Select(i => slice.GetValue(i)).ToArray();
        var (expected, _) = ReferenceBuckets.Count([.. copy.Select(v => v ?? 0)], [.. copy.Select(v => v is not null)], Five);
        foreach (var method in Methods(Five))
        {
            var counts = new long[20];
            if (method is null)
            {
                BucketCounter.CountByEdgeCompares(slice.Values, slice.NullBitmapBuffer.Span, slice.Offset, Five, counts);
            }
            else
            {
                BucketCounter.Count(slice.Values, slice.NullBitmapBuffer.Span, slice.Offset, Five, counts, method.Value);
            }

            Assert.Equal(expected, counts);
        }
    }

    [Fact]
    public void Counts_are_added_to_not_replaced_and_their_length_is_checked()
    {
        var counts = new long[] { 1, 1, 1 };
        BucketCounter.Count([10.0, 50, 90], default, 0, Cai, counts);
        Assert.Equal([2L, 2, 2], counts);
        var e = Assert.Throws<ArgumentException>(() => BucketCounter.Count([1.0], default, 0, Cai, new long[2]));
        Assert.Equal("counts", e.ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => BucketCounter.Count([1.0], default, 0, [1.0, 2, 4], new long[4], BucketMethod.Arithmetic)).ParamName);
    }

    [Fact]
    public void More_edges_than_a_byte_code_holds_take_the_edge_compares()
    {
        double[] edges = [.. Enumerable.Range(0, 300).Select(i => i * 0.5)];
        var values = Values(new Random(3), 5000).Select(v => v * 1.5).ToArray();
        var (expected, expectedNaN) = ReferenceBuckets.Count(values, null, edges);
        var counts = new long[edges.Length + 1];
        Assert.Equal(expectedNaN, BucketCounter.Count(values, default, 0, edges, counts));
        Assert.Equal(expected, counts);
    }

    [Fact]
    public void Property_bucket_counts_sum_to_the_valid_values_that_are_not_NaN()
    {
        var values = Gen.Frequency(
            (8, Gen.Double[-20, 120]),
            (2, Gen.Int[0, 20].Select(i => i * 5.0)),
            (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0)));
        Gen.Select(values.Array[0, 300], Gen.Bool.Array[300], Gen.Int[0, 7], Gen.Bool).Sample((xs, validBits, offset, withValidity) =>
        {
            var valid = withValidity ? validBits[..xs.Length] : null;
            var validity = valid is null ? default : Bitmap(valid, offset);
            foreach (var edges in new[] { Five, Cai, Uneven })
            {
                var counts = new long[edges.Length + 1];
                var nan = BucketCounter.Count(xs, validity, offset, edges, counts);
                var nonNull = Enumerable.Range(0, xs.Length).Count(i => valid is null || valid[i]);
                Assert.Equal(nonNull, counts.Sum() + nan);
                var (expected, expectedNaN) = ReferenceBuckets.Count(xs, valid, edges);
                Assert.Equal(expected, counts);
                Assert.Equal(expectedNaN, nan);
            }
        }, iter: 150);
    }

    /// <summary>The methods that apply to these edges; null stands for the previous kernel.</summary>
    private static BucketMethod?[] Methods(double[] edges) =>
        BucketCodes.TryUniform(edges, out _, out _)
            ? [BucketMethod.Auto, BucketMethod.Compares, BucketMethod.Arithmetic, null]
            : [BucketMethod.Auto, BucketMethod.Compares, null];

    private static double[] Values(Random random, int length)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (i % 11) switch
            {
                0 => Five[random.Next(Five.Length)],      // exactly on an edge
                1 => Math.BitDecrement(Five[random.Next(Five.Length)]),
                2 when i % 97 == 2 => double.NaN,
                3 => -random.NextDouble(),                 // below every edge
                4 => Uneven[random.Next(Uneven.Length)],
                5 when i % 89 == 5 => double.PositiveInfinity,
                _ => random.NextDouble() * 110,
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
            bitmap[0] |= (byte)(1 << b); // bits before the slice must be ignored
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
}
