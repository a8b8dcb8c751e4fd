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
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];

    /// <summary>Random records: persons × up to 8 runs 1–20 days apart, null and edge scores, some timestamps varying, tiers.</summary>
    private static readonly Gen<GeneratedTable> Tables = Generators.ScoreTables(new TableShape
    {
        MaxPersons = 50,
        MinRuns = 1,
        MaxRuns = 8,
        RunDay = static (random, _, previous) => previous + random.Next(1, 21),
        MissingOneIn = static _ => 3,
        EdgeScores = [null, 25, 75],
        ScoreDraws = 10,
        TimestampHours = 60,
        VaryingOneIn = 3,
        Tier = static p => p % 4 == 3 ? null : Tiers[(p * 7 / 3) % 3],
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
