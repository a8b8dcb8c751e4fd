using CaiScores.Ingest;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

/// <summary>Which files of a folder are scores: JSON judged by its first record; the loaders skip the others and list them.</summary>
public sealed class ScoreFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-score-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("""{"_id":"1","identityMap":{"ECID":[{"id":"e1"}]}}""", true)]
    [InlineData("""{"_id":"1","_repo":{"a":{"b":[1,{"c":2}]}},"_acme":{"x":{"y":1},"CustomerAI":{"Inst":{"score":5}}}}""", true)]
    [InlineData("""{"_acme.CustomerAI.Inst.score":5}""", true)]
    [InlineData("""[{"identityMap":{}},{"kind":"x"}]""", true)]
    [InlineData("""{"kind":"trend","rows":[{"run":"2026-01-04","mean":50}]}""", false)]
    [InlineData("""{"$schema":"https://vega.github.io/schema/vega-lite/v5.json","data":{"values":[]}}""", false)]
    [InlineData("""{"_id":"1","_acme":{"other":{"CustomerAI":{}}}}""", false)]
    [InlineData("""[{"run":"2026-01-04"}]""", false)]
    [InlineData("42", false)]
    [InlineData("", true)]
    [InlineData("[]", true)]
    [InlineData("""{"_id":""", true)]
    public void A_json_file_is_judged_by_its_first_record(string text, bool expected)
    {
        var path = Write("f.json", text.Length == 0 ? text : text + "\n" + """{"kind":"second line"}""");
        Assert.Equal(expected, ScoreFiles.IsJsonScores(path));
    }

    [Fact]
    public void The_fixtures_are_scores_and_a_first_record_longer_than_the_window_cannot_be_judged()
    {
        Assert.True(ScoreFiles.IsJsonScores(Fixtures.ProfileAcme));
        Assert.True(ScoreFiles.IsJsonScores(Fixtures.EeGlobex));
        var big = Write("big.json", "{\"note\":\"" + new string('x', ScoreFiles.SniffBytes) + "\",\"identityMap\":{}}");
        Assert.True(ScoreFiles.IsJsonScores(big));
        var long200k = Write("long.json", "{\"note\":\"" + new string('x', 200_000) + "\",\"kind\":\"trend\"}");
        Assert.False(ScoreFiles.IsJsonScores(long200k)); // past the first 64 KiB look, within the 1 MiB one
        var bom = Write("bom.jsonl", "\uFEFF{\"kind\":\"trend\"}");
        Assert.False(ScoreFiles.IsJsonScores(bom));
    }

    [Fact]
    public async Task A_folder_load_reads_the_score_files_and_lists_the_others()
    {
        File.Copy(Fixtures.ProfileAcme, Path.Combine(_folder, "scores.jsonl"));
        var others = new[] { "trend.json", "trend.csv", "chart.svg", "trend.vl.json", "sub/result.json" }.Select(n => Path.Combine(_folder, n)).ToList();
        Directory.CreateDirectory(Path.Combine(_folder, "sub"));
        File.WriteAllText(others[0], """{"kind":"trend","rows":[]}""");
        File.WriteAllText(others[1], "run,mean\n2026-01-04,50\n");
        File.WriteAllText(others[2], "<svg/>");
        File.WriteAllText(others[3], """{"$schema":"https://vega.github.io/schema/vega-lite/v5.json"}""");
        File.WriteAllText(others[4], "[{\"bucket\":\"High\"}]");

        var expected = ScoreBatch.Load(Fixtures.ProfileAcme);
        var batch = await ScoreBatch.LoadAsync(_folder);
        Assert.Equal(expected.Records.Count, batch.Records.Count);
        Assert.Equal(others.Order(StringComparer.Ordinal), batch.Diagnostics.SkippedFiles);
        Assert.Equal([Path.Combine(_folder, "scores.jsonl")], batch.Diagnostics.Sources);
        Assert.Equal(others.Order(StringComparer.Ordinal), CaiScores.Columnar.ScoreTable.LoadJson(_folder).Single().Diagnostics.Ingest.SkippedFiles);

        // Named explicitly, a file is read, whatever it holds.
        Assert.Equal(1, ScoreBatch.Load([others[0]]).Diagnostics.DocumentsWithoutScores);
    }

    [Fact]
    public void A_folder_without_score_files_names_what_it_skipped()
    {
        File.WriteAllText(Path.Combine(_folder, "trend.json"), """{"kind":"trend"}""");
        var e = Assert.Throws<ArgumentException>(() => ScoreBatch.Load(_folder));
        Assert.StartsWith($"No JSON score files were found in the given paths; skipped 1 file(s) that are not JSON scores: {Path.Combine(_folder, "trend.json")}", e.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
