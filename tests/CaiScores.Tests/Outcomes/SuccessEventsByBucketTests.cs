using CaiScores.Bucketing;
using CaiScores.Outcomes;
using CaiScores.Segments;
using CaiScores.Tests.Reference;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Outcomes;

public sealed class SuccessEventsByBucketTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(80, 2, 2)]
    [InlineData(2000, 3, 3)]
    [InlineData(65_537, 1, 4)]
    public void Every_run_matches_the_reference_with_and_without_a_window(int persons, int runs, int seed)
    {
        var (scores, outcomeRecords) = OutcomeData.Random(persons, runs, seed);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        foreach (var run in table.Runs)
        {
            foreach (var (days, scheme) in new[] { ((int?)null, BucketScheme.Cai), (5, BucketScheme.Cai), (14, BucketScheme.Create(ScoreField.Percentile, 50)) })
            {
                var result = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { Run = run.ScoreDate, OutcomeWindowDays = days, Scheme = scheme });
                AssertMatches(ReferenceOutcomeTables.ByBucket(scores, outcomeRecords, run.ScoreDate, scheme, days), result);
                Assert.Equal((run.ScoreDate, days), (result.Run, result.OutcomeWindowDays));
            }
        }
    }

    [Fact]
    public void A_segment_limits_the_people()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(300, 2, 5);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var some = scores.Select(s => s.PersonId).Distinct().Where((_, i) => i % 3 == 0).ToHashSet();
        var result = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { Segment = Segment.Persons(some) });
        AssertMatches(ReferenceOutcomeTables.ByBucket(scores, outcomeRecords, table.Runs[^1].ScoreDate, BucketScheme.Cai, null, some.Contains), result);
    }

    [Fact]
    public void A_small_example_by_hand()
    {
        var table = Table([Score("a", 10), Score("b", 20), Score("c", 80), Score("d", null), Score("e", 50)]);
        var outcomes = OutcomeEvents.Join(table,
        [
            Outcome("a", At(Day0, 1), 10), Outcome("a", At(Day0, 2), null), Outcome("a", At(Day0.AddDays(9)), 5),
            Outcome("c", At(Day0, -1), 7), Outcome("d", At(Day0, 1), 1),
        ]);
        var all = SuccessEventsByBucket.Compute(table, outcomes);
        Assert.Equal((Day0, 5L, 1L, 0L), (all.Run, all.People, all.NoValue, all.NaNCount));
        Assert.Equal(new SuccessEventsRow(BucketScheme.Cai.Buckets[0], 2, 1, 3, 15, 1.5, 0.5), all.Rows[0]);
        Assert.Equal(new SuccessEventsRow(BucketScheme.Cai.Buckets[1], 1, 0, 0, 0, 0, 0), all.Rows[1]);
        Assert.Equal(new SuccessEventsRow(BucketScheme.Cai.Buckets[2], 1, 1, 1, 7, 1, 1), all.Rows[2]);
        var week = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { OutcomeWindowDays = 7 });
        Assert.Equal(new SuccessEventsRow(BucketScheme.Cai.Buckets[0], 2, 1, 2, 10, 1, 0.5), week.Rows[0]);
        Assert.Equal(new SuccessEventsRow(BucketScheme.Cai.Buckets[2], 1, 0, 0, 0, 0, 0), week.Rows[2]);
        var empty = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { Scheme = BucketScheme.Create(ScoreField.Score, 1000) });
        Assert.Null(empty.Rows[1].EventsPerPerson);
        Assert.Null(empty.Rows[1].ConversionRate);
    }

    [Fact]
    public void Bad_parameters_fail_fast_naming_them()
    {
        var table = Table([Score("a", 90)]);
        var outcomes = OutcomeEvents.Join(table, []);
        var e = Assert.Throws<ArgumentException>(() => SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { OutcomeWindowDays = 0, Scheme = null!, TimeZone = null!, MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", e.ParamName);
        foreach (var part in new[] { "OutcomeWindowDays is 0", "Scheme is null", "TimeZone is null", "MaxDegreeOfParallelism is 0" })
        {
            Assert.Contains(part, e.Message, StringComparison.Ordinal);
        }

        Assert.Contains("OutcomeWindowDays is -3", Assert.Throws<ArgumentException>(() => SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { OutcomeWindowDays = -3 })).Message, StringComparison.Ordinal);
        Assert.Contains("No run on", Assert.Throws<ArgumentException>(() => SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { Run = new DateOnly(2020, 1, 1) })).Message, StringComparison.Ordinal);
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => SuccessEventsByBucket.Compute(Table([Score("a", 90)]), outcomes)).ParamName);
        Assert.Throws<ArgumentNullException>(() => SuccessEventsByBucket.Compute(null!, outcomes));
        Assert.Throws<ArgumentNullException>(() => SuccessEventsByBucket.Compute(table, null!));
    }

    [Fact]
    public void Two_halves_of_the_persons_merged_give_the_whole_and_threads_change_nothing()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(140_000, 1, 41);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var query = new SuccessEventsByBucket.Query(AnalysisScope.ForRun(table, 0, null), BucketScheme.Cai, outcomes, OutcomeWindow.For(Day0, 9, TimeZoneInfo.Utc));
        var n = table.Persons.Count;
        var whole = new SuccessEventsByBucket.Counts(BucketScheme.Cai);
        whole.Add(query, 0, n);
        var left = new SuccessEventsByBucket.Counts(BucketScheme.Cai);
        left.Add(query, 0, 50_000);
        var right = new SuccessEventsByBucket.Counts(BucketScheme.Cai);
        right.Add(query, 50_000, n - 50_000);
        left.Merge(right);
        Assert.Equal(whole.People, left.People);
        Assert.Equal(whole.PeopleWithEvents, left.PeopleWithEvents);
        Assert.Equal(whole.Events, left.Events);
        Assert.Equal((whole.Total, whole.NoValue, whole.NaN), (left.Total, left.NoValue, left.NaN));
        Assert.Equal(whole.Value, left.Value); // whole numbers: exact in any order

        var one = SuccessEventsByBucket.Compute(table, outcomes);
        var two = SuccessEventsByBucket.Compute(table, outcomes, new SuccessEventsOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(one.Rows, two.Rows);
    }

    private static void AssertMatches(Dictionary<int, ReferenceOutcomeTables.Cell> cells, SuccessEventsByBucket actual)
    {
        foreach (var row in actual.Rows)
        {
            var cell = cells.GetValueOrDefault(row.Bucket.Index) ?? new ReferenceOutcomeTables.Cell(0, 0, 0, 0, 0, 0, 0);
            Assert.Equal((cell.Profiles, cell.Converted, cell.Events, cell.ValueSum), (row.People, row.PeopleWithEvents, row.Events, row.Value));
            Assert.Equal(cell.Profiles == 0 ? null : (double)cell.Events / cell.Profiles, row.EventsPerPerson);
            Assert.Equal(cell.Profiles == 0 ? null : (double)cell.Converted / cell.Profiles, row.ConversionRate);
        }

        Assert.Equal(cells.Values.Sum(c => c.Profiles), actual.People);
        Assert.Equal((cells.GetValueOrDefault(-1)?.Profiles ?? 0, cells.GetValueOrDefault(-2)?.Profiles ?? 0), (actual.NoValue, actual.NaNCount));
    }
}
