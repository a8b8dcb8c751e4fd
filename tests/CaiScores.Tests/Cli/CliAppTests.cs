using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CaiScores.Cli;
using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Cli;

/// <summary>A small demo (300 persons × 4 weekly runs), made once for the tests of this class.</summary>
public sealed class CliDemoFixture : IDisposable
{
    public CliDemoFixture()
    {
        Folder = Directory.CreateTempSubdirectory("cai-cli-demo-").FullName;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Code = CliApp.RunAsync(["demo", "--out", Folder, "--persons", "300", "--runs", "4"], stdout, stderr).GetAwaiter().GetResult();
        Output = stdout.ToString();
        Errors = stderr.ToString();
    }

    public string Folder { get; }

    public int Code { get; }

    public string Output { get; }

    public string Errors { get; }

    public string Data(string name) => Path.Combine(Folder, "data", name);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

public sealed partial class CliAppTests(CliDemoFixture demo) : IClassFixture<CliDemoFixture>, IDisposable
{
    private static readonly string[] Sections =
    [
        "summary", "runs", "distribution", "histogram", "trend", "trend-by-tier", "reason-codes", "top-percent", "audience", "transitions", "transitions-first-last",
        "transitions-series", "flow",
        "venn", "intersections", "cohorts", "evaluation", "performance", "success-events",
    ];

    private readonly string _out = Directory.CreateTempSubdirectory("cai-cli-out-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    internal static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string MainPart(string html) => html[html.IndexOf("<main>", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    private static string WithoutSources(JsonNode? node)
    {
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("sources");
                foreach (var (_, child) in o)
                {
                    Strip(child);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (var child in a)
                {
                    Strip(child);
                }
            }
        }

        Strip(node);
        return node!.ToJsonString();
    }

    [GeneratedRegex("<svg.*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [Fact]
    public void Demo_writes_the_data_and_a_self_contained_report_with_every_analysis()
    {
        Assert.Equal(0, demo.Code);
        Assert.Equal(string.Empty, demo.Errors);
        foreach (var file in new[] { "scores-parquet/part-00000-cai-demo.snappy.parquet", "scores-jsonl/customer-ai-scores-ee.jsonl", "attributes.parquet", "outcomes.parquet" })
        {
            Assert.True(File.Exists(demo.Data(file)), file);
        }

        var html = File.ReadAllText(Path.Combine(demo.Folder, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("wrote " + Path.Combine(demo.Folder, "report.html"), demo.Output, StringComparison.Ordinal);
        foreach (var id in Sections)
        {
            Assert.Contains($"<section class=\"card\" id=\"{id}\">", html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#{id}\">", html, StringComparison.Ordinal);
        }

        // Every section has its tables on the page, as CSV files beside it, and its result as JSON that parses.
        var links = Regex.Matches(html, "<a href=\"(csv/[^\"]+)\">").Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.All(Sections, id => Assert.Contains(links, l => l.StartsWith($"csv/{id}/", StringComparison.Ordinal)));
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(demo.Folder, l)), l));
        Assert.True(Regex.Matches(html, "<table class=\"cai-table\"").Count >= links.Count, "a table per CSV file");
        Assert.All(Sections, id => Assert.Contains($"<a href=\"json/{id}.json\">", html, StringComparison.Ordinal));
        Assert.Equal(Sections.Order(StringComparer.Ordinal), Directory.GetFiles(Path.Combine(demo.Folder, "json")).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var json in Directory.GetFiles(Path.Combine(demo.Folder, "json")))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
        Assert.All(Regex.Matches(html, "<table .*?</table>", RegexOptions.Singleline), m => XElement.Parse(m.Value));

        // The audience section's ids are the top 20 %'s, in an AEP upload file beside the report.
        var scores = CaiScores.Parquet.CaiParquet.Load(demo.Data("scores-parquet")).Single();
        var top = CaiScores.Targeting.TopPercent.Select(scores, 20, new CaiScores.Targeting.TopPercentOptions { Method = CaiScores.Targeting.TargetingMethod.Recomputed });
        Assert.Equal(["ECID", .. top.GetPersonIds(scores)], File.ReadAllLines(Path.Combine(demo.Folder, "audiences", "top-20.ECID.csv")));
        Assert.Contains("written to audiences/top-20.ECID.csv", html, StringComparison.Ordinal);

        // Every analysis that has a chart shows it (the summary, the runs at a glance and the top 20 % are figures and tables).
        foreach (var id in Sections.Except(["summary", "runs", "top-percent"]))
        {
            var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
            Assert.Contains("<svg", html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)], StringComparison.Ordinal);
        }

        var svgs = Svg().Matches(html);
        Assert.All(svgs, m => Assert.Equal("svg", XElement.Parse(m.Value).Name.LocalName));

        // Self-contained: nothing is loaded from elsewhere (URLs in factor codes are text; links go to sections or data files).
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("url\\((?!#)", html);
        Assert.DoesNotMatch("href=\"(?!#|csv/|json/)", html);
    }

