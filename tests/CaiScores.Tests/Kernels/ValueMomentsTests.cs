using CaiScores.Kernels;

namespace CaiScores.Tests.Kernels;

/// <summary>
/// The moments kernel against a plain loop: every length 0..300, validity patterns, NaN and infinities, negative zero.
/// Counts, minima and maxima are exact; sums agree to rounding (the kernel adds four lanes, the loop in order).
/// </summary>
public sealed class ValueMomentsTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 301).Where(n => n < 70 || n % 7 == 0).Concat([4095, 4096]))
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Matches_a_plain_loop_at_every_length(int length)
    {
        var random = new Random(length);
        var withNaN = Enumerable.Range(0, length).Select(_ => random.Next(12) switch
        {
            0 => double.NaN,
            1 => -0.0,
            _ => Math.Round((random.NextDouble() * 200) - 50, 2),
        }).ToArray();

        // Without NaN, whole valid words take the unmasked path; with one NaN a word is masked lane by lane.
        var withoutNaN = withNaN.Select(v => double.IsNaN(v) ? 3.5 : v).ToArray();
        var oneNaN = withoutNaN.Select((v, i) => i == length / 2 ? double.NaN : v).ToArray();
        foreach (var values in new[] { withNaN, withoutNaN, oneNaN })
        {
            Check(values, random);
        }
    }

    private static void Check(double[] values, Random random)
    {
        var length = values.Length;
        foreach (var pattern in new Func<int, bool>[] { _ => true, i => i % 3 != 0, i => i % 64 < 5, _ => false, _ => random.Next(2) == 0 })
        {
            var valid = new ulong[(length + 63) / 64];
            for (var i = 0; i < length; i++)
            {
                valid[i >> 6] |= pattern(i) ? 1UL << (i & 63) : 0;
            }

            var moments = Moments.Empty;
            ValueMoments.Add(values, valid, ref moments);
            var expected = Enumerable.Range(0, length).Where(i => ((valid[i >> 6] >> (i & 63)) & 1) != 0 && !double.IsNaN(values[i])).Select(i => values[i]).ToList();
            Assert.Equal(expected.Count, moments.Count);
            Assert.Equal(expected.Sum(), moments.Sum, 1e-9);
            Assert.Equal(expected.Count == 0 ? double.PositiveInfinity : expected.Min(), moments.Min);
            Assert.Equal(expected.Count == 0 ? double.NegativeInfinity : expected.Max(), moments.Max);
        }
    }

    [Fact]
    public void Accumulates_across_calls_and_merges()
    {
        double[] a = [1, 2, 3, 4, 5];
        double[] b = [-7, 100];
        var into = Moments.Empty;
        ValueMoments.Add(a, [0b11111UL], ref into);
        ValueMoments.Add(b, [0b01UL], ref into);
        Assert.Equal((6L, 8.0, -7.0, 5.0), (into.Count, into.Sum, into.Min, into.Max));
        var other = Moments.Empty;
        ValueMoments.Add(b, [0b10UL], ref other);
        into.Merge(other);
        Assert.Equal((7L, 108.0, -7.0, 100.0), (into.Count, into.Sum, into.Min, into.Max));
        into.Merge(Moments.Empty);
        Assert.Equal((7L, 108.0, -7.0, 100.0), (into.Count, into.Sum, into.Min, into.Max));
    }

    [Fact]
    public void Infinite_values_are_values()
    {
        double[] values = [double.PositiveInfinity, 1, double.NegativeInfinity, 2, 3];
        var moments = Moments.Empty;
        ValueMoments.Add(values, [0b11111UL], ref moments);
        Assert.Equal((5L, double.NegativeInfinity, double.PositiveInfinity), (moments.Count, moments.Min, moments.Max));
        Assert.True(double.IsNaN(moments.Sum));
    }

    [Fact]
    public void Too_few_validity_words_throw()
    {
        var moments = Moments.Empty;
        Assert.ThrowsAny<ArgumentException>(() => ValueMoments.Add(new double[65], [ulong.MaxValue], ref moments));
    }
}
