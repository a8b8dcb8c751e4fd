using CaiScores.Columnar;
using CaiScores.Outcomes;
using CaiScores.Segments;
using CaiScores.Tests.Reference;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Outcomes;

public sealed class ModelEvaluationTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(9, 2, 2, false)]
    [InlineData(57, 3, 3, false)]
    [InlineData(1003, 3, 4, false)]
    [InlineData(1003, 3, 5, true)]
    [InlineData(65_537, 1, 6, false)]
    public void Every_run_matches_the_reference(int persons, int runs, int seed, bool fewDistinct)
    {
        var (scores, outcomeRecords) = OutcomeData.Random(persons, runs, seed, fewDistinct);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        foreach (var days in new[] { 1, 7, 30 })
        {
            foreach (var run in table.Runs)
            {
                var groups = days == 7 ? 4 : 10;
                var e = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = days, Run = run.ScoreDate, Groups = groups });
                AssertMatches(ReferenceOutcomes.Evaluate(scores, outcomeRecords, run.ScoreDate, days, groups), e);
            }
        }
    }

    [Fact]
    public void A_segment_limits_the_ranked_persons()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(400, 2, 9);
        var table = Table(scores);
        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var segment = Segment.InBucket(CaiScores.Bucketing.BucketScheme.Cai, "High", table.Runs[0].ScoreDate);
        var high = scores.Where(s => s.RunKey == table.Runs[0].ScoreDate && s.Score >= 75).Select(s => s.PersonId).ToHashSet();
        var e = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 14, Segment = segment });
        Assert.Equal(table.Runs[^1].ScoreDate, e.Run);
        AssertMatches(ReferenceOutcomes.Evaluate(scores, outcomeRecords, table.Runs[^1].ScoreDate, 14, 10, high.Contains), e);
    }

    [Fact]
    public void A_small_example_by_hand()
    {
        // Ten persons, scores 100, 90, …, 10; positives at 100, 90, 70 and 40 (and at 40 a negative tie for the half).
        var scores = Enumerable.Range(0, 10).Select(i => Score($"p{i}", 100 - (10 * i))).Append(Score("tie", 40)).ToList();
        var table = Table(scores);
        var at = At(Day0, 12);
        var outcomes = OutcomeEvents.Join(table, [Outcome("p0", at), Outcome("p1", at), Outcome("p3", at), Outcome("p6", at), Outcome("p6", at.AddHours(1))]);
        var e = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1, Groups = 5 });
        Assert.Equal((11L, 4L, 7L), (e.Count, e.Positives, e.Negatives));
        Assert.Equal(4 / 11.0, e.OverallRate);

        // Negatives: 80, 60, 50, 40 ("tie"), 30, 20, 10. Pairs won: p0 (100) and p1 (90) all 7; p3 (70) 6; p6 (40) beats
        // 30, 20, 10 and ties "tie" for ½. U = 7 + 7 + 6 + 3.5 = 23.5 of 4 × 7 = 28.
        Assert.Equal(23.5 / 28, e.Auc);

        // Groups of 3, 2, 2, 2, 2 (the remainder from the top); ties at 40 split by person index: p6 before "tie".
        Assert.Equal([3L, 2, 2, 2, 2], e.Rows.Select(r => r.Count));
        Assert.Equal([2L, 1, 1, 0, 0], e.Rows.Select(r => r.Positives));
        Assert.Equal(2 / 3.0, e.Rows[0].Rate);
        Assert.Equal(2 / 3.0 / (4 / 11.0), e.Rows[0].Lift!.Value, 12);
        Assert.Equal([0.5, 0.75, 1, 1, 1], e.Rows.Select(r => r.CumulativeGain!.Value));
        Assert.Equal([3 / 11.0, 5 / 11.0, 7 / 11.0, 9 / 11.0, 1], e.Rows.Select(r => r.CumulativeShare));
        Assert.Equal([1, 2, 3, 4, 5], e.Rows.Select(r => r.Group));
        Assert.Equal((Day0, 1), (e.Run, e.OutcomeWindowDays));

        // Score ranges 100–80 | 70–60 | 50–40 | 40–30 | 20–10: the cut below group 3 splits the two 40s (p6 in 3, "tie" in 4).
        Assert.Equal([100.0, 70, 50, 40, 20], e.Rows.Select(r => r.MaxScore!.Value));
        Assert.Equal([80.0, 60, 40, 30, 10], e.Rows.Select(r => r.MinScore!.Value));
        Assert.Equal([false, false, true, false, false], e.Rows.Select(r => r.SplitsTie));
        Assert.Equal((1L, "personIndex"), (e.TiedPairs, e.TieBreak));
    }

    [Fact]
    public void The_window_excludes_its_start_and_includes_its_end_in_the_time_zone()
    {
        var table = Table([Score("a", 90), Score("b", 80), Score("c", 70), Score("d", 10)]);
        var start = At(Day0);
        var end = At(Day0.AddDays(2));
        var outcomes = OutcomeEvents.Join(table, [Outcome("a", start), Outcome("b", end), Outcome("c", end.AddTicks(10)), Outcome("d", start.AddTicks(10))]);
        var e = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 2, Groups = 4 });
        Assert.Equal([0L, 1, 0, 1], e.Rows.Select(r => r.Positives));
        Assert.Equal((start, end), (e.WindowStart, e.WindowEnd));

        // In UTC+5 the window is (19:00 UTC the day before, 19:00 UTC the day before the end]: a and d are inside, b no longer.
        var tz = TimeZoneInfo.CreateCustomTimeZone("plus5", TimeSpan.FromHours(5), "plus5", "plus5");
        var shifted = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 2, Groups = 4, TimeZone = tz });
        Assert.Equal([1L, 0, 0, 1], shifted.Rows.Select(r => r.Positives));
        Assert.Equal(start.AddHours(-5), shifted.WindowStart.ToUniversalTime());
    }

    [Fact]
    public void Completeness_is_judged_as_of_the_latest_outcome_unless_given()
    {
        var table = Table([Score("a", 90), Score("b", 10)]);
        var outcomes = OutcomeEvents.Join(table, [Outcome("a", At(Day0, 5)), Outcome("ghost", At(Day0.AddDays(7)))]);
        var seven = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 7 });
        Assert.Equal((At(Day0.AddDays(7)), true), (seven.AsOf, seven.IsComplete));
        Assert.Equal(1.0, seven.Auc);
        Assert.False(ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 8 }).IsComplete);
        Assert.True(ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 8, AsOf = At(Day0.AddDays(9)) }).IsComplete);
        var none = ModelEvaluation.Compute(table, OutcomeEvents.Join(table, []), new ModelEvaluationOptions { OutcomeWindowDays = 8 });
        Assert.Equal((null, false), (none.AsOf, none.IsComplete));
    }

    [Fact]
    public void Without_positives_or_negatives_there_is_no_auc_nor_lift()
    {
        var table = Table([Score("a", 90), Score("b", 10), Score("c", null), Score("d", double.NaN)]);
        var none = ModelEvaluation.Compute(table, OutcomeEvents.Join(table, []), new ModelEvaluationOptions { OutcomeWindowDays = 3 });
        Assert.Null(none.Auc);
        Assert.Equal((2L, 0L, 1L, 1L), (none.Count, none.Positives, none.NoValue, none.NaNCount));
        Assert.Equal(0.0, none.OverallRate);
        Assert.All(none.Rows, r => Assert.Null(r.Lift));
        Assert.All(none.Rows, r => Assert.Null(r.CumulativeGain));
        Assert.Equal(8, none.Rows.Count(r => r.Count == 0 && r.Rate is null));
        var all = OutcomeEvents.Join(table, [Outcome("a", At(Day0, 1)), Outcome("b", At(Day0, 1))]);
        Assert.Null(ModelEvaluation.Compute(table, all, new ModelEvaluationOptions { OutcomeWindowDays = 3 }).Auc);

        var absent = Table([Score("a", 90), Score("b", 20, Day0.AddDays(7))]);
        var e = ModelEvaluation.Compute(absent, OutcomeEvents.Join(absent, []), new ModelEvaluationOptions { OutcomeWindowDays = 3, Run = Day0.AddDays(7) });
        Assert.Equal((1L, 0L), (e.Count, e.NoValue)); // a is not scored in that run: not counted anywhere
        Assert.Equal(0.0, e.OverallRate);
    }

    [Fact]
    public void Bad_parameters_fail_fast_naming_them()
    {
        var table = Table([Score("a", 90)]);
        var outcomes = OutcomeEvents.Join(table, []);
        foreach (var days in new[] { 0, -1, int.MinValue, 10_001 })
        {
            var e = Assert.Throws<ArgumentException>(() => ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = days }));
            Assert.Equal("options", e.ParamName);
            Assert.Contains($"OutcomeWindowDays is {days}", e.Message, StringComparison.Ordinal);
        }

        var all = Assert.Throws<ArgumentException>(() => ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 0, Groups = 0, TimeZone = null!, MaxDegreeOfParallelism = 0 }));
        Assert.Contains("OutcomeWindowDays is 0", all.Message, StringComparison.Ordinal);
        Assert.Contains("Groups is 0", all.Message, StringComparison.Ordinal);
        Assert.Contains("TimeZone is null", all.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism is 0", all.Message, StringComparison.Ordinal);
        Assert.Contains("Groups is 101", Assert.Throws<ArgumentException>(() => ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1, Groups = 101 })).Message, StringComparison.Ordinal);
        Assert.Contains("No run on 2020-01-01", Assert.Throws<ArgumentException>(() => ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1, Run = new DateOnly(2020, 1, 1) })).Message, StringComparison.Ordinal);
        var other = Table([Score("a", 90)]);
        Assert.Equal("outcomes", Assert.Throws<ArgumentException>(() => ModelEvaluation.Compute(other, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1 })).ParamName);
        Assert.Throws<ArgumentNullException>(() => ModelEvaluation.Compute(null!, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1 }));
        Assert.Throws<ArgumentNullException>(() => ModelEvaluation.Compute(table, null!, new ModelEvaluationOptions { OutcomeWindowDays = 1 }));
        Assert.Throws<ArgumentNullException>(() => ModelEvaluation.Compute(table, outcomes, null!));
    }

    [Fact]
    public void Two_halves_of_the_persons_merged_give_the_whole_and_threads_change_nothing()
    {
        var (scores, outcomeRecords) = OutcomeData.Random(140_000, 1, 21, fewDistinct: true);
        var table = Table(scores);
        var scope = AnalysisScope.ForRun(table, 0, null);
        var n = table.Persons.Count;
        using var whole = ModelEvaluation.RankedScores.Create(scope, 0, n);
        foreach (var half in new[] { 64, 70_016, n - (n % 64) })
        {
            using var left = ModelEvaluation.RankedScores.Create(scope, 0, half);
            using var right = ModelEvaluation.RankedScores.Create(scope, half, n - half);
            left.Merge(right);
            Assert.True(whole.Keys.SequenceEqual(left.Keys));
            Assert.True(whole.Persons.SequenceEqual(left.Persons));
            Assert.Equal((whole.NoValue, whole.NaN), (left.NoValue, left.NaN));
        }

        var outcomes = OutcomeEvents.Join(table, outcomeRecords);
        var one = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 10 });
        var four = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 10, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Rows, four.Rows);
        Assert.Equal((one.Auc, one.Count, one.NoValue, one.NaNCount), (four.Auc, four.Count, four.NoValue, four.NaNCount));
        AssertMatches(ReferenceOutcomes.Evaluate(scores, outcomeRecords, Day0, 10, 10), one);
    }

    internal static void AssertMatches(ReferenceOutcomes.Evaluation expected, ModelEvaluation actual)
    {
        Assert.Equal(expected.Counts, actual.Rows.Select(r => r.Count));
        Assert.Equal(expected.Positives, actual.Rows.Select(r => r.Positives));
        Assert.Equal((expected.Count, expected.PositiveCount, expected.NoValue, expected.NaN), (actual.Count, actual.Positives, actual.NoValue, actual.NaNCount));
        var negatives = expected.Count - expected.PositiveCount;
        Assert.Equal(expected.PositiveCount == 0 || negatives == 0 ? null : expected.TwiceU / (2.0 * expected.PositiveCount * negatives), actual.Auc);
    }
}
