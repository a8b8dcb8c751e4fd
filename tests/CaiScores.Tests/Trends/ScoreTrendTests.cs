using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;
using CaiScores.Trends;

namespace CaiScores.Tests.Trends;

/// <summary>Trends against the naive per-record reference, for every granularity, series kind and window.</summary>
public sealed class ScoreTrendTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 600, runs: 9);
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single().WithAttributes(TierRows());
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static TheoryData<TrendGranularity, bool, bool, bool> Shapes()
    {
        var data = new TheoryData<TrendGranularity, bool, bool, bool>();
        foreach (var g in Enum.GetValues<TrendGranularity>())
        {
            data.Add(g, true, false, false);
            data.Add(g, false, true, true);
            data.Add(g, true, true, true);
        }

        data.Add(TrendGranularity.Month, false, false, false);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_cell_matches_the_reference(TrendGranularity granularity, bool byBucket, bool byCohort, bool includeNoValue)
    {
        var options = new TrendOptions
        {
            Granularity = granularity,
            Scheme = byBucket ? BucketScheme.Cai : null,
            CohortAttribute = byCohort ? "tier" : null,
            IncludeNoValue = includeNoValue,
            Percentiles = [25, 50, 100],
        };
        AssertMatches(Scores, Table, options);
    }

    [Fact]
    public void Without_probability_only_the_scores_are_read()
    {
        var trend = AssertMatches(Scores, Table, new TrendOptions { Granularity = TrendGranularity.Run, CohortAttribute = "tier", IncludeProbability = false });
        Assert.All(trend.Rows, r => Assert.Null(r.MeanProbability));
        Assert.Contains(trend.Rows, r => r.MeanScore is not null);
    }

    [Fact]
    public void The_time_zone_and_first_day_of_week_move_runs_between_periods()
    {
        // Timestamps are midnight UTC, the previous evening in New York: with weeks starting on the run's weekday the
        // runs change weeks.
        var firstDay = Table.Runs[0].ScoreDate.DayOfWeek;
        var utc = ScoreTrend.Compute(Table, new TrendOptions { FirstDayOfWeek = firstDay });
        var newYork = ScoreTrend.Compute(Table, new TrendOptions { FirstDayOfWeek = firstDay, TimeZone = NewYork });
        Assert.Equal(Table.Runs[0].ScoreDate, utc.Periods[0].Start);
        Assert.Equal(Table.Runs[0].ScoreDate.AddDays(-7), newYork.Periods[0].Start);
        AssertMatches(Scores, Table, new TrendOptions { FirstDayOfWeek = firstDay, TimeZone = NewYork, Granularity = TrendGranularity.Day });
        AssertMatches(Scores, Table, new TrendOptions { FirstDayOfWeek = DayOfWeek.Wednesday, TimeZone = NewYork });
    }

    [Fact]
    public void A_window_clips_the_ends_and_fills_empty_periods_with_zeros()
    {
        var first = Table.Runs[0].ScoreDate;
        var range = new DateRange(first.AddDays(-40), Table.Runs[4].ScoreDate.AddDays(3));
        var options = new TrendOptions { Granularity = TrendGranularity.Week, Range = range, CohortAttribute = "tier" };
        var trend = AssertMatches(Scores, Table, options);
        Assert.Equal(range.Start, trend.Periods[0].Start);
        Assert.Equal(range.End, trend.Periods[^1].End);
        Assert.True(trend.Periods.Count(p => p.Events == 0) >= 5);
        Assert.All(trend.Rows.Where(r => r.Period < first.AddDays(-7)), r => Assert.Equal((0L, 0L, 0.0, (double?)null), (r.People, r.Events, r.ShareOfPeriod, r.MeanScore)));
        Assert.Equal(5, trend.Periods.Sum(p => p.Runs.Count));
    }

    [Fact]
    public void Runs_whose_persons_carry_different_timestamps_are_split_person_by_person()
    {
        var date = new DateOnly(2026, 3, 2);
        var records = Enumerable.Range(0, 200).Select(i => new ScoreRecord
        {
            PersonId = $"p{i}",
            TenantId = "acme",
            InstanceKey = "Inst",
            RunKey = date,
            ScoreDate = date,
            Timestamp = i % 5 == 0 ? null : new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).AddHours(i % 7 * 20),
            Score = i % 11 == 0 ? null : i / 2.0,
            Probability = i / 200.0,
        }).ToList();
        var table = ScoreTable.FromScores(records).Single();
        Assert.True(table.Runs[0].TimestampsVary);
        var options = new TrendOptions { Granularity = TrendGranularity.Day, IncludeNoValue = true, Percentiles = [50] };
        var trend = AssertMatches(records, table, options);
        Assert.True(trend.Periods.Count(p => p.Events > 0) >= 5);
    }

    [Fact]
    public void A_segment_keeps_every_row_of_the_persons_who_match()
    {
        var late = Table.Runs[^1].ScoreDate;
        var segment = Segment.InBucket(BucketScheme.Cai, "High", late);
        var matched = segment.Evaluate(Table).GetIds(Table).ToHashSet(StringComparer.Ordinal);
        var options = new TrendOptions { Granularity = TrendGranularity.Run, Segment = segment };
        AssertMatches([.. Scores.Where(s => matched.Contains(s.PersonId))], Table, options);
    }

    [Fact]
    public void Periods_with_several_runs_deduplicate_people_and_series_may_overlap()
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Quarter });
        var period = trend.Periods[0];
        Assert.True(period.Runs.Count > 1);
        var rows = trend.Rows.Where(r => r.Period == period.Start).ToList();
        Assert.True(rows.Sum(r => r.People) > period.People);
        Assert.True(rows.Sum(r => r.ShareOfPeriod) > 1);
        Assert.Equal(period.Events, rows.Sum(r => r.Events));
    }

    [Fact]
    public void With_one_run_per_period_shares_stack_to_one()
    {
        var trend = ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Run, IncludeNoValue = true });
        foreach (var period in trend.Periods)
        {
            Assert.Equal(1.0, trend.Rows.Where(r => r.Period == period.Start).Sum(r => r.ShareOfPeriod), 12);
            Assert.Equal(period.People, period.Events);
        }
    }

    [Fact]
    public void Splitting_the_persons_anywhere_and_merging_gives_the_whole()
    {
        var options = new TrendOptions { Granularity = TrendGranularity.Month, CohortAttribute = "tier", IncludeNoValue = true, Percentiles = [50] };
        var plan = TrendPlan.Create(Table, options);
        var whole = new TrendState(plan);
        whole.Add(0, Table.Persons.Count);
        var expected = whole.ToResult(options, Table.Diagnostics);
        var random = new Random(3);
        for (var trial = 0; trial < 10; trial++)
        {
            var cut = random.Next(0, (Table.Persons.Count / 64) + 1) * 64;
            var left = new TrendState(plan);
            var right = new TrendState(plan);
            left.Add(0, cut);
            right.Add(cut, Table.Persons.Count - cut);
            left.Merge(right);
            AssertEqual(expected, left.ToResult(options, Table.Diagnostics));
        }
    }

    [Fact]
    public void Several_threads_give_identical_results()
    {
        var records = TableAssert.Sample(persons: 140_000, runs: 2);
        var table = ScoreTable.FromScores(records).Single();
        var one = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Month });
        var four = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Month, MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Rows, four.Rows, (a, b) => a with { ScorePercentiles = [], ProbabilityPercentiles = [] } == b with { ScorePercentiles = [], ProbabilityPercentiles = [] });
        Assert.True(one.Periods[0].Events > 2 * 65_536);
    }

    [Fact]
    public void Bad_options_are_named()
    {
        var attribute = Assert.Throws<ArgumentException>(() => ScoreTrend.Compute(Table, new TrendOptions { CohortAttribute = "country" }));
        Assert.Equal("CohortAttribute", attribute.ParamName);
        Assert.Contains("tier", attribute.Message, StringComparison.Ordinal);
        var many = Assert.Throws<ArgumentException>(() => ScoreTrend.Compute(Table, new TrendOptions { Percentiles = [0, 101], MaxDegreeOfParallelism = 0, TimeZone = null! }));
        Assert.Equal("options", many.ParamName);
        Assert.Contains("Percentiles", many.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism", many.Message, StringComparison.Ordinal);
        Assert.Contains("TimeZone", many.Message, StringComparison.Ordinal);
        var window = Assert.Throws<ArgumentException>(() => ScoreTrend.Compute(Table, new TrendOptions { Granularity = TrendGranularity.Day, Range = new DateRange(new DateOnly(1900, 1, 1), new DateOnly(2100, 1, 1)) }));
        Assert.Equal("Range", window.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreTrend.Compute(Table)[99, 0]);
    }

    [Fact]
    public void An_empty_table_has_no_periods_unless_a_window_is_given()
    {
        var empty = new ScoreTableBuilder().Build();
        Assert.Empty(empty);
        var table = ScoreTable.FromScores(Scores.Take(1)).Single();
        var trend = ScoreTrend.Compute(table, new TrendOptions { Range = new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1)) });
        Assert.Equal(5, trend.Periods.Count);
        Assert.All(trend.Rows, r => Assert.Equal(0, r.People));
    }

    private static ScoreTrend AssertMatches(IReadOnlyList<ScoreRecord> records, ScoreTable table, TrendOptions options)
    {
        var trend = ScoreTrend.Compute(table, options);
        var expected = ReferenceTrend.Compute(records, options with { Segment = null }, CohortOf(table));
        Assert.Equal(expected.PeriodStarts, trend.Periods.Select(p => p.Start));
        foreach (var row in trend.Rows)
        {
            var cell = expected.Cells.GetValueOrDefault((row.Period, row.Series)) ?? new ReferenceTrend.Cell(0, 0, null, null, []);
            Assert.True(cell.People == row.People && cell.Events == row.Events, $"{row.PeriodLabel} {row.Series}: expected {cell.People}/{cell.Events}, got {row.People}/{row.Events}");
            AssertClose(cell.MeanScore, row.MeanScore);
            AssertClose(cell.MeanProbability, row.MeanProbability);
            Assert.Equal(cell.ScorePercentiles, row.ScorePercentiles);
        }

        Assert.Equal(expected.Cells.Keys.Order(), trend.Rows.Where(r => r.Events > 0).Select(r => (r.Period, r.Series)).Order());
        foreach (var period in trend.Periods)
        {
            var (people, events) = expected.Totals.GetValueOrDefault(period.Start);
            Assert.Equal((people, events), (period.People, period.Events));
        }

        return trend;
    }

    private static void AssertEqual(ScoreTrend expected, ScoreTrend actual)
    {
        Assert.Equal(expected.Periods.Select(p => (p.Start, p.People, p.Events)), actual.Periods.Select(p => (p.Start, p.People, p.Events)));
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            Assert.Equal((expected.Rows[i].People, expected.Rows[i].Events), (actual.Rows[i].People, actual.Rows[i].Events));
            AssertClose(expected.Rows[i].MeanScore, actual.Rows[i].MeanScore);
            Assert.Equal(expected.Rows[i].ScorePercentiles, actual.Rows[i].ScorePercentiles);
        }
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, Math.Max(1e-9, Math.Abs(e) * 1e-12));
        }
    }

    private static Func<string, DateOnly, string?> CohortOf(ScoreTable table) => (person, run) =>
        table.Attributes.Find("tier") is { } tier ? tier.GetValue(table.Persons.IndexOf(person), table.IndexOfRun(run)) : null;

    private static IEnumerable<PersonAttributeRecord> TierRows()
    {
        var persons = Scores.Select(s => s.PersonId).Distinct().ToList();
        var runs = Scores.Select(s => s.RunKey).Distinct().Order().ToList();
        for (var i = 0; i < persons.Count; i++)
        {
            if (i % 7 == 6)
            {
                continue; // no tier
            }

            yield return new PersonAttributeRecord { PersonId = persons[i], Name = "tier", Value = Tiers[i % 3] };
            if (i % 5 == 0)
            {
                yield return new PersonAttributeRecord { PersonId = persons[i], Name = "tier", Value = Tiers[(i + 1) % 3], ValidFrom = runs[4] };
            }
        }
    }
}
