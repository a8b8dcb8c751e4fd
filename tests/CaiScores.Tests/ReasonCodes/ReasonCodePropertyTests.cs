using System.Globalization;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.ReasonCodes;
using CaiScores.Segments;
using CsCheck;

namespace CaiScores.Tests.ReasonCodes;

/// <summary>Invariants of reason-code tables on random small tables (CsCheck).</summary>
public sealed class ReasonCodePropertyTests
{
    private static readonly DateOnly First = new(2026, 1, 4);

    private static readonly Gen<InfluentialFactor> Factor = Gen.Select(Gen.Int[-1, 6], Gen.Int[-1, 3], Gen.Int[0, 3], (code, value, importance) => new InfluentialFactor
    {
        Code = code < 0 ? null : "code " + code.ToString(CultureInfo.InvariantCulture),
        Value = value < 0 ? null : value.ToString(CultureInfo.InvariantCulture),
        Importance = (Importance)importance,
    });

    /// <summary>A person's row in a run: absent (1 in 6), a null score (1 in 6), else a score; 0–6 factors.</summary>
    private static readonly Gen<(bool Present, double? Score, InfluentialFactor[] Factors)> Cell =
        Gen.Select(Gen.Int[0, 5], Gen.OneOf<double>(Gen.Double[0, 100], Gen.Const(25.0), Gen.Const(75.0)), Factor.Array[0, 6], (kind, score, factors) => (kind > 0, kind == 1 ? (double?)null : score, factors));

    private static readonly Gen<(List<ScoreRecord> Records, int Runs)> Tables =
        Gen.Select(Gen.Int[1, 3], Gen.Int[1, 40]).SelectMany((runs, persons) => Cell.Array[runs * persons].Select(cells => (Records(cells, runs, persons), runs)));

    private static readonly Gen<ReasonCodeOptions> Options =
        Gen.Select(Gen.Int[1, 8], Gen.Bool, Gen.Int[1, 15], Gen.Bool, (topN, noValue, importance, range) => new ReasonCodeOptions
        {
            TopN = topN,
            IncludeNoValue = noValue,
            Importance = (ImportanceFilter)importance,
            Range = range ? new DateRange(First, First.AddDays(21)) : null,
        });

    [Fact]
    public void Factors_sit_inside_the_table_total_inside_the_bucket_and_buckets_cover_the_grand_total()
    {
        Gen.Select(Tables, Options).Sample((t, options) =>
        {
            var table = ScoreTable.FromScores(t.Records).Single();
            var result = ReasonCodeTable.Compute(table, options);
            foreach (var row in result.Rows)
            {
                Assert.InRange(row.TableTotal, 0, row.People);
                Assert.InRange(row.Factors.Count, 0, options.TopN);
                foreach (var factor in row.Factors)
                {
                    Assert.InRange(factor.People, 1, row.TableTotal);
                    var i = factor.ImportanceCounts;
                    Assert.True(i.Low + i.Medium + i.High + i.Unspecified >= factor.People);
                    Assert.True(factor.Values.Sum(v => v.People) >= factor.People);
                    Assert.All(factor.Values, v => Assert.InRange(v.People, 1, factor.People));
                }

                Assert.Equal(row.Factors.OrderByDescending(f => f.People).Select(f => f.People), row.Factors.Select(f => f.People));
            }

            var sum = result.Rows.Sum(r => r.People);
            Assert.True(sum >= result.GrandTotal);
            Assert.InRange(result.GrandTotal, 0, table.Persons.Count);
            if (result.Runs.Count == 1)
            {
                Assert.Equal(sum, result.GrandTotal); // one run: one bucket per person
            }
        });
    }

    [Fact]
    public void Merging_the_counts_of_a_partition_gives_the_whole()
    {
        Gen.Select(Tables, Options, Gen.Int[0, 1000].Array[0, 4]).Sample((t, options, cuts) =>
        {
            var table = ScoreTable.FromScores(t.Records).Single();
            var plan = ReasonCodePlan.Create(table, options);
            var whole = ReasonCodeCounts.Create(plan);
            whole.Add(0, plan.Persons);

            // Parts between sorted cut points, merged last part first.
            int[] bounds = [0, .. cuts.Select(c => c % (plan.Persons + 1)).Order(), plan.Persons];
            var merged = ReasonCodeCounts.Create(plan);
            for (var k = bounds.Length - 2; k >= 0; k--)
            {
                var part = ReasonCodeCounts.Create(plan);
                part.Add(bounds[k], bounds[k + 1] - bounds[k]);
                merged.Merge(part);
            }

            Assert.Equal(whole.Tally.Keys, merged.Tally.Keys);
            Assert.Equal(whole.Tally.People, merged.Tally.People);
            Assert.Equal(whole.Tally.WithEntries, merged.Tally.WithEntries);
            Assert.Equal((whole.Tally.Distinct, whole.Tally.NoValue), (merged.Tally.Distinct, merged.Tally.NoValue));
            Assert.Equal(ReasonCodeTable.Build(plan, whole).Rows, ReasonCodeTable.Build(plan, merged).Rows);
        });
    }

    private static List<ScoreRecord> Records((bool Present, double? Score, InfluentialFactor[] Factors)[] cells, int runs, int persons)
    {
        var records = new List<ScoreRecord>();
        for (var r = 0; r < runs; r++)
        {
            for (var p = 0; p < persons; p++)
            {
                var (present, score, factors) = cells[(r * persons) + p];
                if (present || records.Count == 0 && r == runs - 1 && p == persons - 1)
                {
                    var date = First.AddDays(7 * r);
                    records.Add(new ScoreRecord
                    {
                        PersonId = "p" + p.ToString(CultureInfo.InvariantCulture),
                        TenantId = "acme",
                        InstanceKey = "Inst",
                        RunKey = date,
                        ScoreDate = date,
                        Score = score,
                        Factors = factors,
                    });
                }
            }
        }

        return records;
    }
}
