using CaiScores.Kernels;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// Bucket codes, above all the arithmetic method's exactness: every value a bucket scheme cares about — each edge and the
/// doubles a few ulps around it (74.99999999999999 below 75), signed zeros, subnormals, ±MaxValue, ±∞, NaN, and random
/// bit patterns over every exponent — gets the code of the linear-scan reference, on the vector and scalar paths.
/// </summary>
public sealed class BucketCodesTests
{
    private static readonly double[] Five = [.. Enumerable.Range(1, 19).Select(i => i * 5.0)];

    /// <summary>Evenly spaced schemes the arithmetic method takes.</summary>
    public static TheoryData<double[]> UniformSchemes() =>
    [
        Five,
        [25, 75],
        [-10, -5, 0, 5, 10],
        [.. Enumerable.Range(0, 10).Select(i => i * 0.125)],
        [.. Enumerable.Range(0, 19).Select(i => 1_000_000 + (i * 1.0))],
        [.. Enumerable.Range(1, 9).Select(i => i * 10.0)],
        [1e-300, 2e-300],
        [-3e300, 0],
        [.. Enumerable.Range(0, 253).Select(i => (i * 0.25) - 20)],
    ];

    [Fact]
    public void TryUniform_accepts_exactly_evenly_spaced_edges_near_zero()
    {
        Assert.True(BucketCodes.TryUniform(Five, out var first, out var step));
        Assert.Equal((5.0, 5.0), (first, step));
        Assert.True(BucketCodes.TryUniform([25, 75], out _, out _));
        Assert.False(BucketCodes.TryUniform([50], out _, out _));               // one edge: nothing to space
        Assert.False(BucketCodes.TryUniform([1, 2, 4], out _, out _));          // uneven
        Assert.False(BucketCodes.TryUniform([0.1, 0.2, 0.3], out _, out _));    // 0.1 + 2 × 0.1 is 0.30000000000000004, not 0.3
        Assert.False(BucketCodes.TryUniform([1e7, 1e7 + 1, 1e7 + 2], out _, out _)); // more than 2^20 steps from zero
    }

    [Theory]
    [MemberData(nameof(UniformSchemes))]
    public void The_arithmetic_method_codes_every_hard_value_as_the_reference(double[] edges)
    {
        Assert.True(BucketCodes.TryUniform(edges, out var first, out var step));
        var values = HardValues(edges, first, step).ToArray();
        AssertCodes(values, edges, BucketMethod.Arithmetic);
        AssertCodes(values, edges, BucketMethod.Compares);
    }

