using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Tests.Reference;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Columnar;

public sealed class ScoreTableTests
{
    private static ScoreRecord Score(string person, string date, double? score = 50, DateTimeOffset? timestamp = null, long order = 0, string instance = "Inst", params InfluentialFactor[] factors) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = instance,
        RunKey = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        ScoreDate = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
        Timestamp = timestamp,
        Score = score,
        Probability = score / 100,
        PercentileScore = score is null ? null : (int)Math.Max(1, Math.Ceiling(score.Value)),
        ModelType = "conversion",
        Factors = factors,
        SourceOrder = order,
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Table_holds_exactly_the_deduplicated_scores(bool experienceEvents)
    {
        var scores = TableAssert.Sample(experienceEvents: experienceEvents);
        var table = ScoreTable.FromScores(scores).Single();
        TableAssert.MatchesReference(table, ReferenceTable.From(scores, table.InstanceKey));
        Assert.Equal(6, table.Runs.Count);
        Assert.True(table.Runs.Zip(table.Runs.Skip(1)).All(p => p.First.ScoreDate < p.Second.ScoreDate));
    }

    [Fact]
    public void Persons_are_numbered_in_order_of_first_appearance_and_runs_by_date()
    {
        var table = ScoreTable.FromScores([Score("b", "2021-08-14"), Score("a", "2021-08-07"), Score("c", "2021-08-14"), Score("a", "2021-08-14")]).Single();
        Assert.Equal(["b", "a", "c"], table.Persons);
        Assert.Equal([new DateOnly(2021, 8, 7), new DateOnly(2021, 8, 14)], table.Runs.Select(r => r.ScoreDate));
        Assert.Equal([false, true, false], Enumerable.Range(0, 3).Select(table.Runs[0].IsPresent));
        Assert.Equal([2L, 0L], table.Diagnostics.PersonsMissingFromRun);
        Assert.Equal(2, table.Diagnostics.PersonsInOneRunOnly);
    }

