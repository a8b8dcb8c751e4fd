using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

public sealed class ScoreBatchTests
{
    private static ScoreRecord Score(string person, string run, long order, double score, DateTimeOffset? ts = null) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = DateOnly.Parse(run, System.Globalization.CultureInfo.InvariantCulture),
        Score = score,
        SourceOrder = order,
        Timestamp = ts,
    };

    private static readonly ScoreRecord[] WithDuplicates =
    [
        Score("a", "2021-08-07", 0, 10),
        Score("b", "2021-08-07", 1, 20),
        Score("a", "2021-08-07", 2, 30),
        Score("a", "2021-08-14", 3, 40),
        Score("a", "2021-08-07", 4, 50),
    ];

    [Fact]
    public void LastWins_keeps_the_last_read_and_input_order()
    {
        var batch = ScoreBatch.Create(WithDuplicates);
        Assert.Equal([20.0, 40.0, 50.0], batch.Records.Select(r => r.Score!.Value));
        Assert.Equal((2L, 2L), (batch.Diagnostics.Duplicates, batch.Diagnostics.DuplicatesResolved));
    }

    [Fact]
    public void FirstWins_keeps_the_first_read()
    {
        var batch = ScoreBatch.Create(WithDuplicates, DuplicatePolicy.FirstWins);
        Assert.Equal([10.0, 20.0, 40.0], batch.Records.Select(r => r.Score!.Value));
    }

    [Fact]
    public void KeepAll_keeps_every_record_and_counts_duplicates()
    {
        var batch = ScoreBatch.Create(WithDuplicates, DuplicatePolicy.KeepAll);
        Assert.Equal(5, batch.Records.Count);
        Assert.Equal((2L, 0L), (batch.Diagnostics.Duplicates, batch.Diagnostics.DuplicatesResolved));
    }

    [Fact]
    public void The_later_timestamp_wins_before_read_order()
    {
        var early = new DateTimeOffset(2021, 8, 7, 1, 0, 0, TimeSpan.Zero);
        var late = early.AddHours(5);
        var batch = ScoreBatch.Create([Score("a", "2021-08-07", 0, 1, late), Score("a", "2021-08-07", 1, 2, early)]);
        Assert.Equal(1.0, Assert.Single(batch.Records).Score);
        var first = ScoreBatch.Create([Score("a", "2021-08-07", 0, 1, late), Score("a", "2021-08-07", 1, 2, early)], DuplicatePolicy.FirstWins);
        Assert.Equal(2.0, Assert.Single(first.Records).Score);
    }

    [Fact]
    public async Task Load_reads_files_and_folders_with_one_diagnostics_and_global_read_order()
    {
        var dir = Directory.CreateTempSubdirectory("caiscores-");
        try
        {
            var records = CaiSampleData.Generate(new CaiSampleOptions { Persons = 20, Runs = 2 }).ToList();
            CaiJsonWriter.WriteJsonLines(Path.Combine(dir.FullName, "part-0.jsonl"), records.Take(25));
            CaiJsonWriter.WriteJsonLines(Path.Combine(dir.FullName, "part-1.jsonl"), records.Skip(25));
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not read");

            var batch = await ScoreBatch.LoadAsync(dir.FullName);
            var syncBatch = ScoreBatch.Load([Path.Combine(dir.FullName, "part-0.jsonl"), Path.Combine(dir.FullName, "part-1.jsonl")]);

            Assert.Equal(records.Count, batch.Records.Count);
            Assert.Equal(batch.Records, syncBatch.Records);
            Assert.Equal(Enumerable.Range(0, records.Count).Select(i => (long)i), batch.Records.Select(r => r.SourceOrder));
            Assert.Equal(2, batch.Diagnostics.Sources.Count);
            Assert.Equal([new DateOnly(2026, 1, 4), new DateOnly(2026, 1, 11)], batch.Diagnostics.Runs);
            Assert.Equal(["_acme.CustomerAI.PurchasePropensityWebsite"], batch.Diagnostics.Instances);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_of_a_missing_path_names_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ScoreBatch.Load("/no/such/scores.jsonl"));
        Assert.Contains("/no/such/scores.jsonl", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_resolves_duplicates_across_the_fixture()
    {
        var batch = ScoreBatch.Load(Fixtures.EeGlobex);
        Assert.Equal(4, batch.Records.Count);
        Assert.Equal(0, batch.Diagnostics.Duplicates);
    }
}