    [Fact]
    public async Task Report_on_json_lines_and_on_parquet_gives_the_same_numbers()
    {
        string[] common = ["--attributes", demo.Data("attributes.parquet"), "--outcomes", demo.Data("outcomes.parquet"), "--outcome-window", "7"];
        var (jsonCode, _, jsonErr) = await Run(["report", demo.Data("scores-jsonl"), "--out", Path.Combine(_out, "json"), .. common]);
        var (parquetCode, _, parquetErr) = await Run(["report", demo.Data("scores-parquet"), "--out", Path.Combine(_out, "parquet"), .. common]);

        Assert.True(jsonCode == 0, jsonErr);
        Assert.True(parquetCode == 0, parquetErr);
        var fromJson = File.ReadAllText(Path.Combine(_out, "json", "report.html"));
        var fromParquet = File.ReadAllText(Path.Combine(_out, "parquet", "report.html"));
        Assert.Equal(MainPart(fromParquet), MainPart(fromJson));
        foreach (var file in Directory.GetFiles(Path.Combine(_out, "json", "json")))
        {
            // The results are equal but for the names of the files they were read from.
            var expected = WithoutSources(JsonNode.Parse(File.ReadAllText(Path.Combine(_out, "parquet", "json", Path.GetFileName(file)))));
            Assert.Equal(expected, WithoutSources(JsonNode.Parse(File.ReadAllText(file))));
        }

        // The demo's own report (from the Parquet files) shows the same analyses.
        Assert.Equal(MainPart(File.ReadAllText(Path.Combine(demo.Folder, "report.html"))), MainPart(fromParquet));
    }

    [Fact]
    public async Task The_report_is_the_same_in_every_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var (code, _, err) = await Run(
                "report", demo.Data("scores-parquet"), "--out", _out, "--attributes", demo.Data("attributes.parquet"), "--outcomes", demo.Data("outcomes.parquet"), "--outcome-window", "7");
            Assert.True(code == 0, err);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(MainPart(File.ReadAllText(Path.Combine(demo.Folder, "report.html"))), MainPart(File.ReadAllText(Path.Combine(_out, "report.html"))));
        Assert.Equal(File.ReadAllText(Path.Combine(demo.Folder, "csv", "distribution", "distribution.csv")), File.ReadAllText(Path.Combine(_out, "csv", "distribution", "distribution.csv")));
    }

