using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Targeting;

public sealed class TopPercentTests
{
    private static readonly DateOnly Day = new(2026, 1, 4);
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 700, runs: 4);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();
    private static readonly double[] Percents = [0.5, 1, 7, 10, 12.5, 20, 33.3, 50, 99, 100];

    [Fact]
    public void Supplied_percentiles_match_a_count_over_the_records()
    {
        foreach (var run in Table.Runs)
        {
            var records = Scores.Where(s => s.RunKey == run.ScoreDate).ToList();
            foreach (var p in Percents)
            {
                var cut = 100m - Exact(p);
                var expected = records.Where(r => r.PercentileScore is { } q && q > cut).ToList();
                var s = TopPercent.Select(Table, p, new TopPercentOptions { Run = run.ScoreDate });

                Assert.Equal(Ids(expected), s.GetPersonIds(Table).ToHashSet());
                Assert.Equal(expected.Count, s.Count);
                Assert.Equal(records.Count, s.Scored);
                Assert.Equal(records.Count(r => r.PercentileScore is not null), s.WithValue);
                Assert.Equal(s.Scored - s.WithValue, s.NoValue);
                Assert.Equal(expected.Count == 0 ? null : expected.Min(r => r.PercentileScore), (int?)s.Threshold);
                Assert.Equal(expected.Count(r => r.PercentileScore == s.Threshold), s.TiedAtThreshold);
                Assert.Equal(expected.Count == 0 ? null : expected.Count, s.ThresholdRank);
                Assert.Equal(expected.Count == 0 ? null : expected.Count(r => r.PercentileScore > s.Threshold) + 1L, s.FirstRankAtThreshold);
                Assert.Equal((long)Math.Ceiling(Exact(p) * s.WithValue / 100m), s.TargetCount);
                Assert.Equal(ScoreField.Percentile, s.Field);
                Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"percentileScore > {cut}"), s.Rule);
            }
        }
    }

    [Theory]
    [InlineData(ScoreField.Score)]
    [InlineData(ScoreField.Probability)]
    [InlineData(ScoreField.Percentile)]
    public void Recomputed_and_quantile_disc_match_sorting_the_records(ScoreField field)
    {
        foreach (var run in Table.Runs)
        {
            var records = Scores.Where(s => s.RunKey == run.ScoreDate && Value(s, field) is not null).ToList();
            var (descending, _) = ReferenceQuantiles.Sorted([.. records.Select(r => Value(r, field)!.Value)], null);
            foreach (var p in Percents)
            {
                var k = (long)Math.Ceiling(Exact(p) * descending.Length / 100m);
                var (threshold, count) = ReferenceQuantiles.Top(descending, k);
                var s = TopPercent.Select(Table, p, new TopPercentOptions { Run = run.ScoreDate, Method = TargetingMethod.Recomputed, Field = field });
                Assert.Equal(threshold, s.Threshold);
                Assert.Equal(count, s.Count);
                Assert.Equal(k, s.TargetCount);
                Assert.Equal(descending.LongCount(v => v == threshold), s.TiedAtThreshold);
                Assert.Equal(k, s.ThresholdRank);
                Assert.Equal(threshold, descending[k - 1]);
                Assert.Equal(descending.LongCount(v => v > threshold) + 1, s.FirstRankAtThreshold);
                Assert.Equal(Ids(records.Where(r => Value(r, field) >= threshold)), s.GetPersonIds(Table).ToHashSet());

                var disc = ReferenceQuantiles.QuantileDisc(descending, 1 - (Exact(p) / 100));
                var d = TopPercent.Select(Table, p, new TopPercentOptions { Run = run.ScoreDate, Method = TargetingMethod.QuantileDisc, Field = field });
                Assert.Equal(disc, d.Threshold);
                Assert.Equal(descending.LongCount(v => v >= disc), d.Count);
                var ascending = Math.Max(1, (long)Math.Ceiling((1 - (Exact(p) / 100)) * descending.Length));
                Assert.Equal(descending.Length - ascending + 1, d.ThresholdRank);
                Assert.Equal(disc, descending[(int)d.ThresholdRank!.Value - 1]);
                Assert.Equal(descending.LongCount(v => v > disc) + 1, d.FirstRankAtThreshold);
                Assert.Equal(Ids(records.Where(r => Value(r, field) >= disc)), d.GetPersonIds(Table).ToHashSet());
            }
        }
    }

    [Fact]
    public void Ten_distinct_scores_top_20_percent_is_two_and_quantile_disc_takes_a_third()
    {
        var table = Build(Enumerable.Range(1, 10).Select(i => (double?)i).ToArray());
        var top = TopPercent.Select(table, 20, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal((9.0, 2L, 2L, 1L, 0L), (top.Threshold, top.Count, top.TargetCount, top.TiedAtThreshold, top.ExcessOverTarget));
        Assert.Equal((2L, 2L), (top.ThresholdRank, top.FirstRankAtThreshold));
        Assert.Equal(["p8", "p9"], top.GetPersonIds(table));
        Assert.Equal("score ≥ 9", top.Rule);

        // quantile_disc(score, 0.8) over 1..10 is the 8th value ascending: 8.
        var disc = TopPercent.Select(table, 20, new TopPercentOptions { Method = TargetingMethod.QuantileDisc });
        Assert.Equal((8.0, 3L, 1L), (disc.Threshold, disc.Count, disc.ExcessOverTarget));
        Assert.Equal((3L, 3L), (disc.ThresholdRank, disc.FirstRankAtThreshold));

        // Eleven values: 0.8 × 11 is not whole, and the two agree.
        var eleven = Build(Enumerable.Range(1, 11).Select(i => (double?)i).ToArray());
        Assert.Equal(
            TopPercent.Select(eleven, 20, new TopPercentOptions { Method = TargetingMethod.Recomputed }).Persons,
            TopPercent.Select(eleven, 20, new TopPercentOptions { Method = TargetingMethod.QuantileDisc }).Persons);
    }

    [Fact]
    public void Everyone_tied_at_the_threshold_is_in_and_the_excess_is_reported()
    {
        double?[] scores = [90, 80, 80, 80, 80, 10, 10, 10, 10, 10];
        var s = TopPercent.Select(Build(scores), 20, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal(80, s.Threshold);
        Assert.Equal((2L, 5L, 4L, 3L), (s.TargetCount, s.Count, s.TiedAtThreshold, s.ExcessOverTarget));

        // The threshold is the 2nd highest value; the four 80s hold ranks 2 to 5.
        Assert.Equal((2L, 2L), (s.ThresholdRank, s.FirstRankAtThreshold));
        Assert.Equal(0.5, s.Share);
    }

    [Fact]
    public void Nulls_nan_and_infinities_and_negative_zero()
    {
        double?[] scores = [null, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 5, null];
        var table = Build(scores);
        var all = TopPercent.Select(table, 100, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal((8L, 5L, 2L, 1L), (all.Scored, all.WithValue, all.NoValue, all.NotANumber));
        Assert.Equal(double.NegativeInfinity, all.Threshold);
        Assert.Equal(["p2", "p3", "p4", "p5", "p6"], all.GetPersonIds(table));

        var top = TopPercent.Select(table, 20, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal((double.PositiveInfinity, 1L), (top.Threshold, top.Count));

        // −0.0 and 0.0 are one value: the top 80 % of five is four, the lowest of them is zero, and both zeros are in.
        var zeros = TopPercent.Select(table, 80, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal((0.0, 4L, 2L), (zeros.Threshold, zeros.Count, zeros.TiedAtThreshold));
        Assert.False(double.IsNegative(zeros.Threshold!.Value));
    }

    [Fact]
    public void A_segment_ranks_only_its_persons()
    {
        var run = Table.Runs[^1];
        var records = Scores.Where(s => s.RunKey == run.ScoreDate && s.Score is not null).ToList();
        var chosen = records.Where((_, i) => i % 3 == 0).Select(r => r.PersonId).ToList();
        var options = new TopPercentOptions { Method = TargetingMethod.Recomputed, Segment = Segment.Persons(chosen) };
        var s = TopPercent.Select(Table, 10, options);

        var (descending, _) = ReferenceQuantiles.Sorted([.. records.Where(r => chosen.Contains(r.PersonId)).Select(r => r.Score!.Value)], null);
        var (threshold, count) = ReferenceQuantiles.Top(descending, (long)Math.Ceiling(descending.Length / 10m));
        Assert.Equal((threshold, count, chosen.Count), (s.Threshold!.Value, s.Count, (int)s.WithValue));
        Assert.True(s.Persons.And(Segment.Persons(chosen).Evaluate(Table)).Equals(s.Persons));

        var supplied = TopPercent.Select(Table, 10, new TopPercentOptions { Segment = Segment.Persons(chosen) });
        Assert.Equal(records.Count(r => chosen.Contains(r.PersonId) && r.PercentileScore > 90), supplied.Count);

        // A segment nobody meets gives an empty selection, not an error.
        var none = TopPercent.Select(Table, 10, new TopPercentOptions { Method = TargetingMethod.Recomputed, Segment = Segment.Persons(["nobody"]) });
        Assert.Equal((0L, 0L, 0L, (double?)null), (none.Scored, none.Count, none.TargetCount, none.Threshold));
        Assert.Equal("no one (no person has a value)", none.Rule);
    }

    [Fact]
    public void Missing_percentiles_are_excluded_or_recomputed_the_way_cai_ranks()
    {
        // Every third person has a score but no percentile.
        var random = new Random(5);
        var records = Enumerable.Range(0, 400).Select(i => Record($"p{i}", Math.Round(random.NextDouble() * 100, 1), i % 3 == 0 ? null : random.Next(1, 101))).ToList();
        var table = ScoreTable.FromScores(records).Single();
        foreach (var p in new[] { 5, 20, 37.5, 100 })
        {
            var excluded = TopPercent.Select(table, p);
            var cut = 100m - Exact(p);
            Assert.Equal(records.Count(r => r.PercentileScore > cut), excluded.Count);
            Assert.Equal(records.Count(r => r.PercentileScore is null), excluded.NoValue);

            // CAI: percentile = ⌈100 × rank / N⌉, rank = persons of the run scoring at or below (ties share the highest rank).
            var recomputed = TopPercent.Select(table, p, new TopPercentOptions { MissingPercentile = MissingPercentilePolicy.Recompute });
            var n = records.Count;
            var expected = records.Where(r => r.PercentileScore is { } q
                ? q > cut
                : Math.Ceiling(100m * records.Count(o => o.Score <= r.Score) / n) > cut).Select(r => r.PersonId).ToHashSet();
            Assert.Equal(expected, recomputed.GetPersonIds(table).ToHashSet());
            Assert.Equal(expected.Count, recomputed.Count);
            Assert.Equal((134L, 0L, 400L), (recomputed.RecomputedPercentiles, recomputed.NoValue, recomputed.WithValue));
            Assert.NotNull(recomputed.RecomputedThreshold);
        }
    }

    [Fact]
    public void Defaults_are_the_latest_run_and_supplied_percentiles_and_the_result_is_a_segment()
    {
        var s = TopPercent.Select(Table, 20);
        Assert.Equal(Table.Runs[^1].ScoreDate, s.Run);
        Assert.Equal(TargetingMethod.SuppliedPercentile, s.Method);
        Assert.Equal(s.Persons, s.ToSegment().Evaluate(Table));
        Assert.Same(Table.Diagnostics, s.Diagnostics);
        Assert.Equal(s.Count, s.Persons.Count);
        Assert.Contains("percentileScore > 80", s.ToString(), StringComparison.Ordinal);

        // The CAI sample's percentiles are ranks, so "> 80" is the top 20 % to within the ties of a percentile.
        Assert.InRange(s.Share, 0.19, 0.21);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        foreach (var p in new[] { 0, -1, 100.0001, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("percent", Assert.Throws<ArgumentOutOfRangeException>(() => TopPercent.Select(Table, p)).ParamName);
        }

        var run = Assert.Throws<ArgumentException>(() => TopPercent.Select(Table, 20, new TopPercentOptions { Run = new DateOnly(1999, 1, 1) }));
        Assert.Equal("options", run.ParamName);
        Assert.Contains("1999-01-01", run.Message, StringComparison.Ordinal);

        var bad = Assert.Throws<ArgumentException>(() => TopPercent.Select(Table, 20, new TopPercentOptions
        {
            Method = (TargetingMethod)7,
            Field = (ScoreField)9,
        }));
        Assert.Equal("options", bad.ParamName);
        Assert.Contains("Method", bad.Message, StringComparison.Ordinal);
        Assert.Contains("Field", bad.Message, StringComparison.Ordinal);
        var circular = Assert.Throws<ArgumentException>(() => TopPercent.Select(Table, 20, new TopPercentOptions { Field = ScoreField.Percentile, MissingPercentile = MissingPercentilePolicy.Recompute }));
        Assert.Contains("recomputed from the percentile itself", circular.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => TopPercent.Select(null!, 20));
    }

    [Fact]
    public void Tiny_percents_are_exact_decimals()
    {
        // 0.07 % of 10,000 is 7 persons; as a binary double 0.07 × 10,000 / 100 is 7.000000000000001.
        var table = Build(Enumerable.Range(0, 10_000).Select(i => (double?)i).ToArray());
        var s = TopPercent.Select(table, 0.07, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal((7L, 7L, 9993.0), (s.TargetCount, s.Count, s.Threshold!.Value));
        Assert.Equal(1, TopPercent.Select(table, 1e-9, new TopPercentOptions { Method = TargetingMethod.Recomputed }).Count);
    }

    [Fact]
    public void Properties_hold_for_any_scores_and_percent()
    {
        var scores = Gen.Frequency(
            (6, Gen.Double[0, 100].Select(d => (double?)Math.Round(d, 1))),
            (3, Gen.Int[0, 5].Select(i => (double?)i * 10)),
            (1, Gen.OneOf<double?>(null, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0)));
        var percent = Gen.Frequency((3, Gen.Double[0.001, 100]), (1, Gen.OneOf(100.0, 50, 20, 10, 1e-6)));
        Gen.Select(scores.Array[1, 120], percent, Gen.OneOf(TargetingMethod.Recomputed, TargetingMethod.QuantileDisc)).Sample(
            (values, p, method) =>
            {
                var table = Build(values);
                var s = TopPercent.Select(table, p, new TopPercentOptions { Method = method });
                var ranked = values.Where(v => v is { } d && !double.IsNaN(d)).Select(v => v!.Value).ToList();
                Assert.Equal(ranked.Count, s.WithValue);
                if (ranked.Count == 0)
                {
                    Assert.Equal(0, s.Count);
                    return;
                }

                Assert.True(s.Count >= Math.Ceiling(Exact(p) * ranked.Count / 100m), "count ≥ ⌈p % × n⌉");
                Assert.Contains(s.Threshold!.Value, ranked);
                var chosen = s.Persons.ToIndexes().Select(i => values[i]!.Value).ToList();
                var left = Enumerable.Range(0, values.Length).Where(i => !s.Persons.Contains(i) && values[i] is { } d && !double.IsNaN(d)).Select(i => values[i]!.Value).ToList();
                Assert.Equal(s.Count, chosen.Count);
                Assert.True(left.Count == 0 || chosen.Min() > left.Max(), "every selected value is above every unselected one");
                Assert.Equal(s.Threshold, chosen.Min());
                Assert.Equal(ranked.Count, TopPercent.Select(table, 100, new TopPercentOptions { Method = method }).Count);
            },
            iter: 150,
            threads: 1);
    }

    internal static ScoreTable Build(IReadOnlyList<double?> scores) =>
        ScoreTable.FromScores(scores.Select((s, i) => Record($"p{i}", s, null))).Single();

    internal static ScoreRecord Record(string person, double? score, int? percentile) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = Day,
        ScoreDate = Day,
        Score = score,
        PercentileScore = percentile,
    };

    internal static decimal Exact(double value) => decimal.Parse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double? Value(ScoreRecord r, ScoreField field) => field switch
    {
        ScoreField.Probability => r.Probability,
        ScoreField.Percentile => r.PercentileScore,
        _ => r.Score,
    };

    private static HashSet<string> Ids(IEnumerable<ScoreRecord> records) => records.Select(r => r.PersonId).ToHashSet();
}
