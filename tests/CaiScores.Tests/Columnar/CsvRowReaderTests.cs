using CaiScores.Columnar;
using CaiScores.Ingest;

namespace CaiScores.Tests.Columnar;

/// <summary>The RFC 4180 tokeniser the attribute and outcome readers share; their own tests cover header and row checks.</summary>
public sealed class CsvRowReaderTests
{
    [Fact]
    public void Quoted_cells_hold_commas_doubled_quotes_and_line_breaks_and_rows_keep_their_first_line()
    {
        var rows = Rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",\"\",\n\nlast");
        Assert.Equal(
            [
                (1L, "a|b,c|say \"hi\""),
                (2L, "two\nlines||"),
                (4L, ""),
                (5L, "last"),
            ],
            rows.Select(r => (r.Line, string.Join('|', r.Cells))));
    }

    [Fact]
    public void An_empty_input_has_no_rows() => Assert.Empty(Rows(""));

    [Fact]
    public void An_unclosed_quote_names_the_line_its_row_starts_on()
    {
        var e = Assert.Throws<CaiIngestException>(() => Rows("a\n\"open,\nstill open\n"));
        Assert.Equal(("f.csv", 2L, null), (e.Source, e.Line, e.JsonPath));
        Assert.Equal("a quoted cell is not closed", e.Problem);
    }

    [Fact]
    public void Text_after_a_closing_quote_names_its_own_line_and_column()
    {
        var e = Assert.Throws<CaiIngestException>(() => Rows("a,\"multi\nline\"x,b\n"));
        Assert.Equal(("f.csv", 2L, null), (e.Source, e.Line, e.JsonPath));
        Assert.Equal("unexpected 'x' after a quoted cell (column 2)", e.Problem);
    }

    private static List<(long Line, List<string> Cells)> Rows(string csv)
    {
        var reader = new CsvRowReader(new StringReader(csv), "f.csv");
        var rows = new List<(long, List<string>)>();
        while (reader.TryReadRow(out var cells, out var line))
        {
            rows.Add((line, cells));
        }

        return rows;
    }
}
