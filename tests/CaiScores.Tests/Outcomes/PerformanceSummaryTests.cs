using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Segments;
using CaiScores.Tests.Reference;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Outcomes;

public sealed class PerformanceSummaryTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(60, 3, 2)]
    [InlineData(1500, 4, 3)]
    [InlineData(65_537, 2, 4)]
    public void Every_run_and_bucket_matches_the_reference(int persons, int runs, int seed)
    {
        var (scores, outcomeRecords) = OutcomeData.Random(persons, runs, seed);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        foreach (var (scheme, kind) in new[] { (BucketScheme.Cai, PropensityKind.Conversion), (BucketScheme.Create(ScoreField.Probability, 0.2, 0.5), PropensityKind.Churn) })
        {
            var summary = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 10, Scheme = scheme, Kind = kind });
            AssertMatches(scores, outcomeRecords, table, summary, null);
        }
    }

    [Fact]
    public void A_range_and_a_segment_limit_runs_and_persons()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(500, 4, 8);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var range = new DateRange(table.Runs[1].ScoreDate, table.Runs[3].ScoreDate);
        var segment = Segment.InBucket(BucketScheme.Cai, "Low", table.Runs[1].ScoreDate);
        var low = scores.Where(s => s.RunKey == table.Runs[1].ScoreDate && s.Score < 25).Select(s => s.PersonId).ToHashSet();
        var summary = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7, Range = range, Segment = segment });
        Assert.Equal([table.Runs[1].ScoreDate, table.Runs[2].ScoreDate], summary.Runs.Select(r => r.Run));
        AssertMatches(scores, outcomeRecords, table, summary, low.Contains);
    }

    [Fact]
    public void A_small_example_by_hand_with_the_window_passing()
    {
        var day2 = Day0.AddDays(7);
        var table = Table(
        [
            Score("a", 10, Day0, 0.1), Score("b", 20, Day0, 0.3), Score("c", 80, Day0, 0.9), Score("d", null, Day0, 0.5), Score("e", 90, Day0),
            Score("a", 90, day2, 0.8),
        ]);
        var outcomes = OutcomeEvents.Join(table, [Outcome("a", At(Day0, 3)), Outcome("c", At(Day0.AddDays(7))), Outcome("d", At(Day0, 1)), Outcome("ghost", At(day2.AddDays(6)))]);
        var summary = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7 });
        Assert.Equal((PropensityKind.Conversion, 7, At(day2.AddDays(6))), (summary.Kind, summary.OutcomeWindowDays, summary.AsOf));
        Assert.Same(BucketScheme.Cai, summary.Scheme);

        // Run 1: window (Jan 4, Jan 11] has passed as of Jan 17. Low: a (converted), b; High: c (converted at the very end), e.
        Assert.Equal(6, summary.Rows.Count);
        var low = summary.Rows[0];
        Assert.Equal((Day0, "Low", 2L, 1L, 0.5), (low.Run, low.Bucket.DisplayName, low.Profiles, low.Events, low.ActualRate));
        Assert.Equal(0.2, low.ExpectedRate!.Value, 15);
        Assert.Equal((0L, null, 0L, (double?)null), (summary.Rows[1].Profiles, summary.Rows[1].ExpectedRate, summary.Rows[1].Events, summary.Rows[1].ActualRate));
        var high = summary.Rows[2];
        Assert.Equal((2L, 0.9, 1L, 0.5), (high.Profiles, high.ExpectedRate, high.Events, high.ActualRate)); // e has no probability
        var run1 = summary.Runs[0];
        Assert.Equal((Day0, At(Day0.AddDays(7)), true, 5L, 1L, 0L, 3L, 0.6), (run1.Run, run1.WindowEnd, run1.WindowPassed, run1.Profiles, run1.NoValue, run1.NaNCount, run1.Events, run1.ActualRate));
        Assert.Equal((0.1 + 0.3 + 0.9 + 0.5) / 4, run1.ExpectedRate!.Value, 15);

        // Run 2: window (Jan 11, Jan 18] has not passed as of Jan 17: expected rate only.
        var run2 = summary.Runs[1];
        Assert.Equal((false, 1L, (long?)null, (double?)null), (run2.WindowPassed, run2.Profiles, run2.Events, run2.ActualRate));
        Assert.Equal((1L, 0.8, (long?)null, (double?)null), (summary.Rows[5].Profiles, summary.Rows[5].ExpectedRate, summary.Rows[5].Events, summary.Rows[5].ActualRate));

        // As of a later date the second window has passed; churn flips the events.
        var churn = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 7, Kind = PropensityKind.Churn, AsOf = At(day2.AddDays(7)) });
        Assert.Equal([1L, 0, 1, 0, 0, 1], churn.Rows.Select(r => r.Events));
        Assert.Equal((2L, 0.4), (churn.Runs[0].Events!.Value, churn.Runs[0].ActualRate!.Value));
        Assert.Equal(1.0, churn.Runs[1].ActualRate);
    }

    [Fact]
    public void The_kind_follows_the_model_type_unless_given_and_no_outcomes_means_no_window_passed()
    {
        var churnTable = ScoreTable.FromScores([Score("a", 10) with { ModelType = "Churn" }]).Single();
        var none = OutcomeEvents.Join(churnTable, []);
        var summary = PerformanceSummary.Compute(churnTable, none, new PerformanceSummaryOptions { OutcomeWindowDays = 7 });
        Assert.Equal(PropensityKind.Churn, summary.Kind);
        Assert.Null(summary.AsOf);
        Assert.False(summary.Runs[0].WindowPassed);
        Assert.Null(summary.Rows[0].ActualRate);
        Assert.Equal(PropensityKind.Conversion, PerformanceSummary.Compute(churnTable, none, new PerformanceSummaryOptions { OutcomeWindowDays = 7, Kind = PropensityKind.Conversion }).Kind);
        var conversion = Table([Score("a", 10)]);
        Assert.Equal(PropensityKind.Conversion, PerformanceSummary.Compute(conversion, OutcomeEvents.Join(conversion, []), new PerformanceSummaryOptions { OutcomeWindowDays = 7 }).Kind);
        var empty = PerformanceSummary.Compute(conversion, OutcomeEvents.Join(conversion, []), new PerformanceSummaryOptions { OutcomeWindowDays = 7, Range = new DateRange(new DateOnly(2030, 1, 1), new DateOnly(2030, 2, 1)) });
        Assert.Empty(empty.Runs);
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public void Bad_parameters_fail_fast_naming_them()
    {
        var table = Table([Score("a", 90)]);
        var outcomes = OutcomeEvents.Join(table, []);
        foreach (var days in new[] { 0, -7 })
        {
            var e = Assert.Throws<ArgumentException>(() => PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = days }));
            Assert.Equal("options", e.ParamName);
            Assert.Contains($"OutcomeWindowDays is {days}", e.Message, StringComparison.Ordinal);
        }

        var all = Assert.Throws<ArgumentException>(() => PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 0, Scheme = null!, Kind = (PropensityKind)7, TimeZone = null!, MaxDegreeOfParallelism = -1 }));
        foreach (var part in new[] { "OutcomeWindowDays is 0", "Scheme is null", "Kind 7", "TimeZone is null", "MaxDegreeOfParallelism is -1" })
        {
            Assert.Contains(part, all.Message, StringComparison.Ordinal);
        }

        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => PerformanceSummary.Compute(Table([Score("a", 90)]), outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 1 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => PerformanceSummary.Compute(null!, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 1 }));
        Assert.Throws<ArgumentNullException>(() => PerformanceSummary.Compute(table, null!, new PerformanceSummaryOptions { OutcomeWindowDays = 1 }));
        Assert.Throws<ArgumentNullException>(() => PerformanceSummary.Compute(table, outcomes, null!));
    }

    [Fact]
    public void Two_halves_of_the_persons_merged_give_the_whole_and_threads_change_nothing()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(140_000, 2, 31);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var scope = AnalysisScope.Create(table, null, null);
        var windows = table.Runs.Select(r => OutcomeWindow.For(r.ScoreDate, 10, TimeZoneInfo.Utc)).ToArray();
        var query = new PerformanceSummary.Query(scope, BucketScheme.Cai, outcomes, windows, outcomes.Latest);
        var n = table.Persons.Count;
        var whole = new PerformanceSummary.Counts(query);
        whole.Add(query, 0, n);
        var left = new PerformanceSummary.Counts(query);
        left.Add(query, 0, 70_001);
        var right = new PerformanceSummary.Counts(query);
        right.Add(query, 70_001, n - 70_001);
        left.Merge(right);
        Assert.Equal(whole.Profiles, left.Profiles);
        Assert.Equal(whole.WithProbability, left.WithProbability);
        Assert.Equal(whole.Converted, left.Converted);
        Assert.Equal(whole.NoValue, left.NoValue);
        Assert.Equal(whole.NaN, left.NaN);
        Assert.All(whole.ProbabilitySum.Zip(left.ProbabilitySum), t => Assert.True(Math.Abs(t.First - t.Second) <= 1e-12 * Math.Abs(t.First)));

        var one = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 10 });
        var three = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 10, MaxDegreeOfParallelism = 3 });
        Assert.Equal(one.Rows, three.Rows);
        Assert.Equal(one.Runs, three.Runs);
    }

    private static void AssertMatches(List<CaiScores.Models.ScoreRecord> scores, List<OutcomeRecord> outcomeRecords, ScoreTable table, PerformanceSummary summary, Func<string, bool>? inSegment)
    {
        var scheme = summary.Scheme;
        foreach (var run in summary.Runs)
        {
            var cells = ReferenceOutcomeTables.ByBucket(scores, outcomeRecords, run.Run, scheme, summary.OutcomeWindowDays, inSegment);
            var passed = ReferenceOutcomes.Window(run.Run, summary.OutcomeWindowDays).End <= summary.AsOf;
            Assert.Equal(passed, run.WindowPassed);
            foreach (var row in summary.Rows.Where(r => r.Run == run.Run))
            {
                var cell = cells.GetValueOrDefault(row.Bucket.Index) ?? new ReferenceOutcomeTables.Cell(0, 0, 0, 0, 0, 0, 0);
                Assert.Equal(cell.Profiles, row.Profiles);
                AssertRate(cell.WithProbability == 0 ? null : cell.ProbabilitySum / cell.WithProbability, row.ExpectedRate);
                long? events = passed ? (summary.Kind == PropensityKind.Churn ? cell.Profiles - cell.Converted : cell.Converted) : null;
                Assert.Equal(events, row.Events);
                Assert.Equal(events is { } e && cell.Profiles > 0 ? (double)e / cell.Profiles : null, row.ActualRate);
            }

            var all = cells.Values.ToList();
            Assert.Equal(all.Sum(c => c.Profiles), run.Profiles);
            Assert.Equal(cells.GetValueOrDefault(-1)?.Profiles ?? 0, run.NoValue);
            Assert.Equal(cells.GetValueOrDefault(-2)?.Profiles ?? 0, run.NaNCount);
            var converted = all.Sum(c => c.Converted);
            Assert.Equal(passed ? (summary.Kind == PropensityKind.Churn ? run.Profiles - converted : converted) : null, run.Events);
            var withP = all.Sum(c => c.WithProbability);
            AssertRate(withP == 0 ? null : all.Sum(c => c.ProbabilitySum) / withP, run.ExpectedRate);
        }

        Assert.Equal(summary.Runs.Count * scheme.Buckets.Count, summary.Rows.Count);
        Assert.Equal(table.Runs.Select(r => r.ScoreDate).Where(d => summary.Runs.Any(x => x.Run == d)), summary.Runs.Select(r => r.Run));
    }

    private static void AssertRate(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is not null)
        {
            Assert.Equal(expected.Value, actual!.Value, 1e-12);
        }
    }
}
