using CaiScores.Models;

namespace CaiScores.Tests.Models;

public sealed class ScoreDatesTests
{
    [Theory]
    [InlineData("2021-08-07")]
    [InlineData("2021-08-07 00:00:00")]
    [InlineData("2021-08-07 23:59")]
    [InlineData("2021-08-07T00:00:00Z")]
    [InlineData("2021-08-07T00:00:00.000Z")]
    [InlineData("2021-08-07T10:00:00+02:00")]
    [InlineData("2021-08-07T10:00:00-0530")]
    [InlineData("2021-08-07T10:00:00+02")]
    public void Accepted_forms_give_the_calendar_date_as_written(string text)
    {
        Assert.True(ScoreDates.TryParse(text, out var date));
        Assert.Equal(new DateOnly(2021, 8, 7), date);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2021-8-7")]
    [InlineData("07/08/2021")]
    [InlineData("2021-02-29")]
    [InlineData("2021-13-01")]
    [InlineData("2021-08-07X")]
    [InlineData("2021-08-07 24:00:00")]
    [InlineData("2021-08-07T10:00:00.Z")]
    [InlineData("2021-08-07T10:00:00+2:00")]
    [InlineData("２０２１-08-07")]
    public void Other_text_is_refused(string? text)
    {
        Assert.False(ScoreDates.TryParse(text, out var date));
        Assert.Equal(default, date);
    }

    [Fact]
    public void Leap_days_parse()
    {
        Assert.True(ScoreDates.TryParse("2024-02-29", out var date));
        Assert.Equal(new DateOnly(2024, 2, 29), date);
    }
}
