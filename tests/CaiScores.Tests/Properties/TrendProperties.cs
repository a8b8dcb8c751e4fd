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
    private static readonly DateOnly Day0 = new(2026, 1, 1);
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];

    /// <summary>Random records: persons × up to 6 runs a few days apart, null and NaN and edge scores, some timestamps varying, tiers.</summary>
    private static readonly Gen<(List<ScoreRecord> Records, List<PersonAttributeRecord> Tiers)> Tables =
        Gen.Select(Gen.Int[1, 60], Gen.Int[1, 6], Gen.Int[0, int.MaxValue]).Select(t =>
        {
            var (persons, runs, seed) = t;
            var random = new Random(seed);
            var records = new List<ScoreRecord>();
            var offsets = Enumerable.Range(0, runs).Select(r => (r * 5) + random.Next(0, 3)).ToArray();
            var varying = random.Next(2) == 0;
            for (var r = 0; r < runs; r++)
            {
                var date = Day0.AddDays(offsets[r]);
                for (var p = 0; p < persons; p++)
                {
                    // One person in five is missing from a run, but never the first person from the first run: a table
                    // needs at least one score row to exist at all (FromScores rejects an empty input).
                    if (random.Next(5) == 0 && (r, p) != (0, 0))
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
                        Timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(varying ? random.Next(0, 40) : 0),
                        Score = random.Next(12) switch { 0 => null, 1 => double.NaN, 2 => 25, 3 => 75, _ => random.NextDouble() * 100 },
                        Probability = random.Next(8) == 0 ? null : random.NextDouble(),
                    });
                }
            }

            var tiers = Enumerable.Range(0, persons).Where(p => p % 4 != 3)
                .Select(p => new PersonAttributeRecord { PersonId = $"p{p}", Name = "tier", Value = Tiers[p % 3] }).ToList();
            return (records, tiers);
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