    [Fact]
    public async Task Report_reads_an_arrow_table_and_selects_runs_scheme_and_segment()
    {
        var table = ScoreTable.LoadJson(demo.Data("scores-jsonl")).Single();
        var arrow = Path.Combine(_out, "scores.arrow");
        ScoreTableArrow.Save(table, arrow);

        var (code, output, err) = await Run(
            "report", arrow, "--out", _out, "--attributes", demo.Data("attributes.parquet"), "--runs", "last:2", "--scheme", "25,50,75", "--segment", "tier=gold|silver", "--segment", "country=US");

        Assert.True(code == 0, err);
        Assert.Contains("wrote", output, StringComparison.Ordinal);
        var html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.Contains("<dt>Selected runs</dt><dd>2 (2026-01-18, 2026-01-25)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Segment</dt><dd>tier = gold or silver and country = US</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Bucket scheme</dt><dd>score edges 25,50,75: Less than 25 | 25 to 50 | 50 to 75 | 75 or more</dd>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"evaluation\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"trend-by-tier\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strings_from_the_data_are_escaped_in_the_page_and_defused_in_the_csv_files()
    {
        // A hostile tier: markup in the page must show as text, and a spreadsheet must not run it as a formula.
        const string Hostile = "=HYPERLINK(\"http://x\",\"<script>alert(1)</script>\")";
        var attributes = Path.Combine(_out, "hostile.csv");
        File.WriteAllLines(attributes, ["personId,tier", .. Enumerable.Range(0, 300).Select(i => $"{CaiScores.Samples.CaiSampleData.Ecid(i)},\"{Hostile.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);

        var (code, _, err) = await Run("report", demo.Data("scores-jsonl"), "--out", _out, "--attributes", attributes);

        Assert.True(code == 0, err);
        var html = File.ReadAllText(Path.Combine(_out, "report.html"));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        var csv = File.ReadAllText(Path.Combine(_out, "csv", "trend-by-tier", "trend-series.csv"));
        Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("\"=HYPERLINK", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_reads_fixtures()
    {
        var (code, output, _) = await Run("summary", Fixtures.EeGlobex, Fixtures.ProfileAcme);
        Assert.Equal(0, code);
        Assert.Contains("_globex.CustomerAI.ChurnRiskApp", output, StringComparison.Ordinal);
        Assert.Contains("read 8 score records from 2 file(s)", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("demo --persons zero")]
    [InlineData("demo extra")]
    [InlineData("summary")]
    [InlineData("summary --bogus x")]
    [InlineData("report")]
    [InlineData("report scores.parquet")]
    [InlineData("report scores.parquet --out")]
    [InlineData("report scores.parquet --out x --runs 2026-13-01..2026-02-01")]
    [InlineData("report scores.parquet --out x --runs 2026-03-01..2026-02-01")]
    [InlineData("report scores.parquet --out x --runs last:0")]
    [InlineData("report scores.parquet --out x --scheme 75,25")]
    [InlineData("report scores.parquet --out x --scheme gold")]
    [InlineData("report scores.parquet --out x --segment tier")]
    [InlineData("report scores.parquet --out x --outcome-window 0")]
    public async Task Bad_usage_exits_2_with_one_line(string commandLine)
    {
        var (code, output, err) = await Run(commandLine.Split(' '));
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("cai-scores: ", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task No_arguments_print_the_usage_on_stderr_and_exit_2()
    {
        var (code, output, err) = await Run();
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("Usage:", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help", "cai-scores report <file-or-folder>...")]
    [InlineData("demo --help", "--persons N")]
    [InlineData("report --help", "--segment ATTR=VALUE")]
    [InlineData("report x.parquet --runs nonsense --help", "--scheme SCHEME")]
    [InlineData("summary -h", "--skip-invalid")]
    public async Task Help_is_on_every_command(string commandLine, string expected)
    {
        var (code, output, err) = await Run(commandLine.Split(' '));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, err);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_exits_1_naming_it()
    {
        var (code, _, err) = await Run("report", "/no/such/scores.parquet", "--out", _out);
        Assert.Equal(1, code);
        Assert.Equal("cai-scores: /no/such/scores.parquet: no such file", err.TrimEnd());
    }

    [Fact]
    public async Task An_unreadable_file_exits_1_naming_it_without_a_stack_trace_unless_verbose()
    {
        var file = Path.Combine(_out, "broken.parquet");
        File.WriteAllText(file, "this is not parquet");

        var (code, _, err) = await Run("report", file, "--out", _out);
        Assert.Equal(1, code);
        Assert.StartsWith($"cai-scores: {file}: ", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

        var (verboseCode, _, verbose) = await Run("report", file, "--out", _out, "--verbose");
        Assert.Equal(1, verboseCode);
        Assert.Contains("   at ", verbose, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_attributes_file_exits_1_naming_it()
    {
        var file = Path.Combine(_out, "attributes.csv");
        File.WriteAllText(file, "name,tier\nx,gold\n");
        var (code, _, err) = await Run("report", demo.Data("scores-parquet"), "--attributes", file, "--out", _out);
        Assert.Equal(1, code);
        Assert.StartsWith($"cai-scores: {file}", err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("--runs", "2025-01-01..2025-02-01", "--runs 2025-01-01..2025-02-01 selects no run (the runs are 2026-01-04 to 2026-01-25)")]
    [InlineData("--segment", "tier=gold", "--segment names the attribute 'tier', but no attributes were given (--attributes)")]
    public async Task A_selection_the_data_cannot_satisfy_exits_1(string option, string value, string message)
    {
        var (code, _, err) = await Run("report", demo.Data("scores-parquet"), "--out", _out, option, value);
        Assert.Equal(1, code);
        Assert.Equal("cai-scores: " + message, err.TrimEnd());
    }

    [Theory]
    [InlineData("tier=Gold", "--segment: no person has tier = 'Gold'; did you mean 'gold'? values: bronze, gold, silver")]
    [InlineData("tier=platinum|Silver", "--segment: no person has tier = 'platinum' or 'Silver'; did you mean 'silver'? values: bronze, gold, silver")]
    [InlineData("Tier=gold", "--segment names the attribute 'Tier', but the attributes are country, tier; did you mean 'tier'?")]
    [InlineData("segment=gold", "--segment names the attribute 'segment', but the attributes are country, tier")]
    public async Task A_segment_that_matches_nobody_exits_1_listing_what_the_data_hold(string segment, string message)
    {
        var (code, output, err) = await Run("report", demo.Data("scores-parquet"), "--out", _out, "--attributes", demo.Data("attributes.parquet"), "--segment", segment);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("cai-scores: " + message, err.TrimEnd());
        Assert.False(File.Exists(Path.Combine(_out, "report.html")));
    }

    [Fact]
    public async Task Segments_that_each_match_someone_but_together_nobody_exit_1()
    {
        // Every gold person is in DE: tier=gold and country=US are each someone, together no one.
        var attributes = Path.Combine(_out, "attributes.csv");
        File.WriteAllLines(attributes, ["personId,tier,country", .. Enumerable.Range(0, 300).Select(i => $"{CaiScores.Samples.CaiSampleData.Ecid(i)},{(i % 2 == 0 ? "gold,DE" : "silver,US")}")]);

        var (code, _, err) = await Run("report", demo.Data("scores-parquet"), "--out", _out, "--attributes", attributes, "--segment", "tier=gold", "--segment", "country=US");

        Assert.Equal(1, code);
        Assert.Equal("cai-scores: --segment: no person has tier = 'gold' and country = 'US' and is scored in the selected runs (each option alone matches someone)", err.TrimEnd());
        Assert.False(File.Exists(Path.Combine(_out, "report.html")));
    }

    [Fact]
    public async Task A_reversed_runs_range_says_so()
    {
        var (code, output, err) = await Run("report", demo.Data("scores-parquet"), "--out", _out, "--runs", "2026-02-01..2026-01-04");
        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("cai-scores: --runs: from 2026-02-01 is after to 2026-01-04", err.TrimEnd());
    }

    [Fact]
    public async Task An_out_that_is_a_file_exits_1_naming_out_before_reading_any_input()
    {
        var file = Path.Combine(_out, "report.txt");
        File.WriteAllText(file, "mine");
        var broken = Path.Combine(_out, "broken.parquet");
        File.WriteAllText(broken, "this is not parquet");

        // The input is broken too: the --out error comes first, so nothing was read or computed.
        var (code, output, err) = await Run("report", broken, "--out", file);
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"cai-scores: --out {file}: is a file, not a folder (give a folder to write the report in)", err.TrimEnd());
        Assert.Equal("mine", File.ReadAllText(file));

        var (demoCode, demoOutput, demoErr) = await Run("demo", "--out", file, "--persons", "10", "--runs", "1");
        Assert.Equal(1, demoCode);
        Assert.Equal(string.Empty, demoOutput);
        Assert.StartsWith($"cai-scores: --out {file}: is a file", demoErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_out_folder_holding_a_file_named_json_exits_1_before_reading_any_input()
    {
        File.WriteAllText(Path.Combine(_out, "json"), "mine");
        var (code, _, err) = await Run("report", "/no/such/scores.parquet", "--out", _out);
        Assert.Equal(1, code);
        Assert.Equal($"cai-scores: --out {_out}: json is a file there, but the report writes its JSON files in a folder of that name", err.TrimEnd());
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_out, "json")));
    }

    [Fact]
    public async Task A_rerun_replaces_the_reports_json_and_csv_folders_and_keeps_the_users_files()
    {
        // What an earlier report with --outcomes left, and files of the user's own.
        Directory.CreateDirectory(Path.Combine(_out, "json"));
        Directory.CreateDirectory(Path.Combine(_out, "csv", "evaluation"));
        File.WriteAllText(Path.Combine(_out, "json", "evaluation.json"), "{}");
        File.WriteAllText(Path.Combine(_out, "csv", "evaluation", "lift.csv"), "stale");
        File.WriteAllText(Path.Combine(_out, "report.html"), "stale");
        File.WriteAllText(Path.Combine(_out, "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(_out, "data"));
        File.WriteAllText(Path.Combine(_out, "data", "keep.csv"), "mine");

        var (code, _, err) = await Run("report", demo.Data("scores-parquet"), "--out", _out);

        Assert.True(code == 0, err);
        Assert.False(File.Exists(Path.Combine(_out, "json", "evaluation.json")));
        Assert.False(Directory.Exists(Path.Combine(_out, "csv", "evaluation")));
        Assert.True(File.Exists(Path.Combine(_out, "json", "distribution.json")));
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_out, "notes.txt")));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(_out, "data", "keep.csv")));
        Assert.Empty(Directory.GetFiles(_out, ".cai-scores-*"));
    }

    [Fact]
    public async Task Bad_json_input_exits_1_naming_file_and_line_without_a_stack_trace()
    {
        var file = Path.Combine(_out, "bad.jsonl");
        File.WriteAllText(file, Fixtures.Line("\"score\":\"high\""));
        var (code, _, err) = await Run("summary", file);
        Assert.Equal(1, code);
        Assert.StartsWith($"cai-scores: {file}:1: $._acme.CustomerAI.Inst.score:", err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);

        var (reportCode, _, reportErr) = await Run("report", file, "--out", _out);
        Assert.Equal(1, reportCode);
        Assert.StartsWith($"cai-scores: {file}:1: ", reportErr, StringComparison.Ordinal);
    }
}
