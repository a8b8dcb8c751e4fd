namespace CaiScores.Trends;

/// <summary>The time step of a <see cref="ScoreTrend"/>: scoring runs, or CJA's calendar time dimensions.</summary>
public enum TrendGranularity
{
    /// <summary>One period per scoring run, labelled by its score date (the CJA chart with a column per <c>scoreDate</c> item).</summary>
    Run = 0,

    /// <summary>Calendar days in the report time zone.</summary>
    Day = 1,

    /// <summary>Calendar weeks starting on <see cref="TrendOptions.FirstDayOfWeek"/> (the default: Customer AI scores weekly).</summary>
    Week = 2,

    /// <summary>Calendar months.</summary>
    Month = 3,

    /// <summary>Calendar quarters (January, April, July, October).</summary>
    Quarter = 4,

    /// <summary>Calendar years.</summary>
    Year = 5,
}
