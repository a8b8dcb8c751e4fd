using CaiScores.Output;

namespace CaiScores.Tests.Output;

public sealed class SvgWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a<b>&c", "a&lt;b&gt;&amp;c")]
    [InlineData("\"it's\"", "&quot;it&#39;s&quot;")]
    [InlineData("tab\tline\nret\r", "tab\tline\nret\r")]
    [InlineData("bell\u0007 nul\u0000", "bell\uFFFD nul\uFFFD")]
    [InlineData("\uFFFE\uFFFF", "\uFFFD\uFFFD")]
    [InlineData("pair \U0001F600 kept", "pair \U0001F600 kept")]
    public void Escape_makes_any_string_safe_xml_text(string text, string expected)
    {
        Assert.Equal(expected, SvgWriter.Escape(text));
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters()
    {
        // Not as InlineData: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("lone \uFFFD high", SvgWriter.Escape("lone \uD83D high"));
        Assert.Equal("lone \uFFFD low", SvgWriter.Escape("lone \uDE00 low"));
        Assert.Equal("high at end \uFFFD", SvgWriter.Escape("high at end \uD83D"));
        Assert.Equal("swapped \uFFFD\uFFFD", SvgWriter.Escape("swapped \uDE00\uD83D"));
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0001, "0")]
    [InlineData(12.345, "12.35")]
    [InlineData(-3.1, "-3.1")]
    [InlineData(1234567.0, "1234567")]
    public void Numbers_are_invariant_with_at_most_two_decimals(double value, string expected)
    {
        Assert.Equal(expected, SvgWriter.Number(value));
    }

    [Theory]
    [InlineData(0, 1, 0.2)]
    [InlineData(0.37, 0.4, 0.1)]
    [InlineData(7, 8, 2)]
    [InlineData(98, 100, 20)]
    [InlineData(101, 150, 50)]
    [InlineData(1_234_567, 1_500_000, 500_000)]
    public void Axis_ticks_are_round_and_cover_the_maximum(double max, double top, double step)
    {
        var (actualTop, actualStep) = BarChart.NiceScale(max);
        Assert.Equal(step, actualStep, 9);
        Assert.Equal(top, actualTop, 9);
        Assert.True(actualTop >= max);
    }
}
