using System.Numerics;
using CaiScores.Columnar;
using CaiScores.Histograms;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Histograms;

public sealed class MetricHistogramTests
{
    private static readonly DateOnly Day = new(2026, 1, 4);
    private static readonly List<ScoreRecord> Records = Generate(persons: 400, runs: 5, seed: 11);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Records).Single();
    private static readonly DateRange LastThree = new(Day.AddDays(14), Day.AddDays(35));

    [Fact]
    public void Labels_are_cjas_inclusive_integer_ranges_with_an_overflow_bucket()
    {
        Assert.Equal(["1-2", "3-4", "5-6", "7-8", "9-10", "11+"], MetricHistogram.FromValues(ReadOnlySpan<long>.Empty, 1, 5, 2).Rows.Select(r => r.Label));
        Assert.Equal(["0-4", "5-9", "10-14", "15+"], MetricHistogram.FromValues(ReadOnlySpan<long>.Empty, 0, 3, 5).Rows.Select(r => r.Label));
        var defaults = MetricHistogram.FromValues(ReadOnlySpan<long>.Empty);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "11+"], defaults.Rows.Select(r => r.Label));
        Assert.Equal((1L, 10, 1L), (defaults.StartingBucket, defaults.BucketCount, defaults.BucketSize));
        var blog = MetricHistogram.FromValues(ReadOnlySpan<long>.Empty, 1, 10, 50);
        Assert.Equal(("451-500", 451L, 500L), (blog.Rows[9].Label, blog.Rows[9].Lo, blog.Rows[9].Hi!.Value));
        Assert.Equal(("501+", 501L), (blog.Rows[10].Label, blog.Rows[10].Lo));
        Assert.True(blog.Rows[10].IsOverflow);
        Assert.Null(blog.Rows[10].Hi);
    }

    [Fact]
    public void Values_below_the_start_and_above_the_last_bucket_are_kept_apart()
    {
        var h = MetricHistogram.FromValues([0L, 1, 2, 3, 10, 11, 500, -3, long.MaxValue, long.MinValue]);
        Assert.Equal([1L, 1, 1, 0, 0, 0, 0, 0, 0, 1, 3], h.Rows.Select(r => r.Count));
        Assert.Equal((3L, 10L, 0L, 0L), (h.BelowStartCount, h.EntityCount, h.NoValueCount, h.NaNCount));
        Assert.Null(h.Metric);
        Assert.Null(h.CountingMethod);
        Assert.Null(h.Diagnostics);
        Assert.Empty(h.Runs);
    }

    [Fact]
    public void Doubles_are_floored_and_NaN_is_counted_apart()
    {
        var h = MetricHistogram.FromValues([0.99, 1.0, 1.99, 2.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 10.999, -0.0, 11.0]);
        Assert.Equal([2L, 1, 0, 0, 0, 0, 0, 0, 0, 1, 2], h.Rows.Select(r => r.Count));
        Assert.Equal((3L, 1L, 10L), (h.BelowStartCount, h.NaNCount, h.EntityCount));
        var fromZero = MetricHistogram.FromValues([-0.0, 0.5, -0.5], startingBucket: 0, bucketCount: 1);
        Assert.Equal((2L, 1L), (fromZero.Rows[0].Count, fromZero.BelowStartCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Scoring_events_per_person_match_the_records(bool lastThreeRuns)
    {
        var range = lastThreeRuns ? LastThree : null;
        var perPerson = InRange(range).GroupBy(r => r.PersonId).Select(g => (long)g.Count()).ToList();
        var h = MetricHistogram.Compute(Table, new MetricHistogramOptions { Range = range, StartingBucket = 2, BucketCount = 2 });
        AssertMatches(ReferenceHistogram.Count(perPerson, 2, 2, 1), h);
        Assert.Equal(perPerson.Count, h.EntityCount);
        Assert.Equal((HistogramMetric.ScoringEvents, CountingMethod.Person), (h.Metric!.Value, h.CountingMethod!.Value));
        Assert.Equal(lastThreeRuns ? 3 : 5, h.Runs.Count);
        Assert.Same(Table.Diagnostics, h.Diagnostics);
    }

    [Fact]
    public void Factors_per_person_are_summed_over_the_runs_in_range()
    {
        var perPerson = InRange(LastThree).GroupBy(r => r.PersonId).Select(g => (long)g.Sum(r => r.Factors.Count)).ToList();
        var h = MetricHistogram.Compute(Table, new MetricHistogramOptions { Metric = HistogramMetric.Factors, Range = LastThree, StartingBucket = 0, BucketCount = 4, BucketSize = 5 });
        AssertMatches(ReferenceHistogram.Count(perPerson, 0, 4, 5), h);
        Assert.Equal(["0-4", "5-9", "10-14", "15-19", "20+"], h.Rows.Select(r => r.Label));
    }

    [Theory]
    [InlineData(HistogramMetric.Score)]
    [InlineData(HistogramMetric.Percentile)]
    [InlineData(HistogramMetric.Factors)]
    public void Event_counting_buckets_each_score_row(HistogramMetric metric)
    {
        var rows = InRange(LastThree).ToList();
        double? Value(ScoreRecord r) => metric switch
        {
            HistogramMetric.Score => r.Score,
            HistogramMetric.Percentile => r.PercentileScore,
            _ => r.Factors.Count,
        };
        var values = rows.Select(Value).Where(v => v is not null).Select(v => v!.Value).ToList();
        var h = MetricHistogram.Compute(Table, new MetricHistogramOptions { CountingMethod = CountingMethod.Event, Metric = metric, Range = LastThree, StartingBucket = 0, BucketCount = 10, BucketSize = 10 });
        AssertMatches(ReferenceHistogram.Count(values, 0, 10, 10), h);
        Assert.Equal(rows.Count, h.EntityCount);
        Assert.Equal(rows.Count(r => Value(r) is null), h.NoValueCount);
        Assert.Equal(h.EntityCount, h.Rows.Sum(r => r.Count) + h.BelowStartCount + h.NoValueCount + h.NaNCount);
        if (metric != HistogramMetric.Factors)
        {
            Assert.True(h.NoValueCount > 0);
        }
    }

    [Fact]
    public void A_segment_keeps_only_its_persons()
    {
        var vip = Records.Select(r => r.PersonId).Distinct().Where((_, i) => i % 4 == 1).ToHashSet();
        var table = Table.WithAttributes(vip.Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = "vip" }));
        var perPerson = Records.Where(r => vip.Contains(r.PersonId)).GroupBy(r => r.PersonId).Select(g => (long)g.Count()).ToList();
        var h = MetricHistogram.Compute(table, new MetricHistogramOptions { Segment = Segment.AttributeEquals("tier", "vip"), BucketCount = 3 });
        AssertMatches(ReferenceHistogram.Count(perPerson, 1, 3, 1), h);
    }

    [Fact]
    public void A_range_without_runs_gives_zeros()
    {
        var h = MetricHistogram.Compute(Table, new MetricHistogramOptions { Range = new DateRange(new DateOnly(1999, 1, 1), new DateOnly(1999, 1, 2)) });
        Assert.All(h.Rows, r => Assert.Equal(0, r.Count));
        Assert.Equal((0L, 0L), (h.EntityCount, h.BelowStartCount));
        Assert.Empty(h.Runs);
    }

    [Fact]
    public void Invalid_options_are_all_reported_in_one_message()
    {
        var e = Assert.Throws<ArgumentException>(() => MetricHistogram.Compute(Table, new MetricHistogramOptions { StartingBucket = -1, BucketCount = 51, BucketSize = 0, MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", e.ParamName);
        foreach (var name in new[] { "StartingBucket", "BucketCount", "BucketSize", "MaxDegreeOfParallelism" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }

        Assert.Contains("Event counting", Assert.Throws<ArgumentException>(() => MetricHistogram.Compute(Table, new MetricHistogramOptions { Metric = HistogramMetric.Score })).Message, StringComparison.Ordinal);
        Assert.Contains("Person counting", Assert.Throws<ArgumentException>(() => MetricHistogram.Compute(Table, new MetricHistogramOptions { CountingMethod = CountingMethod.Event })).Message, StringComparison.Ordinal);
        Assert.Contains("beyond", Assert.Throws<ArgumentException>(() => MetricHistogram.Compute(Table, new MetricHistogramOptions { StartingBucket = long.MaxValue - 5 })).Message, StringComparison.Ordinal);
        Assert.Equal("bucketCount", Assert.Throws<ArgumentException>(() => MetricHistogram.FromValues([1L], 0, 0)).ParamName);
        Assert.Equal("startingBucket", Assert.Throws<ArgumentException>(() => MetricHistogram.FromValues([1.0], -1, 0, 0)).ParamName);
        Assert.Equal("bucketSize", Assert.Throws<ArgumentException>(() => MetricHistogram.FromValues([1.0], bucketSize: 0)).ParamName);
        Assert.Throws<ArgumentNullException>(() => MetricHistogram.Compute(null!));
    }

    [Theory]
    [InlineData(CountingMethod.Person, HistogramMetric.ScoringEvents)]
    [InlineData(CountingMethod.Person, HistogramMetric.Factors)]
    [InlineData(CountingMethod.Event, HistogramMetric.Score)]
    [InlineData(CountingMethod.Event, HistogramMetric.Percentile)]
    [InlineData(CountingMethod.Event, HistogramMetric.Factors)]
    public void Counting_any_split_of_the_persons_and_merging_gives_the_whole(CountingMethod counting, HistogramMetric metric)
    {
        var layout = new HistogramLayout(0, 12, 3);
        var scope = AnalysisScope.Create(Table, null, null);
        var whole = new MetricHistogram.HistogramCounts(layout);
        whole.Add(scope, counting, metric, 0, Table.Persons.Count);
        var random = new Random(8);
        for (var trial = 0; trial < 10; trial++)
        {
            var cut = random.Next(0, Table.Persons.Count + 1);
            var left = new MetricHistogram.HistogramCounts(layout);
            var right = new MetricHistogram.HistogramCounts(layout);
            right.Add(scope, counting, metric, cut, Table.Persons.Count - cut);
            left.Add(scope, counting, metric, 0, cut);
            left.Merge(right);
            Assert.Equal(whole.Tally, left.Tally);
            Assert.Equal((whole.Entities, whole.NoValue), (left.Entities, left.NoValue));
        }

        var parallel = MetricHistogram.Compute(Table, new MetricHistogramOptions { CountingMethod = counting, Metric = metric, StartingBucket = 0, BucketCount = 12, BucketSize = 3, MaxDegreeOfParallelism = 3 });
        Assert.Equal(whole.Tally.Skip(1).Take(13), parallel.Rows.Select(r => r.Count));
    }

    [Fact]
    public void Property_rows_and_below_start_are_the_entities_with_a_value_and_match_the_reference()
    {
        var values = Gen.Frequency(
            (6, Gen.Double[-20, 200]),
            (2, Gen.Int[-5, 120].Select(i => (double)i)),
            (1, Gen.OneOf(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 1e300)));
        Gen.Select(values.Array[0, 300], Gen.Long[0, 40], Gen.Int[1, 50], Gen.Long[1, 9]).Sample((xs, start, count, size) =>
        {
            var h = MetricHistogram.FromValues(xs, start, count, size);
            Assert.Equal(xs.Count(x => !double.IsNaN(x)), h.Rows.Sum(r => r.Count) + h.BelowStartCount);
            AssertMatches(ReferenceHistogram.Count(xs, start, count, size), h);
            long[] whole = [.. xs.Where(x => double.IsFinite(x)).Select(x => (long)Math.Floor(x))];
            var longs = MetricHistogram.FromValues(whole, start, count, size);
            Assert.Equal(whole.Length, longs.Rows.Sum(r => r.Count) + longs.BelowStartCount);
            AssertMatches(ReferenceHistogram.Count(whole, start, count, size), longs);
        }, iter: 200);
    }

    private static IEnumerable<ScoreRecord> InRange(DateRange? range) => Records.Where(r => range is null || range.Contains(r.RunKey));

    private static void AssertMatches(long[] expected, MetricHistogram actual)
    {
        var n = actual.BucketCount;
        Assert.Equal(expected.Skip(1).Take(n + 1), actual.Rows.Select(r => r.Count));
        Assert.Equal((expected[0], expected[n + 2]), (actual.BelowStartCount, actual.NaNCount));
    }

    /// <summary>Persons scored in some runs, with null scores and percentiles now and then and 0 to 8 factors.</summary>
    private static List<ScoreRecord> Generate(int persons, int runs, int seed)
    {
        var random = new Random(seed);
        var records = new List<ScoreRecord>();
        for (var p = 0; p < persons; p++)
        {
            for (var r = 0; r < runs; r++)
            {
                if (random.Next(3) == 0)
                {
                    continue;
                }

                records.Add(new ScoreRecord
                {
                    PersonId = $"person-{p}",
                    TenantId = "acme",
                    InstanceKey = "Hist",
                    RunKey = Day.AddDays(7 * r),
                    ScoreDate = Day.AddDays(7 * r),
                    Score = random.Next(25) == 0 ? null : Math.Round(random.NextDouble() * 100, random.Next(3)),
                    PercentileScore = random.Next(25) == 0 ? null : random.Next(1, 101),
                    Factors = [.. Enumerable.Range(0, random.Next(9)).Select(i => new InfluentialFactor { Code = $"f{i}", Value = "1" })],
                });
            }
        }

        return records;
    }
}