    [Fact]
    public void Random_bit_patterns_over_every_exponent_code_as_the_reference()
    {
        var random = new Random(17);
        var values = new double[1 << 16];
        foreach (var edges in new[] { Five, [25.0, 75], [-10.0, -5, 0, 5, 10] })
        {
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            }

            AssertCodes(values, edges, BucketMethod.Arithmetic);
            AssertCodes(values, edges, BucketMethod.Compares);
        }
    }

    [Fact]
    public void Property_random_uniform_schemes_code_values_near_their_edges_exactly()
    {
        // first = a·step for a whole a within 2^20 steps of zero, step a power of two or a decimal: the shapes schemes take.
        var steps = Gen.OneOf(0.001, 0.01, 0.05, 0.1, 0.25, 1.0, 2.5, 5.0, 10.0, 1024.0, 1e-9, 3.0);
        Gen.Select(steps, Gen.Int[-1_000_000, 1_000_000], Gen.Int[2, 60], Gen.Int[0, int.MaxValue]).Sample((step, a, n, seed) =>
        {
            var first = a * step;
            var edges = Enumerable.Range(0, n).Select(k => first + (k * step)).ToArray();
            if (!BucketCodes.TryUniform(edges, out _, out _) || edges.Distinct().Count() != n)
            {
                return; // not a scheme the arithmetic method takes
            }

            var random = new Random(seed);
            var values = new double[500];
            for (var i = 0; i < values.Length; i++)
            {
                var edge = edges[random.Next(n)];
                values[i] = random.Next(4) switch
                {
                    0 => edge,
                    1 => Ulps(edge, random.Next(-3, 4)),
                    2 => edge + ((random.NextDouble() - 0.5) * step * 3),
                    _ => first + ((random.NextDouble() - 0.1) * step * (n + 2)),
                };
            }

            AssertCodes(values, edges, BucketMethod.Arithmetic, shiftStep: 17);
        }, iter: 300);
    }

    [Fact]
    public void NaN_and_invalid_values_get_their_own_codes()
    {
        double[] values = [1, double.NaN, 30, 80, double.NaN, 99];
        var codes = new byte[values.Length];
        BucketCodes.Assign(values, [0b1110_1101], 0, [25, 75], codes);
        Assert.Equal([0, BucketCodes.SkipCode(2), 1, 2, BucketCodes.SkipCode(2), 2], codes);
        BucketCodes.Assign(values, default, 0, [25, 75], codes);
        Assert.Equal([0, BucketCodes.NaNCode(2), 1, 2, BucketCodes.NaNCode(2), 2], codes);
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        var codes = new byte[4];
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => BucketCodes.Assign([1.0], default, 0, [], codes)).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => BucketCodes.Assign([1.0], default, 0, new double[254], codes)).ParamName);
        Assert.Equal("codes", Assert.Throws<ArgumentException>(() => BucketCodes.Assign(new double[5], default, 0, [1.0], codes)).ParamName);
        Assert.Equal("edges", Assert.Throws<ArgumentException>(() => BucketCodes.Assign([1.0], default, 0, [1.0, 2, 4], codes, BucketMethod.Arithmetic)).ParamName);
    }

    /// <summary>Each edge and its neighbours, the points halfway and a step beyond, and the extremes of the doubles.</summary>
    private static IEnumerable<double> HardValues(double[] edges, double first, double step)
    {
        double[] extremes =
        [
            0.0, -0.0, double.Epsilon, -double.Epsilon, double.MaxValue, double.MinValue, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, 1e308, -1e308, 1e-308, 74.99999999999999, 75, 24.999999999999996, 25,
            long.MaxValue, long.MinValue, 4503599627370496.0, -4503599627370496.0,
        ];
        foreach (var v in extremes)
        {
            yield return v;
        }

        for (var k = -3; k <= edges.Length + 3; k++)
        {
            var point = first + (k * step);
            foreach (var p in new[] { point, point + (step / 2), point - (step / 2), point * (1 + 1e-15), point * (1 - 1e-15) })
            {
                for (var u = -4; u <= 4; u++)
                {
                    yield return Ulps(p, u);
                }
            }
        }
    }

    private static double Ulps(double value, int ulps)
    {
        for (; ulps > 0; ulps--)
        {
            value = Math.BitIncrement(value);
        }

        for (; ulps < 0; ulps++)
        {
            value = Math.BitDecrement(value);
        }

        return value;
    }

    /// <summary>The codes of the values (as given, and shifted by every offset 0..63 so each lands in every vector lane) equal the reference's.</summary>
    private static void AssertCodes(double[] values, double[] edges, BucketMethod method, int shiftStep = 1)
    {
        var codes = new byte[values.Length + 64];
        for (var shift = 0; shift < 64; shift += values.Length > 4096 ? 63 : shiftStep)
        {
            var padded = new double[values.Length + shift];
            values.CopyTo(padded, shift);
            BucketCodes.Assign(padded, default, 0, edges, codes, method);
            for (var i = 0; i < values.Length; i++)
            {
                var expected = ReferenceBuckets.Bucket(values[i], edges);
                var code = codes[i + shift];
                if (code != (expected < 0 ? BucketCodes.NaNCode(edges.Length) : expected))
                {
                    Assert.Fail($"{method}: {values[i]:R} (bits {BitConverter.DoubleToInt64Bits(values[i]):X16}) coded {code}, expected {expected}; edges {edges[0]:R}…{edges[^1]:R} ({edges.Length})");
                }
            }
        }
    }
}
