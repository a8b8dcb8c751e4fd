using System.Globalization;
using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.TestData;
using CaiScores.Transitions;

namespace CaiScores.Tests.Cli;

/// <summary><c>cai-scores audience</c>: the ids it writes are the library's selection, under the namespace they came from.</summary>
public sealed class CliAudienceTests(CliDemoFixture demo) : IClassFixture<CliDemoFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cai-cli-audience-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ScoreTable Table => ScoreTable.LoadJson(demo.Data("scores-jsonl")).Single();

    /// <summary>The reference file: the header, then the set's ids in person-index order.</summary>
    private static string[] Expected(ScoreTable table, PersonSet set) => ["ECID", .. set.GetIds(table)];

    [Fact]
    public async Task Top_percent_writes_the_ids_the_library_selects()
    {
        var file = Path.Combine(_dir, "top.csv");
        var (code, output, err) = await CliAppTests.Run(["audience", demo.Data("scores-parquet"), "--top", "10", "--out", file]);
        Assert.True(code == 0, err);
        var table = Table;
        var top = TopPercent.Select(table, 10, new TopPercentOptions { Method = TargetingMethod.Recomputed });
        Assert.Equal(Expected(table, top.Persons), File.ReadAllLines(file));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"wrote {file}: {top.Count:N0} ECID ids"), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transition_cell_with_a_segment_and_extra_columns()
    {
        var file = Path.Combine(_dir, "up.csv");
        var (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--transition", "Medium:High", "--attributes", demo.Data("attributes.parquet"), "--segment", "tier=gold|silver", "--columns", "score,bucket", "--out", file]);
        Assert.True(code == 0, err);
        var table = Table.WithAttributes(CaiScores.Parquet.ParquetAttributeReader.Read(demo.Data("attributes.parquet")));
        var runs = table.Runs;
        var cell = TransitionMatrix.Compute(table, runs[^2].ScoreDate, runs[^1].ScoreDate).GetPersons(table, "Medium", "High")
            .And(Segment.AttributeIn("tier", ["gold", "silver"]).Evaluate(table));
        var lines = File.ReadAllLines(file);
        Assert.Equal("ECID,score,bucket", lines[0]);
        Assert.Equal(cell.GetIds(table), lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",High", l, StringComparison.Ordinal));
        Assert.True(lines.Length > 1);
    }

    [Fact]
    public async Task A_folder_gets_one_file_per_namespace_and_a_csv_file_refuses_two()
    {
        string Record(string id, string ns) => Fixtures.Line("\"score\":80,\"scoreDate\":\"2026-01-04\"", $$"""{"{{ns}}":[{"id":"{{id}}","primary":true}]}""");
        var scores = Path.Combine(_dir, "mixed.jsonl");
        File.WriteAllLines(scores, [Record("e1", "ECID"), Record("m1", "Email"), Record("e2", "ECID")]);

        var (code, _, err) = await CliAppTests.Run(["audience", scores, "--bucket", "High", "--out", Path.Combine(_dir, "one.csv")]);
        Assert.Equal(1, code);
        Assert.Contains("holds 2 ECID, 1 Email persons", err, StringComparison.Ordinal);
        Assert.Contains("--out a folder writes one file per namespace", err, StringComparison.Ordinal);

        var folder = Path.Combine(_dir, "out");
        (code, var output, err) = await CliAppTests.Run(["audience", scores, "--bucket", "High", "--name", "high", "--out", folder]);
        Assert.True(code == 0, err);
        Assert.Equal(["ECID", "e1", "e2"], File.ReadAllLines(Path.Combine(folder, "high.ECID.csv")));
        Assert.Equal(["Email", "m1"], File.ReadAllLines(Path.Combine(folder, "high.Email.csv")));
        Assert.Contains("3 persons: score bucket is High in run 2026-01-04; in run 2026-01-04: 3 High", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_selections_are_named()
    {
        var (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--top", "10", "--bucket", "High", "--out", Path.Combine(_dir, "x.csv")]);
        Assert.Equal(2, code);
        Assert.Contains("give one selection, not --top and --bucket", err, StringComparison.Ordinal);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--top", "0", "--out", Path.Combine(_dir, "x.csv")]);
        Assert.Equal(2, code);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--bucket", "Top", "--out", Path.Combine(_dir, "x.csv")]);
        Assert.Equal(1, code);
        Assert.Contains("'Top' is not a bucket", err, StringComparison.Ordinal);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--columns", "email", "--out", Path.Combine(_dir, "x.csv")]);
        Assert.Equal(2, code);
        Assert.Contains("--columns takes score, probability, percentileScore and bucket, got 'email'", err, StringComparison.Ordinal);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--out", Path.Combine(_dir, "x.csv"), "--run", "2020-01-01"]);
        Assert.Equal(1, code);
        Assert.Contains("No run on 2020-01-01", err, StringComparison.Ordinal);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl"), "--transition", "Low:High", "--out", Path.Combine(_dir, "x.csv")]);
        Assert.Equal(1, code);
        Assert.Contains("the selection matches no one: persons who went from Low to High between run", err, StringComparison.Ordinal);
        (code, _, err) = await CliAppTests.Run(["audience", demo.Data("scores-jsonl")]);
        Assert.Equal(2, code);
        Assert.Contains("audience needs --out", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_names_every_option_the_command_reads()
    {
        var (code, output, _) = await CliAppTests.Run(["audience", "--help"]);
        Assert.Equal(0, code);
        foreach (var option in new[] { "--out", "--top", "--top-method", "--bucket", "--transition", "--from-run", "--to-run", "--run", "--scheme", "--segment", "--attributes", "--columns", "--name", "--identity-namespace", "--instance" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }

        Assert.IsType<Audience>(AudienceExport.Describe(Table, Segment.InBucket(BucketScheme.Cai, "High")));
    }
}
