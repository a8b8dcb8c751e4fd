using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CaiScores.Cli;
using CaiScores.Cli.Report;

namespace CaiScores.Tests.Cli;

/// <summary>
/// The report page as a CJA analyst reads it: key figures first, each section led by a finding and its chart, tables under
/// human column names with one name per bucket, long tables folded, the top 20 % by the method the page names, and
/// wording that matches what was computed.
/// </summary>
public sealed partial class ReportPageTests(CliDemoFixture demo) : IClassFixture<CliDemoFixture>, IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("cai-report-page-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private string Html => File.ReadAllText(Path.Combine(demo.Folder, "report.html"));

    [Fact]
    public void The_page_opens_with_key_figures_and_each_section_with_its_finding_then_its_chart()
    {
        Assert.Equal(0, demo.Code);
        var html = Html;
        var strip = html[html.IndexOf("<ul class=\"kpis\"", StringComparison.Ordinal)..html.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Contains("<span class=\"label\">Persons</span><span class=\"value\">300</span>", strip, StringComparison.Ordinal);
        Assert.Contains("<span class=\"label\">Runs</span><span class=\"value\">4</span>", strip, StringComparison.Ordinal);
        foreach (var bucket in new[] { "High", "Medium", "Low", "Mean score", "Top 20 %", "AUC" })
        {
            Assert.Contains($"<span class=\"label\">{WebUtility.HtmlEncode(bucket)}</span>", strip, StringComparison.Ordinal);
        }

        // The strip's High share is the summary's.
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Folder, "json", "summary.json"))).RootElement;
        var high = summary.GetProperty("buckets").EnumerateArray().Single(b => b.GetProperty("bucket").GetProperty("alias").GetString() == "High");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"<span class=\"label\">High</span><span class=\"value\">{high.GetProperty("share").GetDouble():P1}</span>"), strip, StringComparison.Ordinal);

        foreach (Match section in Section().Matches(html[html.IndexOf("<main>", StringComparison.Ordinal)..]))
        {
            var body = section.Groups["body"].Value;
            var finding = Regex.Match(body, "<p class=\"finding\">([^<]+)</p>");
            Assert.True(finding.Success, $"section {section.Groups["id"].Value} has no finding");
            var svg = body.IndexOf("<svg", StringComparison.Ordinal);
            Assert.True(svg < 0 || finding.Index < svg, $"section {section.Groups["id"].Value}: the finding comes after the chart");
        }
    }

    [Fact]
    public void Tables_have_human_column_names_one_name_per_bucket_and_long_tables_are_folded_with_their_csv()
    {
        var html = Html;
        var heads = Regex.Matches(html, "<th scope=\"col\"[^>]*>([^<]*)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.NotEmpty(heads);
        Assert.All(heads, h => Assert.DoesNotMatch("^[a-z]+[A-Z]", h));
        Assert.DoesNotContain("bucketIndex", heads);
        Assert.Contains("Score range", heads);
        Assert.Contains("No value", heads);

        // The flow's tables call the buckets Low / Medium / High, as its Sankey does; a range shows only as a Score range.
        var flow = Section().Matches(html).Single(m => m.Groups["id"].Value == "flow").Groups["body"].Value;
        Assert.DoesNotContain(">25 to 75<", flow, StringComparison.Ordinal);
        Assert.Contains("<td>Medium</td>", flow, StringComparison.Ordinal);

        // The factor values (more than 100 rows) are folded, with the CSV file that has every row.
        var values = Regex.Match(html, "<details>\\s*<summary>Influential factors by bucket, [0-9-]+: factor values: [0-9,]+ rows[^<]*</summary>(?<inner>.*?)</details>", RegexOptions.Singleline);
        Assert.True(values.Success, "the factor values are not folded");
        Assert.Contains("csv/reason-codes/reason-code-values.csv", values.Groups["inner"].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Wording_matches_what_was_computed()
    {
        var html = WebUtility.HtmlDecode(Html);
        Assert.DoesNotMatch(@"\b1 (runs|periods|sets|pairs|rows|attributes)\b", html);
        Assert.DoesNotContain("run(s)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("first scored", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Distribution5", html, StringComparison.Ordinal);
        Assert.Contains("Attribute values</dt><dd>600 read (one per person and attribute; 2 attributes)", html, StringComparison.Ordinal);
        Assert.Contains("People per value of the attribute 'tier'", html, StringComparison.Ordinal);
        Assert.Contains("middle (2026-01-11, run 2 of 4)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_top_20_percent_is_the_exact_quantile_by_default_and_the_supplied_percentile_on_request()
    {
        // Reference: the last run's scores and percentiles, read straight from the JSON Lines.
        var rows = File.ReadLines(Path.Combine(demo.Data("scores-jsonl"), "customer-ai-scores-ee.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("_acme").GetProperty("CustomerAI").GetProperty("PurchasePropensityWebsite"))
            .Select(r => (Date: r.GetProperty("scoreDate").GetString()!, Score: r.GetProperty("score").GetDouble(), Percentile: r.GetProperty("percentileScore").GetInt32()))
            .ToList();
        var last = rows.Max(r => r.Date)!;
        var scores = rows.Where(r => r.Date == last).Select(r => r.Score).OrderDescending().ToList();
        var k = (int)Math.Ceiling(0.2 * scores.Count);
        var exact = scores.Count(s => s >= scores[k - 1]);
        var percentile = rows.Count(r => r.Date == last && r.Percentile > 80);

        var top = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Folder, "json", "top-percent.json"))).RootElement;
        Assert.Equal(exact, top.GetProperty("count").GetInt64());
        Assert.Contains("--top-method exact", Html, StringComparison.Ordinal);

        var (code, _, err) = Run("report", demo.Data("scores-jsonl"), "--out", _out, "--top-method", "percentile");
        Assert.True(code == 0, err);
        var byPercentile = JsonDocument.Parse(File.ReadAllText(Path.Combine(_out, "json", "top-percent.json"))).RootElement;
        Assert.Equal(percentile, byPercentile.GetProperty("count").GetInt64());
        Assert.Contains("percentileScore &gt; 80", File.ReadAllText(Path.Combine(_out, "report.html")), StringComparison.Ordinal);

        var (bad, _, message) = Run("report", demo.Data("scores-jsonl"), "--out", _out, "--top-method", "median");
        Assert.Equal(2, bad);
        Assert.Contains("--top-method must be exact or percentile, got 'median'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transitions_show_the_last_pair_first_to_last_and_every_consecutive_pair()
    {
        var html = Html;
        Assert.Contains("id=\"transitions-first-last\"", html, StringComparison.Ordinal);
        var series = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Folder, "json", "transitions-series.json"))).RootElement.GetProperty("matrices");
        Assert.Equal(3, series.GetArrayLength());
        var csv = File.ReadAllLines(Path.Combine(demo.Folder, "csv", "transitions-series", "transition-pairs.csv"));
        Assert.Equal("fromRun,toRun,movedUp,movedDown,stayed,entries,exits", csv[0]);
        Assert.Equal(4, csv.Length);

        // Each pair's counts are its matrix's.
        var last = JsonDocument.Parse(File.ReadAllText(Path.Combine(demo.Folder, "json", "transitions.json"))).RootElement;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"2026-01-18,2026-01-25,{last.GetProperty("movedUp").GetInt64()},{last.GetProperty("movedDown").GetInt64()},{last.GetProperty("stayed").GetInt64()},{last.GetProperty("entries").GetInt64()},{last.GetProperty("exits").GetInt64()}"), csv[3]);
    }

    [Theory]
    [InlineData("bucketIndex", "Bucket index")]
    [InlineData("isNoValue", "No value")]
    [InlineData("isOverflow", "Overflow bucket (N+)")]
    [InlineData("shareOfPeriod", "Share of run")]
    [InlineData("meanProbability", "Mean probability")]
    [InlineData("count", "Count")]
    public void A_column_name_reads_as_words(string name, string header) => Assert.Equal(header, ReportTableView.Header(name));

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.RunAsync(args, stdout, stderr).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    [GeneratedRegex("<section class=\"card\" id=\"(?<id>[a-z-]+)\">(?<body>.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex Section();
}
