using CaiScores.Bucketing;

namespace CaiScores.Tests.Bucketing;

public sealed class BucketSchemeTests
{
    [Fact]
    public void The_cai_scheme_is_low_medium_high_with_cja_labels()
    {
        var scheme = BucketScheme.Cai;
        Assert.Equal(ScoreField.Score, scheme.Field);
        Assert.Equal(
            [
                new Bucket(0, "Less than 25", "Low", null, 25),
                new Bucket(1, "25 to 75", "Medium", 25, 75),
                new Bucket(2, "75 or more", "High", 75, null),
            ],
            scheme.Buckets);
    }

    [Theory]
    [InlineData(-1e300, 0)]
    [InlineData(double.NegativeInfinity, 0)]
    [InlineData(24.999999999999996, 0)]
    [InlineData(25.0, 1)]
    [InlineData(74.99999999, 1)]
    [InlineData(75.0, 2)]
    [InlineData(100.0, 2)]
    [InlineData(250.0, 2)]
    [InlineData(double.PositiveInfinity, 2)]
    [InlineData(double.NaN, -1)]
    public void A_value_on_an_edge_goes_up_and_nothing_is_rounded(double value, int bucket) =>
        Assert.Equal(bucket, BucketScheme.Cai.BucketOf(value));

    [Fact]
    public void The_five_point_distribution_has_twenty_buckets_in_numeric_order()
    {
        var buckets = BucketScheme.Distribution5.Buckets;
        Assert.Equal(20, buckets.Count);
        Assert.Equal("Less than 5", buckets[0].Label);
        Assert.Equal("5 to 10", buckets[1].Label);
        Assert.Equal("95 or more", buckets[19].Label);
        Assert.True(buckets.Skip(1).Zip(buckets.Skip(2)).All(p => p.First.Lower < p.Second.Lower));
    }

    [Fact]
    public void Labels_use_the_invariant_shortest_round_trip_form()
    {
        var scheme = BucketScheme.Create(ScoreField.Probability, 0.1, 0.25, 1.0 / 3);
        Assert.Equal(["Less than 0.1", "0.1 to 0.25", "0.25 to 0.3333333333333333", "0.3333333333333333 or more"], scheme.Buckets.Select(b => b.Label));
    }

    [Fact]
    public void Bucket_of_matches_a_linear_reference_on_random_values()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 200; trial++)
        {
            var edges = Enumerable.Range(0, random.Next(1, 20)).Select(_ => Math.Round(random.NextDouble() * 100, random.Next(0, 4))).Distinct().Order().ToArray();
            var scheme = BucketScheme.Create(ScoreField.Score, edges);
            for (var i = 0; i < 100; i++)
            {
                var value = random.Next(4) == 0 ? edges[random.Next(edges.Length)] : (random.NextDouble() * 120) - 10;
                Assert.Equal(edges.Count(e => value >= e), scheme.BucketOf(value));
            }
        }
    }

    [Theory]
    [InlineData(new double[0], "1 to 19 edges")]
    [InlineData(new[] { 1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 }, "1 to 19 edges (2 to 20 buckets); 20 were given")]
    [InlineData(new[] { 25.0, 25.0 }, "edge 1 (25) repeats edge 0 (25)")]
    [InlineData(new[] { 75.0, 25.0 }, "edge 1 (25) is below edge 0 (75)")]
    [InlineData(new[] { 25.0, double.NaN }, "Edge 1 is NaN")]
    [InlineData(new[] { double.PositiveInfinity }, "Edge 0 is Infinity; edges must be finite")]
    public void Bad_edges_fail_naming_the_parameter_and_the_problem(double[] edges, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => BucketScheme.Create(ScoreField.Score, edges));
        Assert.Equal("edges", e.ParamName);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
