using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Tests.Reference;
using CaiScores.Tests.Transitions;
using CaiScores.Transitions;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>
/// Transition invariants on random tables: the reference agrees; bucket rows add up to the from-run's bucket counts and
/// bucket columns to the to-run's; "No value" rows and columns to the persons without a value; counting two halves of the
/// persons and merging gives the whole.
/// </summary>
public sealed class TransitionProperties
{
    /// <summary>Random records: persons × 2–5 weekly runs, some persons absent, null and NaN and edge values.</summary>
    private static readonly Gen<List<ScoreRecord>> Tables = Generators.ScoreTables(new TableShape
    {
        Day0 = new(2026, 1, 4),
        MaxPersons = 80,
        MinRuns = 2,
        MaxRuns = 5,
        RunDay = static (_, run, _) => 7 * run,
        MissingOneIn = static random => 2 * random.Next(1, 6),
        KeptRuns = 2,
        EdgeScores = [null, double.NaN, 25, 75, Math.BitDecrement(75.0)],
        ScoreDraws = 14,
        Probabilities = true,
    }).Select(t => t.Records);

    private static readonly BucketScheme[] SchemeList =
    [
        BucketScheme.Cai,
        BucketScheme.Distribution5,
        BucketScheme.Create(ScoreField.Score, 50),
        BucketScheme.Create(ScoreField.Probability, 0.1, 0.5, 0.9),
    ];

    private static readonly Gen<BucketScheme> Schemes = Gen.Int[0, SchemeList.Length - 1].Select(i => SchemeList[i]);

    [Fact]
    public void Rows_sum_to_the_from_run_and_columns_to_the_to_run_and_the_reference_agrees()
    {
        Gen.Select(Tables, Schemes, Gen.Bool, Gen.Int[0, 100]).Sample((records, scheme, includeNoValue, pick) =>
        {
            var table = ScoreTable.FromScores(records).Single();
            var runs = table.Runs.Count;
            if (runs < 2)
            {
                Assert.Empty(TransitionSeries.Compute(table).Matrices);
                return;
            }

            var a = pick % (runs - 1);
            var b = a + 1 + (pick / 7 % (runs - 1 - a));
            var (from, to) = (table.Runs[a].ScoreDate, table.Runs[b].ScoreDate);
            var options = new TransitionOptions { Scheme = scheme, IncludeNoValue = includeNoValue };
            var matrix = TransitionMatrix.Compute(table, from, to, options);
            TransitionMatrixTests.AssertMatches(ReferenceTransitions.Cells(records, scheme, from, to, includeNoValue), matrix);

            var fromRun = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = scheme, Run = from });
            var toRun = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = scheme, Run = to });
            var buckets = scheme.Buckets.Count;
            var shown = includeNoValue ? matrix : TransitionMatrix.Compute(table, from, to, new TransitionOptions { Scheme = scheme, IncludeNoValue = true });

            // With "No value" shown, rows and columns add up to each run's distribution.
            Assert.Equal(fromRun.Rows.Select(r => r.Count), shown.Rows.Take(buckets).Select(r => r.Cells.Sum(c => c.Count)));
            Assert.Equal(toRun.Rows.Select(r => r.Count), shown.Columns.Take(buckets).Select(c => shown.Rows.Sum(r => r.Cells[c.To.Index].Count)));
            Assert.Equal(shown.NoValueFrom, shown.Rows[buckets].Total);
            Assert.Equal(shown.NoValueTo, shown.Columns[buckets].Total);
            Assert.Equal(fromRun.Total, shown.FromTotal);
            Assert.Equal(toRun.Total, shown.ToTotal);
            Assert.Equal(fromRun.NoValue + fromRun.NaNCount, matrix.NoValueFrom);
            Assert.Equal(toRun.NoValue + toRun.NaNCount, matrix.NoValueTo);

            // Entries and exits are "no row in the other run", whatever IncludeNoValue says; hiding "No value" only drops
            // its row and column, so a bucket row loses exactly its "No value" cell.
            for (var i = 0; i < buckets; i++)
            {
                Assert.Equal(shown.Rows[i].Cells[^1].Count, matrix.Rows[i].Cells[^1].Count);
                Assert.Equal(shown.Rows[^1].Cells[i].Count, matrix.Rows[^1].Cells[i].Count);
                if (!includeNoValue)
                {
                    Assert.Equal(shown.Rows[i].Total - shown.Rows[i].Cells[buckets].Count, matrix.Rows[i].Total);
                }
            }

            Assert.Equal(matrix.FromTotal - matrix.Exits, matrix.ToTotal - matrix.Entries);
            Assert.Equal(0, matrix.Rows[^1].Cells[^1].Count);
        }, iter: 200);
    }

    [Fact]
    public void Merged_halves_equal_the_whole_and_the_series_equals_its_pairs()
    {
        Gen.Select(Tables, Schemes, Gen.Int[0, 100]).Sample((records, scheme, cutPercent) =>
        {
            var table = ScoreTable.FromScores(records).Single();
            if (table.Runs.Count < 2)
            {
                return;
            }

            var options = new TransitionOptions { Scheme = scheme, IncludeNoValue = true };
            var pairs = Enumerable.Range(0, table.Runs.Count - 1).Select(r => (r, r + 1)).Append((0, table.Runs.Count - 1)).ToArray();
            var plan = new TransitionPlan(table, options, pairs);
            var whole = new TransitionCounts(plan);
            whole.Add(0, table.Persons.Count);
            var cut = table.Persons.Count * cutPercent / 100;
            var left = new TransitionCounts(plan);
            var right = new TransitionCounts(plan);
            left.Add(0, cut);
            right.Add(cut, table.Persons.Count - cut);
            left.Merge(right);
            for (var p = 0; p < pairs.Length; p++)
            {
                Assert.Equal(whole.Pair(p).ToArray(), left.Pair(p).ToArray());
            }

            var series = TransitionSeries.Compute(table, options);
            for (var m = 0; m < series.Matrices.Count; m++)
            {
                var counts = whole.Pair(m);
                var k = plan.CodeCount;
                var matrix = series.Matrices[m];
                for (var x = 0; x < scheme.Buckets.Count + 1; x++)
                {
                    for (var y = 0; y < scheme.Buckets.Count + 1; y++)
                    {
                        Assert.Equal(counts[(x * k) + y], matrix[x, y].Count);
                    }
                }
            }
        }, iter: 150);
    }
}
