using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Tests.Cohorts;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>Cohort invariants on random tables: the reference agrees, churn and retention add up, rolling never exceeds plain, splits partition cohorts.</summary>
public sealed class CohortsProperties
{
    private static readonly DateOnly Day0 = new(2026, 1, 1);
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];

    /// <summary>Random records: persons × up to 8 runs 1–20 days apart, null and edge scores, some timestamps varying, tiers.</summary>
    private static readonly Gen<(List<ScoreRecord> Records, List<PersonAttributeRecord> Tiers)> Tables =
        Gen.Select(Gen.Int[1, 50], Gen.Int[1, 8], Gen.Int[0, int.MaxValue]).Select(t =>
        {
            var (persons, runs, seed) = t;
            var random = new Random(seed);
            var records = new List<ScoreRecord>();
            var day = 0;
            var varying = random.Next(3) == 0;
            for (var r = 0; r < runs; r++)
            {
                day += random.Next(1, 21);
                var date = Day0.AddDays(day);
                for (var p = 0; p < persons; p++)
                {
                    // Never the first person from the first run: a table needs at least one score row to exist at all.
                    if (random.Next(3) == 0 && (r, p) != (0, 0))
                    {
                        continue;
                    }

                    records.Add(new ScoreRecord
                    {
                        PersonId = $"p{p}",
                        TenantId = "acme",
                        InstanceKey = "Inst",
                        RunKey = date,
                        ScoreDate = date,
                        Timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(varying ? random.Next(0, 60) : 0),
                        Score = random.Next(10) switch { 0 => null, 1 => 25, 2 => 75, _ => random.NextDouble() * 100 },
                    });
                }
            }

            var tiers = Enumerable.Range(0, persons).Where(p => p % 4 != 3)
                .Select(p => new PersonAttributeRecord { PersonId = $"p{p}", Name = "tier", Value = Tiers[(p * 7 / 3) % 3] }).ToList();
            return (records, tiers);
        });

    private static readonly Gen<CohortOptions> Options =
        Gen.Select(Gen.Enum<CohortGranularity>(), Gen.Bool, Gen.Enum<CohortType>(), Gen.Int[0, 2], Gen.Enum<DayOfWeek>(), Gen.Bool, Gen.Int[1, 4]).Select(t => new CohortOptions
        {
            Granularity = t.Item1,
            Rolling = t.Item2,
            Type = t.Item3,
            SplitByAttribute = t.Item4 == 1 ? "tier" : null,
            SplitByBucket = t.Item4 == 2 ? BucketScheme.Cai : null,
            FirstDayOfWeek = t.Item5,
            IncludeNoValue = t.Item6,
            MaxItems = t.Item7,
        });

    [Fact]
    public void The_cohort_table_equals_the_reference()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, tiers), options) = t;
            var table = Build(records, tiers);
            CohortTableTests.AssertMatches(records, table, options);
        }, iter: 150);
    }

    [Fact]
    public void Churn_plus_retention_is_the_cohort_and_rolling_never_exceeds_plain()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, tiers), options) = t;
            var table = Build(records, tiers);
            var retention = CohortTable.Compute(table, options with { Type = CohortType.Retention, Rolling = false });
            var churn = CohortTable.Compute(table, options with { Type = CohortType.Churn, Rolling = false });
            var rolling = CohortTable.Compute(table, options with { Type = CohortType.Retention, Rolling = true });
            for (var i = 0; i < retention.Rows.Count; i++)
            {
                var (kept, lost, strict) = (retention.Rows[i], churn.Rows[i], rolling.Rows[i]);
                Assert.Equal(kept.Included, lost.Included);
                Assert.Equal(kept.Cells.Count, lost.Cells.Count);
                for (var k = 0; k < kept.Cells.Count; k++)
                {
                    Assert.Equal(kept.Included, kept.Cells[k].Count + lost.Cells[k].Count);
                    Assert.InRange(strict.Cells[k].Count, 0, kept.Cells[k].Count);
                    if (k > 0)
                    {
                        Assert.True(strict.Cells[k].Count <= strict.Cells[k - 1].Count, "rolling retention never grows");
                    }

                    if (kept.Included > 0)
                    {
                        Assert.Equal(1.0, kept.Cells[k].Share!.Value + lost.Cells[k].Share!.Value, 12);
                    }
                }
            }
        }, iter: 150);
    }

    [Fact]
    public void A_split_with_every_item_partitions_each_cohort()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, tiers), options) = t;
            var table = Build(records, tiers);
            var plain = options with { SplitByAttribute = null, SplitByBucket = null };
            var whole = CohortTable.Compute(table, plain);
            foreach (var split in new[] { plain with { SplitByAttribute = "tier" }, plain with { SplitByBucket = BucketScheme.Cai } })
            {
                var parts = CohortTable.Compute(table, split with { IncludeNoValue = true, MaxItems = 100 });
                Assert.Equal(0, parts.HiddenItems);
                foreach (var row in whole.Rows)
                {
                    var mine = parts.Rows.Where(r => r.Period == row.Period).ToList();
                    Assert.Equal(row.Included, mine.Sum(r => r.Included));
                    for (var k = 0; k < row.Cells.Count; k++)
                    {
                        Assert.Equal(row.Cells[k].Count, mine.Sum(r => r.Cells[k].Count));
                    }
                }
            }
        }, iter: 100);
    }

    private static ScoreTable Build(List<ScoreRecord> records, List<PersonAttributeRecord> tiers) =>
        ScoreTable.FromScores(records).Single().WithAttributes(tiers);
}
