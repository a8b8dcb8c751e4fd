using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;
using CaiScores.Tests.TestData;
using CsCheck;

namespace CaiScores.Tests.Distributions;

public sealed class ScoreDistributionTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 700, runs: 4);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();
    private static readonly DateOnly Day = new(2026, 1, 4);

    [Theory]
    [InlineData(ScoreField.Score)]
    [InlineData(ScoreField.Probability)]
    [InlineData(ScoreField.Percentile)]
    public void Every_run_matches_a_count_over_the_records(ScoreField field)
    {
        var scheme = Scheme(field);
        foreach (var run in Table.Runs)
        {
            var expected = ReferenceDistribution.Count(Scores.Where(s => s.RunKey == run.ScoreDate), scheme, people: true);
            var distribution = ScoreDistribution.Compute(Table, scheme, run.ScoreDate);
            AssertMatches(expected, distribution);
            Assert.Equal([run.ScoreDate], distribution.Runs);
            Assert.Null(distribution.Range);
            Assert.Equal(1.0, distribution.Rows.Sum(r => r.Share) + ((double)distribution.NoValue / distribution.Total), 12);
        }
    }

    [Theory]
    [InlineData(ScoreField.Score, DistributionMetric.People)]
    [InlineData(ScoreField.Score, DistributionMetric.Events)]
    [InlineData(ScoreField.Probability, DistributionMetric.People)]
    [InlineData(ScoreField.Percentile, DistributionMetric.People)]
    [InlineData(ScoreField.Percentile, DistributionMetric.Events)]
    public void A_date_range_matches_a_count_over_its_records(ScoreField field, DistributionMetric metric)
    {
        var scheme = Scheme(field);
        var range = new DateRange(Table.Runs[1].ScoreDate, Table.Runs[3].ScoreDate.AddDays(1));
        var expected = ReferenceDistribution.Count(Scores.Where(s => range.Contains(s.RunKey)), scheme, metric == DistributionMetric.People);
        var distribution = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = scheme, Range = range, Metric = metric });
        AssertMatches(expected, distribution);
        Assert.Equal(Table.Runs.Skip(1).Select(r => r.ScoreDate), distribution.Runs);
        Assert.Equal(range, distribution.Range);
        if (metric == DistributionMetric.People)
        {
            // People move between buckets across runs: each person counts once per bucket reached, once in the total.
            Assert.True(distribution.Rows.Sum(r => r.Count) > distribution.Total);
        }
        else
        {
            Assert.Equal(distribution.Total, distribution.Rows.Sum(r => r.Count) + distribution.NoValue + distribution.NaNCount);
        }
    }

    [Theory]
    [InlineData(ScoreField.Score, DistributionMetric.People)]
    [InlineData(ScoreField.Probability, DistributionMetric.Events)]
    [InlineData(ScoreField.Percentile, DistributionMetric.People)]
    public void Statistics_are_those_of_the_values_bucketed_one_per_person_and_run(ScoreField field, DistributionMetric metric)
    {
        var scheme = Scheme(field);
        var gold = Segment.Persons(Scores.Select(s => s.PersonId).Distinct().Where((_, i) => i % 3 != 0));
        var range = new DateRange(Table.Runs[1].ScoreDate, Table.Runs[3].ScoreDate.AddDays(1));
        foreach (var options in new[]
        {
            new ScoreDistributionOptions { Scheme = scheme, Metric = metric },
            new ScoreDistributionOptions { Scheme = scheme, Metric = metric, Range = range },
            new ScoreDistributionOptions { Scheme = scheme, Metric = metric, Range = range, Segment = gold },
        })
        {
            var distribution = ScoreDistribution.Compute(Table, options);
            var persons = options.Segment is null ? null : gold.Evaluate(Table).GetIds(Table).ToHashSet();
            var values = Scores
                .Where(s => options.Range is { } r ? r.Contains(s.RunKey) : s.RunKey == Table.Runs[^1].ScoreDate)
                .Where(s => persons is null || persons.Contains(s.PersonId))
                .Select(s => ReferenceDistribution.Value(s, field))
                .Where(v => v is { } x && !double.IsNaN(x))
                .Select(v => v!.Value)
                .ToList();
            var statistics = distribution.Statistics;
            Assert.True(values.Count > 100);
            Assert.Equal(values.Count, statistics.Count);
            Assert.Equal(values.Sum(), statistics.Sum, 1e-9 * Math.Abs(values.Sum()));
            Assert.Equal(values.Average(), statistics.Mean!.Value, 1e-9 * Math.Abs(values.Average()));
            Assert.Equal(values.Min(), statistics.Min);
            Assert.Equal(values.Max(), statistics.Max);
        }
    }

    [Fact]
    public void Statistics_leave_out_nulls_and_NaN_and_are_empty_without_values()
    {
        var t = ScoreTable.FromScores([Score("a", double.NaN), Score("b", 30), Score("c", null), Score("d", 12.5)]).Single();
        var statistics = ScoreDistribution.Compute(t, BucketScheme.Cai).Statistics;
        Assert.Equal(new ValueStatistics(2, 42.5, 12.5, 30), statistics);
        Assert.Equal(21.25, statistics.Mean);
        var none = ScoreTable.FromScores([Score("a", null), Score("b", double.NaN)]).Single();
        var empty = ScoreDistribution.Compute(none, BucketScheme.Cai).Statistics;
        Assert.Equal(new ValueStatistics(0, 0, null, null), empty);
        Assert.Null(empty.Mean);
    }

    [Fact]
    public void A_person_in_two_buckets_counts_once_in_each_and_once_in_the_total()
    {
        var t = ScoreTable.FromScores([Score("a", 10, Day), Score("a", 80, Day.AddDays(7)), Score("b", 12, Day), Score("b", 14, Day.AddDays(7)), Score("c", null, Day.AddDays(7))]).Single();
        var range = new DateRange(Day, Day.AddDays(8));
        var people = ScoreDistribution.Compute(t, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Range = range });
        Assert.Equal([2L, 0, 1], people.Rows.Select(r => r.Count));
        Assert.Equal((3L, 1L, 0L), (people.Total, people.NoValue, people.NaNCount));
        Assert.Equal(2 / 3.0, people.Rows[0].Share);
        var events = ScoreDistribution.Compute(t, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Range = range, Metric = DistributionMetric.Events });
        Assert.Equal([3L, 0, 1], events.Rows.Select(r => r.Count));
        Assert.Equal((5L, 1L), (events.Total, events.NoValue));
    }

    [Fact]
    public void Defaults_are_the_latest_run_the_five_point_scheme_and_people_and_no_value_is_apart()
    {
        var t = ScoreTable.FromScores([Score("a", 10), Score("b", null), Score("c", 75), Score("d", 100)]).Single();
        var d = ScoreDistribution.Compute(t);
        Assert.Same(BucketScheme.Distribution5, d.Scheme);
        Assert.Equal(DistributionMetric.People, d.Metric);
        Assert.Equal(20, d.Rows.Count);
        Assert.DoesNotContain(d.Rows, r => r.IsNoValue);
        Assert.Equal((4L, 1L), (d.Total, d.NoValue));
        Assert.Equal(1, d.Rows.Single(r => r.Bucket.Label == "10 to 15").Count);
        Assert.Equal((1L, 1L), (d.Rows.Single(r => r.Bucket.Label == "75 to 80").Count, d.Rows.Single(r => r.Bucket.Label == "95 or more").Count));
        Assert.Equal(0.25, d.Rows.Single(r => r.Bucket.Label == "10 to 15").Share);
        var cai = ScoreDistribution.Compute(t, BucketScheme.Cai);
        Assert.Equal([1L, 0, 2], cai.Rows.Select(r => r.Count));
    }

    [Fact]
    public void The_no_value_row_is_last_when_included_and_can_be_renamed()
    {
        var t = ScoreTable.FromScores([Score("a", 10), Score("b", null), Score("c", null), Score("d", 90)]).Single();
        var d = ScoreDistribution.Compute(t, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, IncludeNoValue = true, NoValueLabel = "Unscored" });
        Assert.Equal(["Less than 25", "25 to 75", "75 or more", "Unscored"], d.Rows.Select(r => r.Bucket.Label));
        var row = d.Rows[^1];
        Assert.True(row.IsNoValue);
        Assert.Equal((3, 2L, 0.5), (row.Bucket.Index, row.Count, row.Share));
        Assert.Null(row.Bucket.Lower);
        Assert.Null(row.Bucket.Upper);
        Assert.Equal(1.0, d.Rows.Sum(r => r.Share), 12);
        Assert.Equal(2, d.NoValue);
    }

    [Fact]
    public void NaN_scores_are_counted_apart_and_never_bucketed()
    {
        var t = ScoreTable.FromScores([Score("a", double.NaN), Score("b", 30), Score("c", double.NaN, Day.AddDays(7)), Score("a", 90, Day.AddDays(7))]).Single();
        var one = ScoreDistribution.Compute(t, BucketScheme.Cai, Day);
        Assert.Equal([0L, 1, 0], one.Rows.Select(r => r.Count));
        Assert.Equal((2L, 0L, 1L), (one.Total, one.NoValue, one.NaNCount));
        var people = ScoreDistribution.Compute(t, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Range = new DateRange(Day, Day.AddDays(14)) });
        Assert.Equal([0L, 1, 1], people.Rows.Select(r => r.Count));
        Assert.Equal((3L, 2L), (people.Total, people.NaNCount));
    }

    [Fact]
    public void A_segment_keeps_only_its_persons()
    {
        var gold = Scores.Select(s => s.PersonId).Distinct().Where((_, i) => i % 3 == 0).ToHashSet();
        var table = Table.WithAttributes(gold.Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = "gold" }));
        var segment = Segment.AttributeEquals("tier", "gold");
        var range = new DateRange(Table.Runs[0].ScoreDate, Table.Runs[^1].ScoreDate.AddDays(1));
        foreach (var metric in new[] { DistributionMetric.People, DistributionMetric.Events })
        {
            var expected = ReferenceDistribution.Count(Scores.Where(s => gold.Contains(s.PersonId)), BucketScheme.Distribution5, metric == DistributionMetric.People);
            AssertMatches(expected, ScoreDistribution.Compute(table, new ScoreDistributionOptions { Range = range, Metric = metric, Segment = segment }));
        }

        // One run: a person-level segment looks at every run, unless its condition names one.
        var latest = Table.Runs[^1].ScoreDate;
        static bool Medium(ScoreRecord s) => s.Score is >= 25 and < 75;
        var mediumSomewhere = Scores.Where(Medium).Select(s => s.PersonId).ToHashSet();
        var mediumInLatest = Scores.Where(s => s.RunKey == latest && Medium(s)).Select(s => s.PersonId).ToHashSet();
        var any = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Segment = Segment.InBucket(BucketScheme.Cai, "Medium") });
        Assert.Equal(Scores.Count(s => s.RunKey == latest && mediumSomewhere.Contains(s.PersonId)), any.Total);
        Assert.True(any.Total > mediumInLatest.Count);
        var inRun = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Segment = Segment.InBucket(BucketScheme.Cai, "Medium", latest) });
        Assert.Equal([0L, mediumInLatest.Count, 0], inRun.Rows.Select(r => r.Count));
    }

    [Fact]
    public void A_range_without_runs_gives_zeros()
    {
        var d = ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Range = new DateRange(new DateOnly(1999, 1, 1), new DateOnly(1999, 2, 1)) });
        Assert.Empty(d.Runs);
        Assert.All(d.Rows, r => Assert.Equal((0L, 0.0), (r.Count, r.Share)));
        Assert.Equal((0L, 0L, 0L), (d.Total, d.NoValue, d.NaNCount));
    }

    [Fact]
    public void A_run_that_does_not_exist_is_named_with_the_runs_there_are()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoreDistribution.Compute(Table, new ScoreDistributionOptions { Run = new DateOnly(1999, 1, 1) }));
        Assert.Equal("run", e.ParamName);
        Assert.Contains("1999-01-01", e.Message, StringComparison.Ordinal);
        Assert.Contains(Table.Runs[0].ScoreDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Equal("run", Assert.Throws<ArgumentException>(() => ScoreDistribution.Compute(Table, BucketScheme.Cai, new DateOnly(1999, 1, 1))).ParamName);
    }

    [Fact]
    public void Invalid_options_are_all_reported_in_one_message()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoreDistribution.Compute(Table, new ScoreDistributionOptions
        {
            Run = Day,
            Range = new DateRange(Day, Day.AddDays(1)),
            Metric = (DistributionMetric)7,
            NoValueLabel = "",
            MaxDegreeOfParallelism = 0,
            Scheme = null!,
        }));
        Assert.Equal("options", e.ParamName);
        foreach (var name in new[] { "Scheme", "Run", "Range", "Metric", "NoValueLabel", "MaxDegreeOfParallelism" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        // More persons than one chunk, so that several chunks are counted and merged.
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "Big")!;
        var random = new Random(5);
        for (var p = 0; p < 100_000; p++)
        {
            var id = System.Text.Encoding.UTF8.GetBytes($"p{p}");
            for (var r = 0; r < 3; r++)
            {
                if (random.Next(4) > 0)
                {
                    writer.AddRow(id, Day.AddDays(7 * r), null, random.Next(20) == 0 ? null : random.NextDouble() * 100, null, null, null);
                }
            }
        }

        var table = builder.Build().Single();
        var range = new DateRange(Day, Day.AddDays(30));
        var one = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Range = range, MaxDegreeOfParallelism = 1 });
        var four = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Range = range, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Rows, four.Rows);
        Assert.Equal((one.Total, one.NoValue), (four.Total, four.NoValue));
        Assert.Equal(one.Statistics, four.Statistics); // the sum too, to the last bit: fixed chunks merged in order
        Assert.True(one.Total > 95_000);
    }

    [Fact]
    public void Counting_any_split_of_the_persons_and_merging_gives_the_whole()
    {
        var random = new Random(4);
        var range = new DateRange(Table.Runs[0].ScoreDate, Table.Runs[^1].ScoreDate.AddDays(1));
        foreach (var metric in new[] { DistributionMetric.People, DistributionMetric.Events })
        {
            var query = new ScoreDistribution.DistributionQuery(AnalysisScope.Create(Table, range, null), BucketScheme.Distribution5, metric);
            var whole = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
            whole.Add(query, 0, Table.Persons.Count);
            for (var trial = 0; trial < 20; trial++)
            {
                var cut = random.Next(0, Table.Persons.Count + 1);
                var left = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
                var right = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
                left.Add(query, 0, cut);
                right.Add(query, cut, Table.Persons.Count - cut);
                right.Merge(left);
                Assert.Equal(whole.Counts, right.Counts);
                Assert.Equal((whole.Total, whole.NoValue, whole.NaN), (right.Total, right.NoValue, right.NaN));
            }
        }
    }

    /// <summary>Random small tables: every invariant and the reference, for both metrics and any split.</summary>
    [Fact]
    public void Property_counts_match_the_reference_and_merging_a_partition_gives_the_whole()
    {
        var values = Gen.Frequency(
            (6, Gen.Double[-5, 105].Select(d => (double?)d)),
            (2, Gen.Int[0, 20].Select(i => (double?)(i * 5.0))),
            (2, Gen.Int[1, 20].Select(i => (double?)Math.BitDecrement(i * 5.0))),
            (1, Gen.Const((double?)null)),
            (1, Gen.Const((double?)double.NaN)));
        var rows = Gen.Select(Gen.Int[0, 90], Gen.Int[0, 3], values).Array[1, 150];
        Gen.Select(rows, Gen.Int[0, 3], Gen.Int[1, 4], Gen.Bool, Gen.Int[0, 100]).Sample((cells, fromRun, runCount, people, cutPercent) =>
        {
            // One record per (person, run): later cells replace earlier ones, as the table's LastWins does for ties.
            var records = cells.GroupBy(c => (c.Item1, c.Item2)).Select(g => Score($"p{g.Key.Item1}", g.Last().Item3, Day.AddDays(7 * g.Key.Item2))).ToList();
            var table = ScoreTable.FromScores(records).Single();
            var range = new DateRange(Day.AddDays(7 * fromRun), Day.AddDays(7 * (fromRun + runCount)));
            var metric = people ? DistributionMetric.People : DistributionMetric.Events;
            var expected = ReferenceDistribution.Count(records.Where(r => range.Contains(r.RunKey)), BucketScheme.Distribution5, people);
            var d = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Range = range, Metric = metric, IncludeNoValue = true });
            AssertMatches(expected, d);
            var bucketed = d.Rows.Where(r => !r.IsNoValue).Sum(r => r.Count);
            if (people)
            {
                Assert.True(bucketed + d.NoValue + d.NaNCount >= d.Total);
            }
            else
            {
                Assert.Equal(d.Total, bucketed + d.NoValue + d.NaNCount);
            }

            var query = new ScoreDistribution.DistributionQuery(AnalysisScope.Create(table, range, null), BucketScheme.Distribution5, metric);
            var cut = table.Persons.Count * cutPercent / 100;
            var left = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
            var right = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
            left.Add(query, 0, cut);
            right.Add(query, cut, table.Persons.Count - cut);
            left.Merge(right);
            Assert.Equal(expected.Counts, left.Counts);
            Assert.Equal((expected.Total, expected.NoValue, expected.NaN), (left.Total, left.NoValue, left.NaN));
        }, iter: 150);
    }

    private static void AssertMatches(ReferenceDistribution.Result expected, ScoreDistribution actual)
    {
        Assert.Equal(expected.Counts, actual.Rows.Where(r => !r.IsNoValue).Select(r => r.Count));
        Assert.Equal((expected.Total, expected.NoValue, expected.NaN), (actual.Total, actual.NoValue, actual.NaNCount));
        foreach (var row in actual.Rows)
        {
            Assert.Equal(actual.Total == 0 ? 0 : (double)row.Count / actual.Total, row.Share);
        }
    }

    private static BucketScheme Scheme(ScoreField field) => field switch
    {
        ScoreField.Probability => BucketScheme.Create(field, 0.05, 0.1, 0.25),
        ScoreField.Percentile => BucketScheme.Create(field, 50, 80, 95),
        _ => BucketScheme.Distribution5,
    };

    private static ScoreRecord Score(string person, double? score, DateOnly? run = null) => Fixtures.Score(person, score, run ?? Day);
}
