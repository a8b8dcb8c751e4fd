using CaiScores.Output;

namespace CaiScores.Tests.Output;

public sealed class ChartTextTests
{
    [Theory]
    [InlineData(1234.0, "1,234")]
    [InlineData(1.3456, "1.35")]
    [InlineData(999_999_999_999_999.0, "999,999,999,999,999")]
    [InlineData(1e15, "1E+15")]
    [InlineData(1e308, "1E+308")]
    [InlineData(-3.5e200, "-3.5E+200")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void A_plotted_number_is_never_hundreds_of_digits(double value, string expected) =>
        Assert.Equal(expected, ChartText.Number(value));
}
