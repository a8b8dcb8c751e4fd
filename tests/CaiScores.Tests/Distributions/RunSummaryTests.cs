using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Properties;
using CaiScores.Tests.Reference;
using CaiScores.Tests.TestData;
using CsCheck;

namespace CaiScores.Tests.Distributions;

public sealed class RunSummaryTests
{
    private static readonly DateOnly Day = new(2026, 1, 4);

    /// <summary>Random tables with many persons (blocks of 4096 and chunks are crossed), absent persons, nulls and edges.</summary>
    private static readonly Gen<List<ScoreRecord>> Tables = Generators.ScoreTables(new TableShape
    {
        Day0 = Day,
        MaxPersons = 9000,
        MinRuns = 1,
        MaxRuns = 4,
        RunDay = static (_, run, _) => 7 * run,
        MissingOneIn = static random => random.Next(2, 8),
        EdgeScores = [null, double.NaN, 25, 75, Math.BitDecrement(75.0), -3, 100.5, double.PositiveInfinity],
        ScoreDraws = 16,
        Probabilities = true,
    }).Select(t => t.Records);

    private static readonly BucketScheme[] Schemes =
    [
        BucketScheme.Cai,
        BucketScheme.Distribution5,
        BucketScheme.Create(ScoreField.Probability, 0.1, 0.5, 0.9),
    ];

    [Fact]
    public void Every_row_equals_a_scalar_count_over_the_table_for_any_scheme_and_parallelism()
    {
        Gen.Select(Tables, Gen.Int[0, Schemes.Length - 1], Gen.Int[1, 4]).Sample(t =>
        {
            var (records, s, threads) = t;
            var table = ScoreTable.FromScores(records).Single();
            var summary = RunSummary.Compute(table, new RunSummaryOptions { Scheme = Schemes[s], MaxDegreeOfParallelism = threads });
            Assert.Same(Schemes[s], summary.Scheme);
            Assert.Equal(table.Runs.Count, summary.Rows.Count);
            for (var r = 0; r < table.Runs.Count; r++)
            {
                AssertRow(Reference(table.Runs[r], Schemes[s], _ => true), summary.Rows[r]);
            }

            Assert.Equal(records.Select(x => x.PersonId).Distinct().Count(), summary.Persons);
        }, iter: 25);
    }

    [Fact]
    public void A_range_and_a_segment_restrict_the_runs_and_the_persons()
    {
        Tables.Sample(records =>
        {
            var table = ScoreTable.FromScores(records).Single();
            var some = table.Persons.Where((_, i) => i % 3 == 0).ToList();
            var chosen = some.ToHashSet();
            var range = new DateRange(Day.AddDays(7), Day.AddDays(21));
            var summary = RunSummary.Compute(table, new RunSummaryOptions { Range = range, Segment = Segment.Persons(some) });
            var runs = table.Runs.Where(run => run.ScoreDate >= range.Start && run.ScoreDate < range.End).ToList();
            Assert.Equal(runs.Select(run => run.ScoreDate), summary.Rows.Select(row => row.Run));
            for (var r = 0; r < runs.Count; r++)
            {
                AssertRow(Reference(runs[r], BucketScheme.Cai, p => chosen.Contains(table.Persons[p])), summary.Rows[r]);
            }

            Assert.Equal(Enumerable.Range(0, table.Persons.Count).Count(p => chosen.Contains(table.Persons[p]) && runs.Any(run => run.IsPresent(p))), summary.Persons);
        }, iter: 10);
    }

    [Fact]
    public void Out_of_range_values_nulls_and_nan_are_counted_as_documented()
    {
        var table = ScoreTable.FromScores([
            Fixtures.Score("a", 10, Day, 0.2) with { PercentileScore = 0 },
            Fixtures.Score("b", 80, Day, 1.5) with { PercentileScore = 100 },
            Fixtures.Score("c", -1, Day, null),
            Fixtures.Score("d", 120, Day, 0.4) with { PercentileScore = 101 },
            Fixtures.Score("e", null, Day, 0.6),
            Fixtures.Score("f", 25, Day, -0.1),
            Fixtures.Score("a", 50, Day.AddDays(7), 0.5),
        ]).Single();
        var summary = RunSummary.Compute(table);
        var first = summary.Rows[0];
        Assert.Equal((Day, 6L, 5L, 1L, 0L), (first.Run, first.Persons, first.WithScore, first.NoValue, first.NaNCount));
        Assert.Equal([2L, 1L, 2L], first.Buckets); // -1 and 10 Low; 25 Medium; 80 and 120 High
        Assert.Equal((10 + 80 - 1 + 120 + 25) / 5.0, first.MeanScore);
        Assert.Equal((-1.0, 120.0), (first.MinScore, first.MaxScore));
        Assert.Equal(5L, first.ProbabilityCount);
        Assert.Equal((0.2 + 1.5 + 0.4 + 0.6 - 0.1) / 5, first.MeanProbability!.Value, 15);
        Assert.Equal((2L, 2L, 2L), (first.ScoreOutOfRange, first.ProbabilityOutOfRange, first.PercentileOutOfRange));
        var second = summary.Rows[1];
        Assert.Equal((1L, 1L, 50.0, 0.5, 0L), (second.Persons, second.WithScore, second.MeanScore, second.MeanProbability, second.ScoreOutOfRange));
        Assert.Equal([0L, 1L, 0L], second.Buckets);
        Assert.Same(table.Diagnostics, summary.Diagnostics);
    }

