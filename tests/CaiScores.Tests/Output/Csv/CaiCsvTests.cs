using System.Globalization;
using CaiScores.Output;
using CaiScores.Tests.Snapshots;

namespace CaiScores.Tests.Output.Csv;

public sealed class CaiCsvTests
{
    [Fact]
    public void Fields_are_quoted_only_when_RFC_4180_needs_it()
    {
        var table = new ResultTable("t", "T",
        [
            ResultColumn.Strings("text", ["plain", "a,b", "say \"hi\"", "two\r\nlines", "lf\nonly", " lead", "trail ", "", null, "caf\u00e9 ∩ 🙂"]),
            ResultColumn.Int64s("n", [1, -2, null, long.MaxValue, 0, 1, 1, 1, 1, 1]),
        ]);
        var csv = CaiCsv.ToCsv(table);
        Assert.Equal(
            "text,n\r\n" +
            "plain,1\r\n" +
            "\"a,b\",-2\r\n" +
            "\"say \"\"hi\"\"\",\r\n" +
            "\"two\r\nlines\",9223372036854775807\r\n" +
            "\"lf\nonly\",0\r\n" +
            "\" lead\",1\r\n" +
            "\"trail \",1\r\n" +
            "\"\",1\r\n" +
            ",1\r\n" +
            "caf\u00e9 ∩ 🙂,1\r\n",
            csv);
    }

    [Fact]
    public void Values_are_invariant_and_round_trip()
    {
        var table = new ResultTable("t", "T",
        [
            ResultColumn.Doubles("d", [0.1, 1e-5, 1234567.125, double.NaN, double.PositiveInfinity, -0.0, 1.0 / 3]),
            ResultColumn.Dates("day", [new DateOnly(2026, 1, 4), null, null, null, null, null, null]),
            ResultColumn.Booleans("b", [true, false, null, null, null, null, null]),
            ResultColumn.Timestamps("at", [new DateTimeOffset(2026, 1, 11, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 1, 11, 0, 0, 0, 500, TimeSpan.Zero), null, null, null, null, null]),
        ]);
        var lines = CaiCsv.ToCsv(table).Split("\r\n");
        Assert.Equal("0.1,2026-01-04,true,2026-01-10T23:00:00Z", lines[1]);
        Assert.Equal("1E-05,,false,2026-01-11T00:00:00.5Z", lines[2]);
        Assert.Equal("1234567.125,,,", lines[3]);
        Assert.Equal("NaN,,,", lines[4]);
        Assert.Equal("Infinity,,,", lines[5]);
        Assert.Equal("-0,,,", lines[6]);
        Assert.Equal(1.0 / 3, double.Parse(lines[7].Split(',')[0], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Formula_escaping_is_off_by_default_and_defuses_text_cells_when_on()
    {
        var table = new ResultTable("t", "T",
        [
            ResultColumn.Strings("label", ["=HYPERLINK(\"http://x\")", "+2 more", "-1", "@SUM(A1)", "\tx", "safe", null]),
            ResultColumn.Int64s("n", [-1, -2, -3, -4, -5, -6, -7]),
        ]);
        var plain = CaiCsv.ToCsv(table).Split("\r\n");
        Assert.Equal("\"=HYPERLINK(\"\"http://x\"\")\",-1", plain[1]);
        Assert.Equal("+2 more,-2", plain[2]);

        var escaped = CaiCsv.ToCsv(table, new CsvOptions { EscapeFormulas = true }).Split("\r\n");
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\",-1", escaped[1]);
        Assert.Equal("\"'+2 more\",-2", escaped[2]);
        Assert.Equal("\"'-1\",-3", escaped[3]);
        Assert.Equal("\"'@SUM(A1)\",-4", escaped[4]);
        Assert.Equal("\"'\tx\",-5", escaped[5]);
        Assert.Equal("safe,-6", escaped[6]);
        Assert.Equal(",-7", escaped[7]);
    }

    [Fact]
    public void Header_can_be_left_out_and_an_empty_table_is_its_header()
    {
        var table = new ResultTable("t", "T", [ResultColumn.Int64s("a", []), ResultColumn.Int64s("b", [])]);
        Assert.Equal("a,b\r\n", CaiCsv.ToCsv(table));
        Assert.Equal(string.Empty, CaiCsv.ToCsv(table, new CsvOptions { IncludeHeader = false }));
        Assert.Throws<ArgumentNullException>(() => CaiCsv.ToCsv(null!));
        Assert.Throws<ArgumentNullException>(() => CaiCsv.Write(table, null!));
    }

    [Fact]
    public void Write_and_ToCsv_agree()
    {
        var table = ResultTables.Of(SampleResults.Distribution())[0];
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CaiCsv.Write(table, writer);
        Assert.Equal(CaiCsv.ToCsv(table), writer.ToString());
    }

    [Fact]
    public void Distribution()
    {
        Snapshot.Verify(CaiCsv.ToCsv(ResultTables.Of(SampleResults.Distribution())[0]), "csv");
    }

    [Fact]
    public void Transitions()
    {
        Snapshot.Verify(CaiCsv.ToCsv(ResultTables.Of(SampleResults.Transitions())[0]), "csv");
    }

    [Fact]
    public void Evaluation_summary()
    {
        Snapshot.Verify(CaiCsv.ToCsv(ResultTables.Of(SampleResults.Evaluation())[1]), "csv");
    }

    [Fact]
    public void Trend_by_tier()
    {
        Snapshot.Verify(CaiCsv.ToCsv(ResultTables.Of(SampleResults.TrendByTier())[0]), "csv");
    }

    [Fact]
    public void Output_does_not_depend_on_the_current_culture()
    {
        var tables = SampleResults.All().SelectMany(r => ResultTables.OfAny(r.Result)).ToList();
        var invariant = tables.Select(t => CaiCsv.ToCsv(t)).ToList();
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, tables.Select(t => CaiCsv.ToCsv(t)));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Contains(invariant, csv => csv.Contains('.', StringComparison.Ordinal));
    }
}
