using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Reference;
using CaiScores.Trends;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>Trend invariants on random tables: the reference agrees, series add up, segments split the people.</summary>
public sealed class TrendProperties
{
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];

    /// <summary>Random records: persons × up to 6 runs a few days apart, null and NaN and edge scores, some timestamps varying, tiers.</summary>
    private static readonly Gen<GeneratedTable> Tables = Generators.ScoreTables(new TableShape
    {
        MaxPersons = 60,
        MinRuns = 1,
        MaxRuns = 6,
        RunDay = static (random, run, _) => (run * 5) + random.Next(0, 3),
        MissingOneIn = static _ => 5,
        EdgeScores = [null, double.NaN, 25, 75],
        ScoreDraws = 12,
        Probabilities = true,
        TimestampHours = 40,
        VaryingOneIn = 2,
        Tier = static p => p % 4 == 3 ? null : Tiers[p % 3],
    });

    private static readonly Gen<TrendOptions> Options =
        Gen.Select(Gen.Enum<TrendGranularity>(), Gen.Bool, Gen.Bool, Gen.Bool, Gen.Enum<DayOfWeek>()).Select(t => new TrendOptions
        {
            Granularity = t.Item1,
            Scheme = t.Item2 ? BucketScheme.Cai : null,
            CohortAttribute = t.Item3 ? "tier" : null,
            IncludeNoValue = t.Item4,
            FirstDayOfWeek = t.Item5,
        });

    [Fact]
    public void The_trend_equals_the_reference_and_its_series_add_up()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, tiers), options) = t;
            // A NaN score becomes null on the way in (counted in the ingest diagnostics): "No value" in both.
            var table = ScoreTable.FromScores(records).Single().WithAttributes(tiers);
            var trend = ScoreTrend.Compute(table, options);
            var expected = ReferenceTrend.Compute(
                records,
                options,
                (person, run) => table.Attributes["tier"].GetValue(table.Persons.IndexOf(person), table.IndexOfRun(run)));
            Assert.Equal(expected.PeriodStarts, trend.Periods.Select(p => p.Start));
            foreach (var row in trend.Rows)
            {
                var cell = expected.Cells.GetValueOrDefault((row.Period, row.Series));
                Assert.Equal((cell?.People ?? 0, cell?.Events ?? 0), (row.People, row.Events));
                Assert.True(row.People <= row.Events);
            }

            foreach (var period in trend.Periods)
            {
                var rows = trend.Rows.Where(r => r.Period == period.Start).ToList();
                Assert.Equal(period.Events, rows.Sum(r => r.Events));
                Assert.InRange(period.People, rows.Count == 0 ? 0 : rows.Max(r => r.People), rows.Sum(r => r.People));
            }
        }, iter: 150);
    }

    [Fact]
    public void A_segment_and_its_complement_split_every_period()
    {
        Gen.Select(Tables, Gen.Double[0, 100]).Sample(t =>
        {
            var ((records, tiers), cut) = t;
            var table = ScoreTable.FromScores(records).Single().WithAttributes(tiers);
            var segment = Segment.ValueInRange(ScoreField.Score, cut);
            var options = new TrendOptions { Granularity = TrendGranularity.Run, IncludeNoValue = true };
            var all = ScoreTrend.Compute(table, options);
            var inside = ScoreTrend.Compute(table, options with { Segment = segment });
            var outside = ScoreTrend.Compute(table, options with { Segment = !segment });
            for (var i = 0; i < all.Rows.Count; i++)
            {
                Assert.Equal(all.Rows[i].Events, inside.Rows[i].Events + outside.Rows[i].Events);
                Assert.Equal(all.Rows[i].People, inside.Rows[i].People + outside.Rows[i].People);
            }
        }, iter: 100);
    }
}