    [Theory]
    [InlineData(74.99999999, true)]
    [InlineData(75.0, false)]
    [InlineData(24.999999999999996, true)]
    [InlineData(0.1 + 0.2, true)]
    public void Values_are_stored_at_full_double_precision(double value, bool belowEdge)
    {
        var table = ScoreTable.FromScores([Score("a", "2021-08-07", value)]).Single();
        var stored = table.Runs[0].Scores[0];
        Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(stored));
        Assert.Equal(belowEdge, stored < Math.Ceiling(value) || (stored < 75 && value < 75));
        Assert.Equal(BitConverter.DoubleToInt64Bits(value / 100), BitConverter.DoubleToInt64Bits(table.Runs[0].Probabilities[0]));
    }

    [Fact]
    public void Null_and_absent_slots_are_zero_with_their_validity_bits_clear()
    {
        var table = ScoreTable.FromScores([Score("a", "2021-08-07", null), Score("b", "2021-08-07", 80), Score("c", "2021-08-14", 10)]).Single();
        var run = table.Runs[0];
        Assert.Equal([0.0, 80.0, 0.0], run.Scores.ToArray());
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(run.IsPresent));
        Assert.Equal(1, TableAssert.BitCount(run.ScoreValidity, 3));
        Assert.Null(run.GetScore(0));
        Assert.Null(run.GetScore(2));
        Assert.Equal(2, run.ScoreArray.NullCount);
        Assert.Equal(80.0, run.ScoreArray.GetValue(1));
    }

    [Fact]
    public void Last_wins_by_timestamp_then_by_order_and_drops_the_loser_factors()
    {
        var early = new DateTimeOffset(2021, 8, 7, 0, 0, 0, TimeSpan.Zero);
        var late = early.AddHours(1);
        var a = new InfluentialFactor { Code = "A", Value = "1", Importance = Importance.High };
        var b = new InfluentialFactor { Code = "B", Value = "2", Importance = Importance.Low };
        var scores = new[]
        {
            Score("p", "2021-08-07", 10, late, 0, factors: [a]),
            Score("p", "2021-08-07", 20, early, 1, factors: [b, b]), // earlier timestamp: loses although read later
            Score("q", "2021-08-07", 30, early, 2, factors: [a]),
            Score("q", "2021-08-07", 40, early, 3, factors: [b]),    // tie: the later one wins
        };
        var table = ScoreTable.FromScores(scores).Single();
        var run = table.Runs[0];
        Assert.Equal([10.0, 40.0], run.Scores.ToArray());
        Assert.Equal([a], run.GetFactors(0, table));
        Assert.Equal([b], run.GetFactors(1, table));
        Assert.Equal(2, run.FactorCount);
        Assert.Equal(2, table.Diagnostics.Ingest.DuplicatesResolved);

        var first = ScoreTable.FromScores(scores, new CaiScoresOptions { Duplicates = DuplicatePolicy.FirstWins }).Single();
        Assert.Equal([20.0, 30.0], first.Runs[0].Scores.ToArray());
        Assert.Equal([b, b], first.Runs[0].GetFactors(0, first));

        TableAssert.MatchesReference(table, ReferenceTable.From(scores, "Inst"));
        TableAssert.MatchesReference(first, ReferenceTable.From(scores, "Inst", DuplicatePolicy.FirstWins));
    }

    [Fact]
    public void Keep_all_cannot_build_a_table()
    {
        var e = Assert.Throws<ArgumentException>(() => new ScoreTableBuilder(new CaiScoresOptions { Duplicates = DuplicatePolicy.KeepAll }));
        Assert.Contains("KeepAll", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_percentile_that_does_not_fit_is_rejected_naming_the_person()
    {
        var score = Score("p", "2021-08-07") with { PercentileScore = 40_000 };
        var e = Assert.Throws<CaiIngestException>(() => ScoreTable.FromScores([score]));
        Assert.Contains("percentileScore 40000 of person 'p'", e.Message, StringComparison.Ordinal);

        var skipped = ScoreTable.FromScores([score, Score("q", "2021-08-07")], new CaiScoresOptions { InvalidRecords = InvalidRecordPolicy.Skip }).Single();
        Assert.Equal(["q"], skipped.Persons);
        Assert.Equal(1, skipped.Diagnostics.Ingest.RecordsRejected);
    }

    [Fact]
    public void Uniform_timestamps_are_kept_once_and_varying_ones_per_person()
    {
        var t = new DateTimeOffset(2021, 8, 7, 0, 0, 0, TimeSpan.Zero);
        var table = ScoreTable.FromScores([Score("a", "2021-08-07", timestamp: t), Score("b", "2021-08-07", timestamp: t), Score("a", "2021-08-14", timestamp: t.AddDays(7)), Score("b", "2021-08-14", timestamp: t.AddDays(7).AddTicks(10))]).Single();
        Assert.Equal(t, table.Runs[0].UniformTimestamp);
        Assert.False(table.Runs[0].TimestampsVary);
        Assert.True(table.Runs[1].TimestampsVary);
        Assert.Equal(t.AddDays(7).AddTicks(10), table.Runs[1].GetTimestamp(1));
        Assert.Null(ScoreTable.FromScores([Score("a", "2021-08-07")]).Single().Runs[0].GetTimestamp(0));
    }

    [Fact]
    public void Several_instances_make_several_tables_and_single_says_which()
    {
        var tables = ScoreTable.FromScores([Score("a", "2021-08-07", instance: "Churn"), Score("a", "2021-08-07", instance: "Buy")]);
        Assert.Equal(["Buy", "Churn"], tables.Select(t => t.InstanceKey));
        var e = Assert.Throws<InvalidOperationException>(tables.Single);
        Assert.Contains("_acme.CustomerAI.Buy, _acme.CustomerAI.Churn", e.Message, StringComparison.Ordinal);
        Assert.Same(tables[1], tables["Churn"]);
        Assert.Throws<KeyNotFoundException>(() => tables["Nope"]);
    }

    [Fact]
    public void Loading_json_builds_the_same_table_as_the_records()
    {
        var fromJson = ScoreTable.LoadJson(Fixtures.ProfileAcme);
        using var reader = CaiJsonReader.Open(Fixtures.ProfileAcme);
        var fromScores = ScoreTable.FromScores(reader.ReadScores().ToList());
        Assert.Equal(fromScores.Count, fromJson.Count);
        for (var i = 0; i < fromJson.Count; i++)
        {
            TableAssert.MatchesReference(fromJson[i], ReferenceTable.From(CaiJsonReader.Open(Fixtures.ProfileAcme).ReadScores().ToList(), fromJson[i].InstanceKey));
        }

        Assert.Equal(reader.Diagnostics.RecordsRead, fromJson.Diagnostics.RecordsRead);
    }

    [Fact]
    public async Task Loading_json_async_equals_sync()
    {
        var sync = ScoreTable.LoadJson(Fixtures.EeGlobex);
        var async = await ScoreTable.LoadJsonAsync([Fixtures.EeGlobex]);
        Assert.Equal(3, sync.Count);
        foreach (var (expected, actual) in sync.Zip(async))
        {
            TableAssert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Get_run_by_date_names_the_runs_when_missing()
    {
        var table = ScoreTable.FromScores([Score("a", "2021-08-07")]).Single();
        Assert.Same(table.Runs[0], table.GetRun(new DateOnly(2021, 8, 7)));
        var e = Assert.Throws<KeyNotFoundException>(() => table.GetRun(new DateOnly(2021, 8, 8)));
        Assert.Contains("2021-08-07", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_storage_stays_within_32_bytes_per_row()
    {
        var scores = TableAssert.Sample(persons: 20_000, runs: 8);
        var table = ScoreTable.FromScores(scores).Single();
        var perRow = (double)table.ScoreBytes / table.ScoreRowCount;
        Assert.InRange(perRow, 10, 32);
    }
}
