using System.Text.RegularExpressions;
using CaiScores.Cli;
using CaiScores.Samples;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Cli;

/// <summary>The reading options of the command line: person file columns, invalid records, out-of-range values, identities.</summary>
public sealed class CliInputTests(CliDemoFixture demo) : IClassFixture<CliDemoFixture>, IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("cai-cli-input-out-").FullName;
    private readonly string _in = Directory.CreateTempSubdirectory("cai-cli-input-").FullName;

    public void Dispose()
    {
        Directory.Delete(_out, recursive: true);
        Directory.Delete(_in, recursive: true);
    }

    [Fact]
    public async Task Attribute_files_with_another_id_column_are_detected_or_named_and_columns_can_be_picked()
    {
        var detected = WriteLines("attrs.csv", ["person_id,tier,email", .. Persons(i => $"{CaiSampleData.Ecid(i)},{(i % 2 == 0 ? "gold" : "silver")},x{i}@example.com")]);
        var (code, _, err) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--attributes", detected, "--attribute-columns", "tier", "--segment", "tier=gold");
        Assert.True(code == 0, err);
        Assert.Contains("id=\"trend-by-tier\"", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);

        var (emailCode, _, emailErr) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--attributes", detected, "--attribute-columns", "tier", "--segment", "email=x0@example.com");
        Assert.Equal(1, emailCode);
        Assert.Contains("--segment names the attribute 'email', but the attributes are tier", emailErr, StringComparison.Ordinal);

        var unknown = WriteLines("key.csv", ["key,tier", .. Persons(i => $"{CaiSampleData.Ecid(i)},gold")]);
        var (keyCode, _, keyErr) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--attributes", unknown);
        Assert.Equal(1, keyCode);
        Assert.Equal($"cai-scores: {unknown}:1: cannot tell which column is the person id (found: key, tier); name it with --attribute-id-column", keyErr.TrimEnd());

        var (namedCode, _, namedErr) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--attributes", unknown, "--attribute-id-column", "key");
        Assert.True(namedCode == 0, namedErr);
    }

    [Fact]
    public async Task Outcome_files_with_other_column_names_are_detected_or_named()
    {
        var events = WriteLines("events.csv", ["ECID,event_time,revenue", .. Persons(i => $"{CaiSampleData.Ecid(i)},2026-01-06T10:00:00Z,{i}")]);
        var (code, _, err) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--outcomes", events);
        Assert.True(code == 0, err);
        Assert.Contains("id=\"success-events\"", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);

        var odd = WriteLines("odd.csv", ["ECID,at", .. Persons(i => $"{CaiSampleData.Ecid(i)},2026-01-06")]);
        var (oddCode, _, oddErr) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--outcomes", odd);
        Assert.Equal(1, oddCode);
        Assert.Equal($"cai-scores: {odd}:1: cannot tell which column is the timestamp (found: ECID, at); name it with --outcome-timestamp-column", oddErr.TrimEnd());
        var (namedCode, _, namedErr) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--outcomes", odd, "--outcome-timestamp-column", "at");
        Assert.True(namedCode == 0, namedErr);
    }

    [Fact]
    public async Task An_out_of_range_score_is_kept_with_a_warning_and_never_printed_with_hundreds_of_digits()
    {
        var scores = WriteLines("scores.jsonl", [Record("a", "1e308"), Record("b", "40"), Record("c", "-5")]);

        var (code, output, err) = await Run("summary", scores);
        Assert.Equal(0, code);
        Assert.Equal(
            "cai-scores: warning: 2 value(s) out of range (score outside 0–100, probability outside 0–1, percentile outside 1–100, or NaN/∞), the worst score 1E+308; they are kept and distort means — use --out-of-range clamp or --out-of-range exclude",
            err.TrimEnd());
        Assert.Contains(" 3.333E+307 ", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), line => Assert.True(line.Length < 200, line));

        var (reportCode, _, reportErr) = await Run("report", scores, "--out", _out);
        Assert.True(reportCode == 0, reportErr);
        Assert.Contains("warning: 2 value(s) out of range", reportErr, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9,]{40}", File.ReadAllText(Path.Combine(_out, "report.html")));
        Assert.Contains(">1E+308<", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);
        Assert.Contains("2 value(s) out of range (score outside 0–100, probability outside 0–1, percentile outside 1–100) are kept as read and count in every mean", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);

        var (clampCode, clamped, clampErr) = await Run("summary", scores, "--out-of-range", "clamp");
        Assert.Equal(0, clampCode);
        Assert.Contains("were clamped to the range (--out-of-range clamp)", clampErr, StringComparison.Ordinal);
        Assert.Contains(" 46.67 ", clamped, StringComparison.Ordinal); // (100 + 40 + 0) / 3

        var (excludeCode, excluded, excludeErr) = await Run("summary", scores, "--out-of-range", "exclude");
        Assert.Equal(0, excludeCode);
        Assert.Contains("2 record(s) excluded (--out-of-range exclude)", excludeErr, StringComparison.Ordinal);
        Assert.Contains(" 40.00 ", excluded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Skip_invalid_reads_past_bad_records_and_names_the_first_ones()
    {
        var scores = WriteLines("bad.jsonl", [Record("a", "50"), "{\"_id\":", Record("b", "\"high\""), Record("c", "60")]);
        var (code, _, err) = await Run("summary", scores);
        Assert.Equal(1, code);
        Assert.StartsWith($"cai-scores: {scores}:2: ", err, StringComparison.Ordinal);

        var (skipCode, output, skipErr) = await Run("summary", scores, "--skip-invalid");
        Assert.Equal(0, skipCode);
        Assert.Contains("kept 2", output, StringComparison.Ordinal);
        var line = Assert.Single(skipErr.TrimEnd().Split('\n'));
        Assert.StartsWith($"cai-scores: --skip-invalid skipped 2 invalid record(s); {scores}:2: ", line, StringComparison.Ordinal);
        Assert.Contains($"; {scores}:3: ", line, StringComparison.Ordinal);

        var (reportCode, _, reportErr) = await Run("report", scores, "--out", _out, "--skip-invalid");
        Assert.True(reportCode == 0, reportErr);
        Assert.Contains("--skip-invalid skipped 2 invalid record(s)", reportErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_identity_namespace_and_duplicate_policy_reach_the_reader()
    {
        var scores = WriteLines("ids.jsonl", [Record("a", "10"), Record("a", "30"), Record("b", "50", "CRMID")]);
        var (code, output, _) = await Run("summary", scores, "--identity-namespace", "CRMID");
        Assert.Equal(0, code);
        Assert.Contains("no identity 2", output, StringComparison.Ordinal);
        var (oldCode, oldOutput, _) = await Run("summary", scores, "--namespace", "CRMID");
        Assert.Equal((0, output), (oldCode, oldOutput));

        var (lastCode, last, _) = await Run("summary", scores);
        var (firstCode, first, _) = await Run("summary", scores, "--duplicates", "first-wins");
        var (allCode, all, _) = await Run("summary", scores, "--duplicates", "keep-all");
        Assert.Equal((0, 0, 0), (lastCode, firstCode, allCode));
        Assert.Contains(" 40.00 ", last, StringComparison.Ordinal); // (30 + 50) / 2
        Assert.Contains(" 30.00 ", first, StringComparison.Ordinal); // (10 + 50) / 2
        Assert.Contains(" 30.00 ", all, StringComparison.Ordinal); // (10 + 30 + 50) / 3
        Assert.Contains("kept 3", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_with_snippet_output_beside_the_scores_reads_the_scores_and_says_what_it_skipped()
    {
        var folder = Path.Combine(_in, "export");
        Directory.CreateDirectory(folder);
        var scores = Path.Combine(folder, "customer-ai-scores-ee.jsonl");
        File.Copy(Directory.GetFiles(demo.Data("scores-jsonl")).Single(), scores);
        var table = CaiScores.Columnar.ScoreTable.LoadJson(scores).Single();
        CaiScores.Columnar.Ipc.ScoreTableArrow.Save(table, Path.Combine(folder, "scores.arrow"));
        var trend = CaiScores.Trends.ScoreTrend.Compute(table, new CaiScores.Trends.TrendOptions());
        using (var stream = File.Create(Path.Combine(folder, "trend.arrows")))
        {
            CaiScores.Output.CaiArrow.WriteStream(CaiScores.Output.ResultTables.Of(trend)[0], stream);
        }

        File.Copy(Path.Combine(demo.Folder, "json", "trend.json"), Path.Combine(folder, "trend.json"));
        File.WriteAllText(Path.Combine(folder, "trend.csv"), "run,mean\n");
        File.WriteAllText(Path.Combine(folder, "trend.svg"), "<svg/>");
        File.WriteAllText(Path.Combine(folder, "trend.vl.json"), """{"$schema":"https://vega.github.io/schema/vega-lite/v5.json"}""");
        var skipped = string.Join(", ", new[] { "trend.arrows", "trend.csv", "trend.json", "trend.svg", "trend.vl.json" }.Select(n => Path.Combine(folder, n)));

        var (code, output, err) = await Run("report", folder, "--out", _out);
        Assert.True(code == 0, err);
        Assert.Contains("wrote ", output, StringComparison.Ordinal);
        Assert.Equal(
            [
                $"cai-scores: skipped 5 file(s) that are not scores: {skipped}",
                $"cai-scores: skipped 1 Arrow score table(s) beside the Parquet or JSON score files (name one alone to read it): {Path.Combine(folder, "scores.arrow")}",
            ],
            err.TrimEnd().Split(Environment.NewLine));

        var input = CaiScores.Cli.Report.ReportInput.Load([folder], null, null, null, Progress.None);
        Assert.Equal(6, input.SkippedFiles.Count);
        Assert.Equal([scores], input.ScoreFiles);

        // summary reads the JSON files of the folder and names the others.
        var (summaryCode, _, summaryErr) = await Run("summary", folder);
        Assert.Equal(0, summaryCode);
        Assert.StartsWith($"cai-scores: skipped 6 file(s) that are not scores: {Path.Combine(folder, "scores.arrow")}, {Path.Combine(folder, "trend.arrows")}", summaryErr, StringComparison.Ordinal);

        // Named on its own, the saved table is read; named beside other scores, it is an error naming it.
        var (arrowCode, _, arrowErr) = await Run("report", Path.Combine(folder, "scores.arrow"), "--out", _out);
        Assert.True(arrowCode == 0, arrowErr);
        var (mixedCode, _, mixedErr) = await Run("report", Path.Combine(folder, "scores.arrow"), scores, "--out", _out);
        Assert.Equal(2, mixedCode);
        Assert.Equal($"cai-scores: {Path.Combine(folder, "scores.arrow")}: an Arrow IPC score table is read on its own; give it without other score files", mixedErr.TrimEnd());
    }

    [Theory]
    [InlineData("trend.json", """{"kind":"trend"}""", "not a Customer AI score file (its first record has no identityMap and no _<tenant>.CustomerAI object)")]
    [InlineData("notes.txt", "hello", "cannot tell the format from the extension (use .parquet, .jsonl, .json, .ndjson or .arrow)")]
    [InlineData("empty.parquet", "", "not a Parquet file (it is empty)")]
    public async Task A_file_named_explicitly_that_is_not_scores_is_an_error_naming_it(string name, string text, string message)
    {
        var path = Path.Combine(_in, name);
        File.WriteAllText(path, text);
        var (code, _, err) = await Run("report", path, "--out", _out);
        Assert.Equal(1, code);
        Assert.Equal($"cai-scores: {path}: {message}", err.TrimEnd());
    }

    [Fact]
    public async Task Inputs_that_yield_no_score_say_which_files_and_why()
    {
        var scores = WriteLines("nobody.jsonl", [Record("a", "50", "CRMID")]);
        var (code, _, err) = await Run("report", scores, "--out", _out, "--identity-namespace", "ECID");
        Assert.Equal(1, code);
        Assert.Equal($"cai-scores: the inputs ({scores}) hold no score record: 1 score record(s) read from 1 document(s) (0 without a CustomerAI object); dropped: no identity 1, no run 0, filtered 0, out of range 0, invalid 0", err.TrimEnd());
    }

    [Fact]
    public async Task A_folder_without_scores_lists_what_it_skipped()
    {
        var folder = Path.Combine(_in, "results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.csv"), "x\n");
        var (code, _, err) = await Run("report", folder, "--out", _out);
        Assert.Equal(1, code);
        Assert.Equal($"cai-scores: {folder}: the folder holds no score file (.parquet, .jsonl, .json, .ndjson or .arrow with Customer AI scores); skipped 1 file(s) that are not scores: {Path.Combine(folder, "a.csv")}", err.TrimEnd());
    }

    [Theory]
    [InlineData("summary x.jsonl --out-of-range maybe", "cai-scores: --out-of-range must be keep, clamp, exclude; got 'maybe'")]
    [InlineData("summary x.jsonl --duplicates newest", "cai-scores: --duplicates must be last-wins, first-wins, keep-all; got 'newest'")]
    [InlineData("report x.jsonl --out o --attribute-columns tier,,region", "cai-scores: --attribute-columns must be names separated by commas, got 'tier,,region'")]
    [InlineData("report x.jsonl --out o --outcome-id-column when --outcome-timestamp-column WHEN", "cai-scores: --outcome-id-column and --outcome-timestamp-column name one column, 'when'.")]
    [InlineData("report x.jsonl --out o --attribute-id-column key --attribute-columns tier,KEY", "cai-scores: --attribute-columns names 'key', the --attribute-id-column.")]
    public async Task Bad_reading_options_exit_2_with_one_line(string commandLine, string message)
    {
        var (code, _, err) = await Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal(message, err.TrimEnd());
    }

    [Fact]
    public void Numbers_are_scientific_past_1e15_and_plain_below()
    {
        Assert.Equal("1E+308", NumberText.Format(1e308));
        Assert.Equal("-1.235E+15", NumberText.Format(-1.2345e15));
        Assert.Equal("999,999,999,999,999", NumberText.Format(999_999_999_999_999));
        Assert.Equal("42.5", NumberText.Format(42.5));
        Assert.Equal("1.5E-5", NumberText.Format(0.000015));
        Assert.Equal("0", NumberText.Format(0));
        Assert.Equal(("NaN", "∞", "-∞"), (NumberText.Format(double.NaN), NumberText.Format(double.PositiveInfinity), NumberText.Format(double.NegativeInfinity)));
        Assert.Equal("0.00", NumberText.Format(0.000015, "F2"));
        Assert.Equal("3.333E+307", NumberText.Format(1e308 / 3, "F2"));
    }

    private static IEnumerable<string> Persons(Func<int, string> line) => Enumerable.Range(0, 300).Select(line);

    private static string Record(string id, string score, string ns = "ECID", string run = "2026-01-04") =>
        Fixtures.Line($"\"score\":{score},\"scoreDate\":\"{run}\"", $$"""{"{{ns}}":[{"id":"{{id}}","primary":true}]}""");

    [Fact]
    public async Task The_report_warns_of_a_run_with_a_tenth_fewer_records_than_the_one_before()
    {
        // 10 records, then 9 (10 % fewer: flagged), then 9 again (not flagged).
        var lines = Enumerable.Range(0, 10).Select(i => Record($"p{i}", "50", run: "2026-01-04"))
            .Concat(Enumerable.Range(0, 9).Select(i => Record($"p{i}", "60", run: "2026-01-11")))
            .Concat(Enumerable.Range(0, 9).Select(i => Record($"p{i}", "70", run: "2026-01-18")));
        var scores = WriteLines("runs.jsonl", lines);

        var (code, _, err) = await Run("report", scores, "--out", _out);

        Assert.True(code == 0, err);
        var html = File.ReadAllText(Path.Combine(_out, "report.html"));
        var warnings = Regex.Matches(html, "<dd class=\"warn\">(.*?)</dd>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["the run of 2026-01-11 has 10 % fewer records (9) than the run before it: a partial export or a failed scoring run?"], warnings);
    }

    private string WriteLines(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_in, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CliAppTests.Run(args);
}
