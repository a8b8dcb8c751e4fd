using System.Text;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Cohorts;

/// <summary>Cohort tables against the naive per-person reference, for every granularity, type, rolling and split.</summary>
public sealed class CohortTableTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 500, runs: 9);
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single().WithAttributes(TierRows(Scores));
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly Jan1 = new(2026, 1, 1);

    public static TheoryData<CohortGranularity, bool, CohortType, string> Shapes()
    {
        var data = new TheoryData<CohortGranularity, bool, CohortType, string>();
        foreach (var g in Enum.GetValues<CohortGranularity>())
        {
            foreach (var rolling in new[] { false, true })
            {
                foreach (var type in Enum.GetValues<CohortType>())
                {
                    foreach (var split in new[] { "none", "tier", "bucket" })
                    {
                        data.Add(g, rolling, type, split);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_cell_matches_the_reference(CohortGranularity granularity, bool rolling, CohortType type, string split)
    {
        var options = new CohortOptions
        {
            Granularity = granularity,
            Rolling = rolling,
            Type = type,
            SplitByAttribute = split == "tier" ? "tier" : null,
            SplitByBucket = split == "bucket" ? BucketScheme.Cai : null,
            IncludeNoValue = split == "bucket",
        };
        AssertMatches(Scores, Table, options);
    }

    [Fact]
    public void Criteria_are_segments_evaluated_run_by_run()
    {
        // Included: High in a run of the period; returned: a score of at least 50 in a run of the later period.
        var options = new CohortOptions
        {
            Granularity = CohortGranularity.Week,
            Inclusion = Segment.InBucket(BucketScheme.Cai, "High"),
            Return = Segment.ValueInRange(ScoreField.Score, 50),
            SplitByBucket = BucketScheme.Distribution5,
            MaxItems = 3,
        };
        var cohorts = AssertMatches(Scores, Table, options, r => r.Score >= 75, r => r.Score >= 50);
        Assert.Equal(3, cohorts.Items.Count);
        Assert.Equal(2, cohorts.HiddenItems); // "75 to 80" … "95 to 100": five buckets of High
        Assert.All(cohorts.Items, i => Assert.True(double.Parse(i.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) >= 75));

        // A condition that is not about rows: "tier is gold" as of the run, still needing a row in the period.
        var gold = new CohortOptions { Granularity = CohortGranularity.Month, Inclusion = Segment.AttributeEquals("tier", "gold"), Rolling = true };
        AssertMatches(Scores, Table, gold, r => TierOf(r.PersonId) == "gold");

        // A condition pinned to a run looks at that run whatever the period.
        var third = Table.Runs[2].ScoreDate;
        var presentInThird = Scores.Where(s => s.RunKey == third).Select(s => s.PersonId).ToHashSet(StringComparer.Ordinal);
        var pinned = new CohortOptions { Granularity = CohortGranularity.Week, Return = Segment.PresentIn(third) };
        AssertMatches(Scores, Table, pinned, returned: r => presentInThird.Contains(r.PersonId));
    }

    [Fact]
    public void Rolling_follows_the_community_example()
    {
        // Visited M1, M2, M3 no, M4: non-rolling 1, 1, 0, 1; rolling 1, 1, 0, 0 (cohort: January).
        var months = new[] { new DateOnly(2026, 1, 5), new DateOnly(2026, 2, 2), new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 6), new DateOnly(2026, 5, 4) };
        var records = new List<ScoreRecord>();
        foreach (var (month, i) in months.Select((m, i) => (m, i)))
        {
            records.Add(Record("someone", month, 50));
            if (i != 3)
            {
                records.Add(Record("visitor", month, 50));
            }
        }

        var table = ScoreTable.FromScores(records).Single();
        var plain = CohortTable.Compute(table);
        var rolling = CohortTable.Compute(table, new CohortOptions { Rolling = true });
        var churn = CohortTable.Compute(table, new CohortOptions { Rolling = true, Type = CohortType.Churn });
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"], plain.Periods.Select(p => p.Label));
        Assert.Equal([2L, 2, 1, 2], plain.Rows[0].Cells.Select(c => c.Count));
        Assert.Equal([2L, 2, 1, 1], rolling.Rows[0].Cells.Select(c => c.Count));
        Assert.Equal([0L, 0, 1, 1], churn.Rows[0].Cells.Select(c => c.Count));
        Assert.Equal([0.0, 0, 0.5, 0.5], churn.Rows[0].Cells.Select(c => c.Share!.Value));
        Assert.Equal([4, 3, 2, 1, 0], plain.Rows.Select(r => r.Cells.Count)); // the triangle
        Assert.Equal([2L, 2, 2, 1, 2], plain.Rows.Select(r => r.Included)); // "someone" is in every cohort
    }

    [Fact]
    public void The_average_row_is_a_mean_of_percentages_not_a_pooled_ratio()
    {
        // Week 1: 4 included, 1 back in weeks 2 and 3 (25 %). Week 2: 2 included (one of them new), both back in week 3 (100 %).
        var w = new[] { new DateOnly(2026, 1, 4), new DateOnly(2026, 1, 11), new DateOnly(2026, 1, 18) };
        var records = new List<ScoreRecord>
        {
            Record("a", w[0], 1), Record("b", w[0], 1), Record("c", w[0], 1), Record("d", w[0], 1),
            Record("a", w[1], 1), Record("e", w[1], 1),
            Record("a", w[2], 1), Record("e", w[2], 1),
        };
        var cohorts = CohortTable.Compute(ScoreTable.FromScores(records).Single(), new CohortOptions { Granularity = CohortGranularity.Week });
        Assert.Equal([4L, 2, 2], cohorts.Rows.Select(r => r.Included));
        Assert.Equal([0.25, 0.25], cohorts.Rows[0].Cells.Select(c => c.Share!.Value));
        Assert.Equal(1.0, cohorts.Rows[1].Cells[0].Share);
        var first = cohorts.Average[0];
        Assert.Equal((1, 0.625, 2), (first.Offset, first.Share!.Value, first.Rows));
        Assert.Equal(3.0 / 6, first.PooledShare);
        Assert.Equal((2, 0.25, 1, 0.25), (cohorts.Average[1].Offset, cohorts.Average[1].Share!.Value, cohorts.Average[1].Rows, cohorts.Average[1].PooledShare!.Value));
    }

    [Fact]
    public void A_window_past_the_data_keeps_empty_rows_and_omits_cells_after_the_last_run()
    {
        var first = Table.Runs[0].ScoreDate;
        var last = Table.Runs[^1].ScoreDate;
        var range = new DateRange(first.AddDays(-20), last.AddDays(30));
        var options = new CohortOptions { Granularity = CohortGranularity.Week, Range = range, SplitByAttribute = "tier" };
        var cohorts = AssertMatches(Scores, Table, options);
        Assert.Equal(range.Start, cohorts.Periods[0].Start);
        Assert.Equal(range.End, cohorts.Periods[^1].End);
        var lastData = cohorts.Periods.Last(p => p.Runs.Count > 0).Index;
        Assert.True(lastData < cohorts.Periods.Count - 2);
        Assert.All(cohorts.Rows, r => Assert.Equal(Math.Max(0, lastData - r.Period), r.Cells.Count));
        Assert.All(cohorts.Rows.Where(r => cohorts.Periods[r.Period].Runs.Count == 0), r =>
        {
            Assert.Equal(0, r.Included);
            Assert.All(r.Cells, c => Assert.Equal((0L, (double?)null), (c.Count, c.Share)));
        });
        Assert.Equal(lastData, cohorts.Average.Count);
        Assert.All(cohorts.Average, a => Assert.True(a.Rows <= 3 * (lastData - a.Offset + 1)));
    }

    [Fact]
    public void A_window_without_runs_or_a_table_of_one_person()
    {
        var one = ScoreTable.FromScores(Scores.Take(1)).Single();
        var empty = CohortTable.Compute(one, new CohortOptions { Range = new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 4, 1)) });
        Assert.Equal(3, empty.Periods.Count);
        Assert.All(empty.Rows, r => Assert.Equal((0L, 0), (r.Included, r.Cells.Count)));
        Assert.Empty(empty.Average);
        var single = CohortTable.Compute(one, new CohortOptions { Granularity = CohortGranularity.Day });
        Assert.Equal(1, single.Rows.Single().Included);
        Assert.Empty(single.Rows.Single().Cells);
        AssertMatches([.. Scores.Take(1)], one, new CohortOptions { Granularity = CohortGranularity.Week, SplitByBucket = BucketScheme.Cai });
    }

    [Fact]
    public void The_time_zone_and_first_day_of_week_move_runs_between_periods()
    {
        var firstDay = Table.Runs[0].ScoreDate.DayOfWeek;
        var utc = CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Week, FirstDayOfWeek = firstDay });
        var newYork = CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Week, FirstDayOfWeek = firstDay, TimeZone = NewYork });
        Assert.Equal(Table.Runs[0].ScoreDate, utc.Periods[0].Start);
        Assert.Equal(Table.Runs[0].ScoreDate.AddDays(-7), newYork.Periods[0].Start);
        AssertMatches(Scores, Table, new CohortOptions { Granularity = CohortGranularity.Day, TimeZone = NewYork, Rolling = true });
        AssertMatches(Scores, Table, new CohortOptions { Granularity = CohortGranularity.Week, TimeZone = NewYork, FirstDayOfWeek = DayOfWeek.Wednesday, SplitByAttribute = "tier" });
    }

    [Fact]
    public void Runs_whose_persons_carry_different_timestamps_are_split_person_by_person()
    {
        var records = new List<ScoreRecord>();
        for (var run = 0; run < 3; run++)
        {
            var date = new DateOnly(2026, 3, 2).AddDays(run * 3);
            for (var i = 0; i < 300; i++)
            {
                if ((i + run) % 4 == 0)
                {
                    continue;
                }

                records.Add(Record($"p{i}", date, i % 13 == 0 ? null : i / 3.0) with
                {
                    Timestamp = i % 5 == 0 ? null : new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(i % 7 * 20),
                });
            }
        }

        var table = ScoreTable.FromScores(records).Single();
        Assert.True(table.Runs[0].TimestampsVary);
        AssertMatches(records, table, new CohortOptions { Granularity = CohortGranularity.Day, SplitByBucket = BucketScheme.Cai, IncludeNoValue = true });
        AssertMatches(records, table, new CohortOptions { Granularity = CohortGranularity.Day, Rolling = true, Inclusion = Segment.InBucket(BucketScheme.Cai, "Medium") }, r => r.Score is >= 25 and < 75);
    }

    [Fact]
    public void Split_items_are_ranked_by_included_persons_and_cut_to_the_top()
    {
        var all = CohortTable.Compute(Table, new CohortOptions { SplitByBucket = BucketScheme.Distribution5 });
        var top = CohortTable.Compute(Table, new CohortOptions { SplitByBucket = BucketScheme.Distribution5, MaxItems = 2 });
        Assert.Equal(14, all.Items.Count); // CJA's 14 of the 20 buckets
        Assert.True(all.HiddenItems >= 6);
        Assert.Equal(all.Items.Take(2), top.Items);
        Assert.Equal(top.Periods.Count * 2, top.Rows.Count);
        var totals = all.Items.Select(i => all.Rows.Where(r => r.Item == i).Sum(r => r.Included)).ToList();
        Assert.Equal(totals.OrderDescending(), totals);
        var whole = CohortTable.Compute(Table);
        Assert.All(whole.Rows, r => Assert.True(r.Included >= all.Rows.Where(s => s.Period == r.Period).Sum(s => s.Included)));
    }

    [Fact]
    public void Large_tables_match_the_reference_and_any_degree_of_parallelism()
    {
        var (records, table) = Large(65_537);
        var options = new CohortOptions { Granularity = CohortGranularity.Week, SplitByBucket = BucketScheme.Cai, Rolling = true };
        var one = AssertMatches(records, table, options);
        var four = CohortTable.Compute(table, options with { MaxDegreeOfParallelism = 4 });
        AssertEqual(one, four);
        AssertMatches(records, table, new CohortOptions { Granularity = CohortGranularity.Day, Type = CohortType.Churn });
    }

    [Theory]
    [InlineData(65_537, 32_768)]
    [InlineData(70_000, 4_160)]
    [InlineData(3_000, 64)]
    public void Two_halves_of_the_persons_merged_give_the_whole(int persons, int half)
    {
        var (_, table) = Large(persons);
        persons = table.Persons.Count; // the few never scored are not in the table
        Assert.True(persons > half);
        foreach (var options in new[]
        {
            new CohortOptions { Granularity = CohortGranularity.Week },
            new CohortOptions { Granularity = CohortGranularity.Day, Rolling = true, SplitByBucket = BucketScheme.Cai, IncludeNoValue = true },
        })
        {
            var plan = CohortPlan.Create(table, options);
            var whole = new CohortState(plan);
            whole.Add(0, persons);
            var first = new CohortState(plan);
            first.Add(0, half);
            var second = new CohortState(plan);
            second.Add(half, persons - half);
            first.Merge(second);
            AssertEqual(CohortTable.ToResult(plan, whole), CohortTable.ToResult(plan, first));
            AssertEqual(CohortTable.Compute(table, options), CohortTable.ToResult(plan, first));
        }
    }

    public static TheoryData<CohortOptions, string> BadOptions() => new()
    {
        { new CohortOptions { Granularity = 0 }, "Granularity" },
        { new CohortOptions { Granularity = (CohortGranularity)6 }, "Granularity" },
        { new CohortOptions { FirstDayOfWeek = (DayOfWeek)7 }, "FirstDayOfWeek" },
        { new CohortOptions { TimeZone = null! }, "TimeZone" },
        { new CohortOptions { Type = (CohortType)2 }, "Type" },
        { new CohortOptions { MaxItems = 0 }, "MaxItems" },
        { new CohortOptions { MaxDegreeOfParallelism = 0 }, "MaxDegreeOfParallelism" },
        { new CohortOptions { SplitByAttribute = "tier", SplitByBucket = BucketScheme.Cai }, "SplitByBucket" },
        { new CohortOptions { SplitByAttribute = string.Empty }, "SplitByAttribute" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_options_fail_fast_naming_the_parameter(CohortOptions options, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, options));
        Assert.Equal("options", error.ParamName);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_schema_errors_name_their_parameter()
    {
        var error = Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, new CohortOptions { MaxItems = -1, MaxDegreeOfParallelism = -1, Type = (CohortType)9 }));
        Assert.Contains("MaxItems", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism", error.Message, StringComparison.Ordinal);
        Assert.Contains("Type", error.Message, StringComparison.Ordinal);

        Assert.Equal("SplitByAttribute", Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, new CohortOptions { SplitByAttribute = "loyalty" })).ParamName);
        var many = Table.WithAttributes(Enumerable.Range(0, 300).Select(p => new PersonAttributeRecord { PersonId = Table.Persons[p], Name = "zip", Value = $"z{p}" }));
        var tooMany = Assert.Throws<ArgumentException>(() => CohortTable.Compute(many, new CohortOptions { SplitByAttribute = "zip" }));
        Assert.Equal("SplitByAttribute", tooMany.ParamName);
        Assert.Contains("254", tooMany.Message, StringComparison.Ordinal);

        var decades = new DateRange(new DateOnly(2000, 1, 1), new DateOnly(2030, 1, 1));
        Assert.Equal("Range", Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, new CohortOptions { Granularity = CohortGranularity.Day, Range = decades })).ParamName);
        Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, new CohortOptions { Inclusion = Segment.PresentIn(new DateOnly(1999, 1, 1)) }));
        Assert.Throws<ArgumentException>(() => CohortTable.Compute(Table, new CohortOptions { Return = Segment.AttributeEquals("loyalty", "gold") }));
        Assert.Throws<ArgumentNullException>(() => CohortTable.Compute(null!));
    }

    internal static CohortTable AssertMatches(
        IReadOnlyList<ScoreRecord> records,
        ScoreTable table,
        CohortOptions options,
        Func<ScoreRecord, bool>? inclusion = null,
        Func<ScoreRecord, bool>? returned = null)
    {
        var actual = CohortTable.Compute(table, options);
        var tier = table.Attributes.Find("tier");
        var expected = ReferenceCohorts.Compute(
            records,
            options,
            inclusion,
            returned,
            (person, run) => tier?.GetValue(table.Persons.IndexOf(person), table.IndexOfRun(run)));
        AssertSame(expected, actual);
        return actual;
    }

    internal static void AssertSame(ReferenceCohorts.Result expected, CohortTable actual)
    {
        Assert.Equal(expected.PeriodStarts, actual.Periods.Select(p => p.Start));
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.HiddenItems, actual.HiddenItems);
        Assert.Equal(expected.Rows.Count, actual.Rows.Count);
        for (var i = 0; i < expected.Rows.Count; i++)
        {
            var (e, a) = (expected.Rows[i], actual.Rows[i]);
            Assert.Equal((e.Period, e.Item, e.Included), (actual.Periods[a.Period].Start, a.Item, a.Included));
            Assert.Equal(e.Counts, a.Cells.Select(c => c.Count));
            Assert.Equal(e.Shares, a.Cells.Select(c => c.Share));
            Assert.Equal(Enumerable.Range(1, e.Counts.Length), a.Cells.Select(c => c.Offset));
        }

        Assert.Equal(expected.Average.Count, actual.Average.Count);
        for (var k = 0; k < expected.Average.Count; k++)
        {
            var (e, a) = (expected.Average[k], actual.Average[k]);
            Assert.Equal((k + 1, e.Rows), (a.Offset, a.Rows));
            Close(e.Share, a.Share);
            Close(e.Pooled, a.PooledShare);
        }
    }

    internal static void AssertEqual(CohortTable expected, CohortTable actual)
    {
        Assert.Equal(expected.Periods.Select(p => (p.Start, p.End, p.Label)), actual.Periods.Select(p => (p.Start, p.End, p.Label)));
        Assert.Equal(expected.Items, actual.Items);
        Assert.Equal(expected.HiddenItems, actual.HiddenItems);
        Assert.Equal(expected.Rows.Select(r => (r.Period, r.Item, r.Included)), actual.Rows.Select(r => (r.Period, r.Item, r.Included)));
        Assert.Equal(expected.Rows.SelectMany(r => r.Cells), actual.Rows.SelectMany(r => r.Cells));
        Assert.Equal(expected.Average, actual.Average);
    }

    internal static ScoreRecord Record(string person, DateOnly run, double? score) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = run,
        ScoreDate = run,
        Timestamp = new DateTimeOffset(run.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
        Score = score,
        Probability = score / 100,
    };

    /// <summary>Persons × 6 weekly runs from <see cref="Jan1"/>, about a quarter missing from each, some null scores.</summary>
    internal static (List<ScoreRecord> Records, ScoreTable Table) Large(int persons)
    {
        var random = new Random(persons);
        var records = new List<ScoreRecord>();
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "Inst")!;
        for (var r = 0; r < 6; r++)
        {
            var date = Jan1.AddDays(7 * r);
            var timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            for (var p = 0; p < persons; p++)
            {
                if (random.Next(4) == 0)
                {
                    continue;
                }

                double? score = random.Next(20) == 0 ? null : random.NextDouble() * 100;
                writer.AddRow(Encoding.UTF8.GetBytes($"p{p}"), date, timestamp, score, null, null, null);
                records.Add(Record($"p{p}", date, score) with { Probability = null });
            }
        }

        return (records, builder.Build().Single());
    }

    private static void Close(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
        {
            Assert.Equal(e, actual!.Value, 12);
        }
    }

    /// <summary>A person's tier: none for one in five, else by the sum of the id's characters.</summary>
    private static string? TierOf(string personId)
    {
        var sum = personId.Sum(c => (int)c);
        return sum % 5 == 4 ? null : Tiers[sum % 3];
    }

    private static IEnumerable<PersonAttributeRecord> TierRows(IEnumerable<ScoreRecord> scores) =>
        scores.Select(s => s.PersonId).Distinct().Where(p => TierOf(p) is not null)
            .Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = TierOf(p) });
}
