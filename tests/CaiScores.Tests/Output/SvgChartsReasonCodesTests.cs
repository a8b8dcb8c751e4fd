using System.Globalization;
using System.Xml.Linq;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.ReasonCodes;
using CaiScores.Segments;
using CaiScores.Tests.Snapshots;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Output;

/// <summary><see cref="SvgCharts.ReasonCodes"/>: the freeform table "score bucket × influential factor code".</summary>
public sealed class SvgChartsReasonCodesTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Reason_code_table()
    {
        var table = SampleResults.ReasonCodes();
        var svg = SvgCharts.ReasonCodes(table);
        Snapshot.Verify(svg, "svg");

        // The grand total, then each bucket in the scheme's order followed by its factors, most people first.
        var rows = Rows(svg);
        Assert.Equal("Grand total", Label(rows[0]));
        var expected = new List<string> { "total" };
        foreach (var bucket in table.Rows)
        {
            expected.Add("group");
            expected.AddRange(bucket.Factors.Select(_ => "item"));
            if (bucket.OtherCodes > 0 || bucket.TableTotal == 0)
            {
                expected.Add("note");
            }
        }

        Assert.Equal(expected, rows.Select(r => (string)r.Attribute("class")!));
        var groups = rows.Where(r => (string)r.Attribute("class")! == "group").ToList();
        Assert.Equal(["Low (Less than 25)", "Medium (25 to 75)", "High (75 or more)"], groups.Select(Label));
        Assert.Equal(["#D55E00", "#E6C229", "#009E73"], groups.Select(g => (string)g.Elements(Svg + "rect").ElementAt(1).Attribute("fill")!));

        // Every factor's full code and people are in its row's tooltip, in the table's order.
        var items = rows.Where(r => (string)r.Attribute("class")! == "item").ToList();
        var factors = table.Rows.SelectMany(b => b.Factors.Select(f => (Bucket: b, Factor: f))).ToList();
        Assert.Equal(factors.Count, items.Count);
        for (var i = 0; i < factors.Count; i++)
        {
            Assert.StartsWith($"{factors[i].Bucket.Bucket.Alias} ({factors[i].Bucket.Bucket.Label}) · {factors[i].Factor.Label}: {factors[i].Factor.People:N0} people", items[i].Element(Svg + "title")!.Value, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Bar_lengths_are_proportional_to_the_shares()
    {
        var table = SampleResults.ReasonCodes();
        var rows = Rows(SvgCharts.ReasonCodes(table));
        var shares = new List<double>();
        foreach (var bucket in table.Rows)
        {
            shares.Add(bucket.ShareOfGrandTotal);
            shares.AddRange(bucket.Factors.Select(f => f.ShareOfTableTotal));
        }

        // Each bar row has a track (the whole column) and the bar; bar / track is the share, within rounding to 0.01 px.
        var bars = rows.Where(r => (string)r.Attribute("class")! is "group" or "item").Select(r =>
        {
            var rects = r.Elements(Svg + "rect").Select(e => Number(e, "width")).ToList();
            return (Track: rects[^2], Bar: rects[^1]);
        }).ToList();
        Assert.Equal(shares.Count, bars.Count);
        for (var i = 0; i < shares.Count; i++)
        {
            Assert.Equal(shares[i], bars[i].Bar / bars[i].Track, 3);
        }

        Assert.Contains(shares, s => s > 0.2);
    }

    [Fact]
    public void Churn_flips_the_cai_colours()
    {
        var svg = SvgCharts.ReasonCodes(SampleResults.ReasonCodes(), new ChartOptions { Propensity = PropensityKind.Churn });
        var groups = Rows(svg).Where(r => (string)r.Attribute("class")! == "group");
        Assert.Equal(["#009E73", "#E6C229", "#D55E00"], groups.Select(g => (string)g.Elements(Svg + "rect").ElementAt(1).Attribute("fill")!));
    }

    [Fact]
    public void Buckets_without_cai_names_take_one_colour()
    {
        var table = ReasonCodeTable.Compute(SampleResults.Table, new ReasonCodeOptions { Scheme = CaiScores.Bucketing.BucketScheme.Distribution5, TopN = 2 });
        var groups = Rows(SvgCharts.ReasonCodes(table)).Where(r => (string)r.Attribute("class")! == "group").ToList();
        Assert.Equal(table.Rows.Select(r => r.Bucket.Label), groups.Select(Label));
        Assert.All(groups, g => Assert.Equal("#0072B2", (string)g.Elements(Svg + "rect").ElementAt(1).Attribute("fill")!));
    }

    [Fact]
    public void A_hostile_factor_code_shows_as_text()
    {
        const string Hostile = "<script>alert(1)</script>";
        var svg = SvgCharts.ReasonCodes(ReasonCodeTable.Compute(TableWithCodes(Hostile, "Counts of webVisit in last 30 days")));
        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", svg, StringComparison.Ordinal);
        var texts = XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains(Hostile, texts);
    }

    [Fact]
    public void A_long_code_is_cut_and_shown_in_full_in_the_tooltip()
    {
        var code = "Days since last webVisit WebPage https://www.example.com/checkout/" + new string('x', 80);
        var svg = SvgCharts.ReasonCodes(ReasonCodeTable.Compute(TableWithCodes(code, "short")));
        var row = Rows(svg).First(r => r.Element(Svg + "title")!.Value.Contains(code, StringComparison.Ordinal));
        var shown = Label(row);
        Assert.EndsWith("…", shown, StringComparison.Ordinal);
        Assert.StartsWith(shown[..^1], code, StringComparison.Ordinal);
        Assert.True(shown.Length < 70, shown);
        Assert.Contains(Rows(svg), r => Label(r) == "short");
    }

    [Fact]
    public void An_empty_table_says_so()
    {
        var sample = SampleResults.Table;
        var empty = ReasonCodeTable.Compute(sample, new ReasonCodeOptions { Range = new DateRange(new DateOnly(1990, 1, 1), new DateOnly(1990, 2, 1)) });
        var svg = SvgCharts.ReasonCodes(empty);
        Snapshot.Verify(svg, "svg");
        Assert.DoesNotContain("NaN", svg, StringComparison.Ordinal);
        var notes = Rows(svg).Where(r => (string)r.Attribute("class")! == "note").Select(Label).ToList();
        Assert.Equal(["No people in this bucket", "No people in this bucket", "No people in this bucket"], notes);
        Assert.Contains("1990-01-01 to 1990-01-31", XDocument.Parse(svg).Root!.Element(Svg + "title")!.Value, StringComparison.Ordinal);
        Assert.Contains("No scoring run in the window: nothing was counted.", XDocument.Parse(svg).Descendants(Svg + "text").Select(t => t.Value));
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var table = SampleResults.ReasonCodes();
        var invariant = SvgCharts.ReasonCodes(table);
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, SvgCharts.ReasonCodes(table));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => SvgCharts.ReasonCodes(null!));
        var e = Assert.Throws<ArgumentException>(() => SvgCharts.ReasonCodes(SampleResults.ReasonCodes(), new ChartOptions { Width = 10 }));
        Assert.Contains("Width 10", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Twelve persons in one run, High, Medium and Low; each has <paramref name="first"/>, every other one also <paramref name="second"/>.</summary>
    private static ScoreTable TableWithCodes(string first, string second)
    {
        var run = new DateOnly(2026, 3, 2);
        return ScoreTable.FromScores(Enumerable.Range(0, 12).Select(i => Fixtures.Score($"p{i}", (i * 8) + 3, run) with
        {
            Factors = i % 2 == 0
                ? [new InfluentialFactor { Code = first, Value = "1" }, new InfluentialFactor { Code = second, Value = "2" }]
                : [new InfluentialFactor { Code = first, Value = "3" }],
        })).Single();
    }

    private static List<XElement> Rows(string svg) =>
        [.. XDocument.Parse(svg).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "rows").Elements(Svg + "g")];

    /// <summary>The row's first text: its label.</summary>
    private static string Label(XElement row) => row.Elements(Svg + "text").First().Value;

    private static double Number(XElement element, string attribute) => double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);
}
