using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;
using CaiScores.Tests.Targeting;
using CsCheck;

namespace CaiScores.Tests.Bucketing;

public sealed class QuantileSchemeTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 600, runs: 3);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();

    [Fact]
    public void Deciles_of_ten_distinct_values_put_one_in_each_bucket()
    {
        var table = TopPercentTests.Build(Enumerable.Range(1, 10).Select(i => (double?)i).ToArray());
        var deciles = QuantileSchemes.Deciles(table);
        Assert.Equal([2.0, 3, 4, 5, 6, 7, 8, 9, 10], deciles.Scheme.Edges);
        Assert.Equal(Enumerable.Repeat(1L, 10), ScoreDistribution.Compute(table, deciles.Scheme).Rows.Select(r => r.Count));
        Assert.Equal((0, 10L, QuantileConvention.UpperRank), (deciles.CollapsedBuckets, deciles.Values, deciles.Convention));

        // quantile_disc(x, [0.1, …, 0.9]) over 1..10 is 1..9: the first bucket, "Less than 1", is empty.
        var disc = QuantileSchemes.Deciles(table, convention: QuantileConvention.QuantileDisc);
        Assert.Equal([1.0, 2, 3, 4, 5, 6, 7, 8, 9], disc.Scheme.Edges);
        Assert.Equal([0L, 1, 1, 1, 1, 1, 1, 1, 1, 2], ScoreDistribution.Compute(table, disc.Scheme).Rows.Select(r => r.Count));
    }

    [Theory]
    [InlineData(ScoreField.Score)]
    [InlineData(ScoreField.Probability)]
    [InlineData(ScoreField.Percentile)]
    public void Edges_are_the_reference_quantiles_of_the_records(ScoreField field)
    {
        double[][] sets = [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], [0.25, 0.5, 0.75], [0.05, 0.95], [0.333, 0.5, 0.999], [0.5]];
        foreach (var run in Table.Runs)
        {
            var values = Scores.Where(s => s.RunKey == run.ScoreDate).Select(s => Value(s, field)).Where(v => v is not null).Select(v => v!.Value).ToArray();
            var (descending, _) = ReferenceQuantiles.Sorted(values, null);
            foreach (var probabilities in sets)
            {
                foreach (var convention in new[] { QuantileConvention.UpperRank, QuantileConvention.QuantileDisc })
                {
                    var q = QuantileSchemes.Create(Table, field, probabilities, run.ScoreDate, convention);
                    var expected = probabilities.Select(p => convention == QuantileConvention.UpperRank
                        ? ReferenceQuantiles.UpperRank(descending, TopPercentTests.Exact(p))
                        : ReferenceQuantiles.QuantileDisc(descending, TopPercentTests.Exact(p))).ToArray();
                    Assert.Equal(expected, q.Quantiles);
                    Assert.Equal(expected.Distinct(), q.Scheme.Edges);
                    Assert.Equal(field, q.Scheme.Field);
                    Assert.Equal(descending.Length, q.Values);
                    Assert.Equal(probabilities.Length + 1 - q.Scheme.Buckets.Count, q.CollapsedBuckets);
                }
            }
        }
    }

    [Fact]
    public void The_top_decile_bucket_is_the_top_ten_percent()
    {
        foreach (var run in Table.Runs)
        {
            var deciles = QuantileSchemes.Deciles(Table, run: run.ScoreDate);
            var top = ScoreDistribution.Compute(Table, deciles.Scheme, run.ScoreDate).Rows[^1].Count;
            var selection = TopPercent.Select(Table, 10, new TopPercentOptions { Run = run.ScoreDate, Method = TargetingMethod.Recomputed });
            Assert.Equal(selection.Count, top);
            Assert.Equal(selection.Threshold, deciles.Scheme.Edges[^1]);
        }
    }

    [Fact]
    public void Ties_collapse_buckets_and_say_so()
    {
        // Half the persons score 0: the first four deciles are all 0 and merge.
        var scores = Enumerable.Range(0, 100).Select(i => (double?)(i < 50 ? 0 : i)).ToArray();
        var deciles = QuantileSchemes.Deciles(TopPercentTests.Build(scores));
        Assert.Equal([0.0, 50, 60, 70, 80, 90], deciles.Scheme.Edges);
        Assert.Equal([0.0, 0, 0, 0, 50, 60, 70, 80, 90], deciles.Quantiles);
        Assert.Equal(3, deciles.CollapsedBuckets);
        Assert.Contains("3 collapsed by ties", deciles.ToString(), StringComparison.Ordinal);

        var same = QuantileSchemes.Deciles(TopPercentTests.Build([7.0, 7.0, 7.0]));
        Assert.Equal([7.0], same.Scheme.Edges);
        Assert.Equal(8, same.CollapsedBuckets);
    }

    [Fact]
    public void Infinite_quantiles_are_not_edges_and_nan_and_nulls_are_left_out()
    {
        double?[] scores = [double.NegativeInfinity, double.NegativeInfinity, 1, 2, 3, double.PositiveInfinity, double.PositiveInfinity, double.NaN, null];
        var q = QuantileSchemes.Create(TopPercentTests.Build(scores), ScoreField.Score, [0.1, 0.5, 0.9]);
        Assert.Equal(7, q.Values);
        Assert.Equal([double.NegativeInfinity, 2, double.PositiveInfinity], q.Quantiles);
        Assert.Equal([2.0], q.Scheme.Edges);
        Assert.Equal(2, q.CollapsedBuckets);

        var infinite = Assert.Throws<ArgumentException>(() => QuantileSchemes.Deciles(TopPercentTests.Build([double.PositiveInfinity])));
        Assert.Equal("table", infinite.ParamName);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        foreach (var probabilities in new double[][] { [], [0.5, 0.5], [0.6, 0.4], [0, 0.5], [0.5, 1], [double.NaN], [.. Enumerable.Range(1, 20).Select(i => i / 21.0)] })
        {
            Assert.Equal("probabilities", Assert.Throws<ArgumentException>(() => QuantileSchemes.Create(Table, ScoreField.Score, probabilities)).ParamName);
        }

        Assert.Equal("run", Assert.Throws<ArgumentException>(() => QuantileSchemes.Deciles(Table, run: new DateOnly(1999, 1, 1))).ParamName);
        Assert.Equal("field", Assert.Throws<ArgumentOutOfRangeException>(() => QuantileSchemes.Deciles(Table, (ScoreField)5)).ParamName);
        Assert.Equal("convention", Assert.Throws<ArgumentOutOfRangeException>(() => QuantileSchemes.Deciles(Table, convention: (QuantileConvention)5)).ParamName);
        var empty = Assert.Throws<ArgumentException>(() => QuantileSchemes.Deciles(TopPercentTests.Build([null, null])));
        Assert.Contains("has a score value", empty.Message, StringComparison.Ordinal);
        var noProbability = Assert.Throws<ArgumentException>(() => QuantileSchemes.Deciles(TopPercentTests.Build([1.0]), ScoreField.Probability));
        Assert.Equal("table", noProbability.ParamName);
    }

    [Fact]
    public void Edges_ascend_and_are_values_of_the_column_for_any_data()
    {
        var values = Gen.Frequency((5, Gen.Double[-50, 150].Select(d => Math.Round(d, 2))), (2, Gen.Int[0, 4].Select(i => i * 25.0)), (1, Gen.OneOf(double.NaN, -0.0)));
        var probabilities = Gen.Double[0.001, 0.999].Array[1, 19].Select(a => a.Distinct().Order().ToArray());
        Gen.Select(values.Array[1, 150], probabilities, Gen.OneOf(QuantileConvention.UpperRank, QuantileConvention.QuantileDisc)).Sample(
            (column, qs, convention) =>
            {
                var numbers = column.Where(v => !double.IsNaN(v)).ToList();
                var table = TopPercentTests.Build([.. column.Select(v => (double?)v)]);
                if (numbers.Count == 0)
                {
                    Assert.Throws<ArgumentException>(() => QuantileSchemes.Create(table, ScoreField.Score, qs, convention: convention));
                    return;
                }

                var q = QuantileSchemes.Create(table, ScoreField.Score, qs, convention: convention);
                for (var i = 1; i < q.Scheme.Edges.Count; i++)
                {
                    Assert.True(q.Scheme.Edges[i - 1] < q.Scheme.Edges[i], "edges ascend strictly");
                }

                for (var i = 1; i < q.Quantiles.Count; i++)
                {
                    Assert.True(q.Quantiles[i - 1] <= q.Quantiles[i], "quantiles ascend");
                }

                Assert.All(q.Quantiles, v => Assert.Contains(v, numbers));
                Assert.Equal(numbers.Count, q.Values);
            },
            iter: 150,
            threads: 1);
    }

    private static double? Value(ScoreRecord r, ScoreField field) => field switch
    {
        ScoreField.Probability => r.Probability,
        ScoreField.Percentile => r.PercentileScore,
        _ => r.Score,
    };
}