    [Fact]
    public void A_run_without_scores_has_no_mean_and_a_range_without_runs_no_rows()
    {
        var table = ScoreTable.FromScores([Fixtures.Score("a", null, Day), Fixtures.Score("b", null, Day)]).Single();
        var row = RunSummary.Compute(table).Rows.Single();
        Assert.Equal((2L, 0L, 2L), (row.Persons, row.WithScore, row.NoValue));
        Assert.Equal((null, null, null, null), (row.MeanScore, row.MinScore, row.MaxScore, row.MeanProbability));
        Assert.Empty(RunSummary.Compute(table, new RunSummaryOptions { Range = new DateRange(Day.AddDays(1), Day.AddDays(9)) }).Rows);
    }

    [Fact]
    public void Bucket_counts_equal_the_distribution_of_each_run()
    {
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 600, runs: 3)).Single();
        var summary = RunSummary.Compute(table, new RunSummaryOptions { Scheme = BucketScheme.Distribution5 });
        foreach (var row in summary.Rows)
        {
            var distribution = ScoreDistribution.Compute(table, BucketScheme.Distribution5, row.Run);
            Assert.Equal(distribution.Rows.Select(r => r.Count), row.Buckets);
            Assert.Equal((distribution.Total, distribution.NoValue, distribution.Statistics.Count), (row.Persons, row.NoValue, row.WithScore));
        }
    }

    [Fact]
    public void Invalid_options_are_listed_in_one_message()
    {
        var table = ScoreTable.FromScores([Fixtures.Score("a", 1, Day)]).Single();
        var error = Assert.Throws<ArgumentException>(() => RunSummary.Compute(table, new RunSummaryOptions { Scheme = null!, MaxDegreeOfParallelism = 0 }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("Scheme is null", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism is 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Its_tables_have_a_row_per_run_and_a_row_per_run_and_bucket()
    {
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 50, runs: 2)).Single();
        var tables = ResultTables.Of(RunSummary.Compute(table));
        Assert.Equal(["run-summary", "run-summary-buckets"], tables.Select(t => t.Name));
        Assert.Equal(2, tables[0].RowCount);
        Assert.Equal(6, tables[1].RowCount);
    }

    private static RunSummaryRow Reference(ScoreRun run, BucketScheme scheme, Func<int, bool> inSegment)
    {
        long persons = 0, withScore = 0, noValue = 0, nan = 0, probabilities = 0, scoreOut = 0, probabilityOut = 0, percentileOut = 0;
        double scoreSum = 0, probabilitySum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        var buckets = new long[scheme.Buckets.Count];
        var edges = scheme.EdgeSpan.ToArray();
        for (var p = 0; p < run.PersonCount; p++)
        {
            if (!run.IsPresent(p) || !inSegment(p))
            {
                continue;
            }

            persons++;
            var score = run.GetScore(p);
            if (score is null)
            {
                noValue++;
            }
            else if (double.IsNaN(score.Value))
            {
                nan++;
                scoreOut++;
            }
            else
            {
                withScore++;
                scoreSum += score.Value;
                min = Math.Min(min, score.Value);
                max = Math.Max(max, score.Value);
                scoreOut += score.Value is < 0 or > 100 ? 1 : 0;
            }

            if (run.GetProbability(p) is { } probability)
            {
                if (double.IsNaN(probability) || probability is < 0 or > 1)
                {
                    probabilityOut++;
                }

                if (!double.IsNaN(probability))
                {
                    probabilities++;
                    probabilitySum += probability;
                }
            }

            percentileOut += run.GetPercentile(p) is < 1 or > 100 ? 1 : 0;
            double? value = scheme.Field switch
            {
                ScoreField.Score => score,
                ScoreField.Probability => run.GetProbability(p),
                _ => run.GetPercentile(p),
            };
            if (value is { } v && ReferenceBuckets.Bucket(v, edges) is var b and >= 0)
            {
                buckets[b]++;
            }
        }

        return new RunSummaryRow(
            run.ScoreDate, run.ModelType, persons, withScore, noValue, nan, buckets,
            withScore == 0 ? null : scoreSum / withScore, withScore == 0 ? null : min, withScore == 0 ? null : max,
            probabilities, probabilities == 0 ? null : probabilitySum / probabilities, scoreOut, probabilityOut, percentileOut);
    }

    /// <summary>Counts exactly; the means to 1e-9 (the engine sums in blocks and vector lanes, the reference in person order).</summary>
    private static void AssertRow(RunSummaryRow expected, RunSummaryRow actual)
    {
        Assert.Equal(expected with { MeanScore = null, MeanProbability = null }, actual with { MeanScore = null, MeanProbability = null });
        AssertClose(expected.MeanScore, actual.MeanScore);
        AssertClose(expected.MeanProbability, actual.MeanProbability);
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e && !double.IsInfinity(e))
        {
            Assert.Equal(e, actual!.Value, 1e-9);
        }
        else
        {
            Assert.Equal(expected, actual);
        }
    }
}
