using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Trends;

/// <summary>What a <see cref="ScoreTrend"/> computes: time step, series, filters and metrics.</summary>
public sealed record TrendOptions
{
    /// <summary>The time step.</summary>
    /// <value>Default <see cref="TrendGranularity.Week"/>.</value>
    public TrendGranularity Granularity { get; init; } = TrendGranularity.Week;

    /// <summary>The report time zone: an Experience Event run falls on the day of its timestamp in this zone (CJA's data-view time zone); a profile run on its score date.</summary>
    /// <value>Default UTC.</value>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The day weeks start on.</summary>
    /// <value>Default <see cref="DayOfWeek.Sunday"/> (CJA's Gregorian default).</value>
    public DayOfWeek FirstDayOfWeek { get; init; } = DayOfWeek.Sunday;

    /// <summary>The reporting window; periods are clipped to it and every period in it appears, with zeros when empty.</summary>
    /// <value>Default null: from the period of the first run to that of the last.</value>
    public DateRange? Range { get; init; }

    /// <summary>Series by bucket of this scheme (stacked bars by bucket), or null for no bucket split.</summary>
    /// <value>Default <see cref="BucketScheme.Cai"/> (Low / Medium / High).</value>
    public BucketScheme? Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>Series by the value of this person attribute as of each run (bronze vs silver vs gold), or null.</summary>
    /// <value>Default null. With <see cref="Scheme"/> too, a series per cohort × bucket.</value>
    public string? CohortAttribute { get; init; }

    /// <summary>Keeps the persons who match (person container: all their rows in the window).</summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>Whether the "No value" series (null score, or no cohort value) appear and count in the period totals.</summary>
    /// <value>Default false, as CJA's "Don't show No value by default".</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>Whether to compute the mean (and percentiles) of the probability too; without it the trend reads only the scores.</summary>
    /// <value>Default true. A NaN probability counts as none.</value>
    public bool IncludeProbability { get; init; } = true;

    /// <summary>Percentiles (0 &lt; p ≤ 100) of score and probability to compute per row, nearest-rank (e.g. 50 for the median).</summary>
    /// <value>Default none (they need every value of a row in memory; means and counts do not).</value>
    public IReadOnlyList<double> Percentiles { get; init; } = [];

    /// <summary>Threads to use; results are identical for any value.</summary>
    /// <value>Default 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}
