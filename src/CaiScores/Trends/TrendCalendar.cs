using System.Globalization;

namespace CaiScores.Trends;

/// <summary>Gregorian periods of a granularity: the period a day falls in, the next one, and its label.</summary>
internal readonly struct TrendCalendar(TrendGranularity granularity, DayOfWeek firstDayOfWeek)
{
    /// <summary>The first day of the period holding <paramref name="day"/>.</summary>
    public DateOnly StartOf(DateOnly day) => granularity switch
    {
        TrendGranularity.Day => day,
        TrendGranularity.Week => day.AddDays(-(((int)day.DayOfWeek - (int)firstDayOfWeek + 7) % 7)),
        TrendGranularity.Month => new DateOnly(day.Year, day.Month, 1),
        TrendGranularity.Quarter => new DateOnly(day.Year, (((day.Month - 1) / 3) * 3) + 1, 1),
        TrendGranularity.Year => new DateOnly(day.Year, 1, 1),
        _ => throw new InvalidOperationException($"{granularity} has no calendar periods."),
    };

    /// <summary>The first day of the period after the one starting on <paramref name="start"/>.</summary>
    public DateOnly Next(DateOnly start) => granularity switch
    {
        TrendGranularity.Day => start.AddDays(1),
        TrendGranularity.Week => start.AddDays(7),
        TrendGranularity.Month => start.AddMonths(1),
        TrendGranularity.Quarter => start.AddMonths(3),
        TrendGranularity.Year => start.AddYears(1),
        _ => throw new InvalidOperationException($"{granularity} has no calendar periods."),
    };

    /// <summary>The label of the period starting on <paramref name="start"/>: <c>2026-01-04</c>, <c>2026-01</c>, <c>2026-Q1</c>, <c>2026</c>.</summary>
    public string Label(DateOnly start) => granularity switch
    {
        TrendGranularity.Month => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        TrendGranularity.Quarter => string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{((start.Month - 1) / 3) + 1}"),
        TrendGranularity.Year => start.ToString("yyyy", CultureInfo.InvariantCulture),
        _ => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };
}
