using System.Reflection;
using System.Xml.Linq;
using CaiScores.Columnar;
using CaiScores.Output;
using CaiScores.Trends;

namespace CaiScores.Tests.Output.Html;

public sealed class ResultDumpTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> ResultNames() => [.. SampleResults.All().Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(ResultNames))]
    public void Every_result_dumps_its_charts_and_tables_as_linqpad_html(string name)
    {
        var result = SampleResults.All().Single(r => r.Name == name).Result;
        var dump = LinqPad.Render(result);

        Assert.Equal("LINQPad.HTML", dump.Name.LocalName);
        var div = Assert.Single(dump.Elements());
        Assert.Equal("cai-dump", (string?)div.Attribute("class"));
        var tables = ResultTables.OfAny(result);
        Assert.Equal(tables.Select(t => t.Name), div.Elements("table").Select(t => (string)t.Attribute("data-name")!));
        Assert.Equal(ResultDump.Charts(result).Count(), div.Descendants(Svg + "svg").Count());
        foreach (var (table, html) in tables.Zip(div.Elements("table")))
        {
            Assert.Equal(Math.Min(table.RowCount, ResultDump.MaxRows), html.Element("tbody")!.Elements("tr").Count());
        }
    }

    [Fact]
    public void Every_result_type_with_tables_has_a_private_ToDump()
    {
        var resultTypes = typeof(ResultTables).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(ResultTables.Of)).Select(m => m.GetParameters()[0].ParameterType).ToList();
        Assert.True(resultTypes.Count >= 15);
        foreach (var type in resultTypes)
        {
            var method = type.GetMethod("ToDump", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
            Assert.True(method is { IsPrivate: true } && method.ReturnType == typeof(object), $"{type.Name} has no private object ToDump()");
        }
    }

    [Fact]
    public void Charts_are_drawn_for_every_result_that_has_one()
    {
        Assert.Empty(ResultDump.Charts(SampleResults.Summary()));
        Assert.Empty(ResultDump.Charts(SampleResults.TopPercent()));
        Assert.Equal(2, ResultDump.Charts(SampleResults.Evaluation()).Count());
        var series = SampleResults.TransitionSeries();
        Assert.Equal(Math.Min(series.Matrices.Count, ResultDump.MaxMatrices), ResultDump.Charts(series).Count());
        Assert.All(SampleResults.All().Where(r => r.Name is not ("summary" or "run-summary" or "top-percent")), r => Assert.NotEmpty(ResultDump.Charts(r.Result)));
    }

    [Fact]
    public void A_long_table_shows_its_first_rows_and_says_how_many_it_has()
    {
        // One cohort per person: a trend of 300 cohorts × 6 runs.
        var table = SampleResults.Table;
        var byPerson = table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "who", Value = table.Persons[p] }));
        var trend = ScoreTrend.Compute(byPerson, new TrendOptions { Granularity = TrendGranularity.Run, Scheme = null, CohortAttribute = "who" });
        var rows = ResultTables.Of(trend)[0].RowCount;
        Assert.True(rows > ResultDump.MaxRows);

        var div = LinqPad.Render(trend).Elements().Single();
        Assert.Equal(ResultDump.MaxRows, div.Elements("table").First().Element("tbody")!.Elements("tr").Count());
        Assert.Equal($"The first 500 of {rows:N0} rows.", div.Elements("p").First().Value, ignoreCase: false, ignoreLineEndingDifferences: true);
    }

    [Fact]
    public void Strings_from_the_data_show_as_text()
    {
        const string Hostile = "<script>alert(1)</script>";
        var table = SampleResults.Table;
        var hostile = table.WithAttributes(Enumerable.Range(0, table.Persons.Count)
            .Select(p => new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = p % 2 == 0 ? Hostile : "gold" }));
        var dump = LinqPad.Render(ScoreTrend.Compute(hostile, new TrendOptions { Scheme = null, CohortAttribute = "tier" }));

        Assert.DoesNotContain(dump.Descendants(), e => e.Name.LocalName == "script");
        Assert.Contains(dump.Descendants("td"), td => td.Value == Hostile);
        Assert.Contains(dump.Descendants(Svg + "text"), t => t.Value == Hostile);
    }

    [Fact]
    public void Not_a_result_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ResultDump.Of("a string"));
        Assert.Throws<ArgumentNullException>(() => ResultDump.Of(null!));
    }
}

/// <summary>What LINQPad does on <c>result.Dump()</c>: it calls the object's own (private) <c>ToDump()</c> by reflection.</summary>
internal static class LinqPad
{
    public static XElement Render(object result)
    {
        var toDump = result.GetType().GetMethod("ToDump", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"{result.GetType().Name} has no ToDump()");
        return Assert.IsType<XElement>(toDump.Invoke(result, null));
    }

    /// <summary>Stands in for LINQPad's <c>Dump</c> extension in compiled samples: the dump must render, and the value flows on.</summary>
    public static T Dump<T>(this T value, string? title = null)
        where T : notnull
    {
        _ = title;
        Assert.Equal("LINQPad.HTML", Render(value).Name.LocalName);
        return value;
    }
}
