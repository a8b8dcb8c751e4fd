using System.Globalization;
using System.Xml.Linq;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Output;
using CaiScores.ReasonCodes;
using CaiScores.Tests.Snapshots;
using CaiScores.Tests.TestData;
using CaiScores.Trends;

namespace CaiScores.Tests.Output.Html;

public sealed class CaiHtmlTests
{
    [Fact]
    public void Every_sample_table_is_well_formed_with_a_caption_a_head_and_a_row_per_row()
    {
        foreach (var table in SampleResults.All().SelectMany(r => ResultTables.OfAny(r.Result)))
        {
            var element = XElement.Parse(CaiHtml.Table(table));
            Assert.Equal("table", element.Name.LocalName);
            Assert.Equal(table.Name, (string?)element.Attribute("data-name"));
            Assert.Equal(table.Title, element.Element("caption")!.Value);
            Assert.Equal(table.Columns.Select(c => c.Name), element.Element("thead")!.Descendants("th").Select(th => th.Value));
            var rows = element.Element("tbody")!.Elements("tr").ToList();
            Assert.Equal(table.RowCount, rows.Count);
            Assert.All(rows, r => Assert.Equal(table.Columns.Count, r.Elements("td").Count()));
        }
    }

    [Fact]
    public void Numbers_are_formatted_for_people_and_right_aligned()
    {
        var table = new ResultTable("t", "T",
        [
            ResultColumn.Int64s("count", [1234567, null]),
            ResultColumn.Doubles("share", [0.12345, 1], isShare: true),
            ResultColumn.Doubles("lift", [1.23456789, double.NaN]),
            ResultColumn.Dates("day", [new DateOnly(2026, 1, 4), null]),
            ResultColumn.Booleans("ok", [true, false]),
            ResultColumn.Strings("label", ["High", null]),
        ]);
        var rows = XElement.Parse(CaiHtml.Table(table)).Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(["1,234,567", "12.3%", "1.2346", "2026-01-04", "true", "High"], rows[0].Elements("td").Select(td => td.Value));
        Assert.Equal(["", "100.0%", "NaN", "", "false", ""], rows[1].Elements("td").Select(td => td.Value));
        Assert.Equal(["num", "num", "num", null, null, null], rows[0].Elements("td").Select(td => (string?)td.Attribute("class")));
        Assert.Equal(["null", "num", "num", "null", null, "null"], rows[1].Elements("td").Select(td => (string?)td.Attribute("class")));
    }

    [Fact]
    public void Strings_from_the_data_are_escaped()
    {
        const string Hostile = "<script>alert(1)</script> & \"quotes\" \u0001";
        var table = SampleResults.Table.WithAttributes(Enumerable.Range(0, SampleResults.Table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = SampleResults.Table.Persons[p], Name = "tier", Value = p % 2 == 0 ? Hostile : "gold" }));
        var trend = ScoreTrend.Compute(table, new TrendOptions { Granularity = TrendGranularity.Run, Scheme = null, CohortAttribute = "tier" });
        var html = CaiHtml.Table(ResultTables.Of(trend)[0]);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; \uFFFD", html, StringComparison.Ordinal);
        var cells = XElement.Parse(html).Descendants("td").Select(td => td.Value).ToList();
        Assert.Contains("<script>alert(1)</script> & \"quotes\" \uFFFD", cells);

        var crafted = new ResultTable("<b>", "</table><script>", [ResultColumn.Strings("x\"y", ["<i>"], "a \"tip\" <b>")]);
        var element = XElement.Parse(CaiHtml.Table(crafted));
        Assert.Equal("</table><script>", element.Element("caption")!.Value);
        Assert.Equal("a \"tip\" <b>", (string?)element.Descendants("th").Single().Attribute("title"));
        Assert.Equal("<i>", element.Descendants("td").Single().Value);
    }

    [Fact]
    public void Factor_codes_and_values_from_the_data_are_escaped()
    {
        const string Code = "<script>alert(1)</script>";
        var run = new DateOnly(2026, 1, 4);
        var scores = Enumerable.Range(0, 4).Select(p => Fixtures.Score($"p{p}", 80, run) with
        {
            Factors = [new InfluentialFactor { Code = Code, Value = "</td><td>\u0007", Importance = Importance.High }],
        });
        var reasons = ReasonCodeTable.Compute(ScoreTable.FromScores(scores).Single());
        var tables = ResultTables.Of(reasons);
        var html = string.Concat(tables.Select(CaiHtml.Table));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains(Code, XElement.Parse(CaiHtml.Table(tables[0])).Descendants("td").Select(td => td.Value));
        Assert.Contains("</td><td>\uFFFD", XElement.Parse(CaiHtml.Table(tables[2])).Descendants("td").Select(td => td.Value));
    }

    [Fact]
    public void Distribution()
    {
        Snapshot.Verify(CaiHtml.Table(ResultTables.Of(SampleResults.Distribution())[0]) + "\n", "html");
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var tables = SampleResults.All().SelectMany(r => ResultTables.OfAny(r.Result)).ToList();
        var invariant = tables.Select(CaiHtml.Table).ToList();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, tables.Select(CaiHtml.Table));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
