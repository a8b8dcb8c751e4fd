using CaiScores.Bucketing;

namespace CaiScores.Trends;

/// <summary>One period of a <see cref="ScoreTrend"/>.</summary>
/// <param name="Index">The period's position, 0 for the earliest.</param>
/// <param name="Start">The first day (clipped to the window).</param>
/// <param name="End">The day after the last (clipped to the window); for <see cref="TrendGranularity.Run"/>, the day after the score date.</param>
/// <param name="Label">The period's label: <c>2026-01-04</c> (run, day, week start), <c>2026-01</c>, <c>2026-Q1</c>, <c>2026</c>.</param>
/// <param name="Runs">The score dates of the runs that fell in the period (none for an empty period).</param>
/// <param name="People">Distinct persons with a row in a shown series in the period (the deduplicated total).</param>
/// <param name="Events">Rows (person × run) in shown series in the period.</param>
public sealed record TrendPeriod(int Index, DateOnly Start, DateOnly End, string Label, IReadOnlyList<DateOnly> Runs, long People, long Events);

/// <summary>One series of a <see cref="ScoreTrend"/>: a bucket, a cohort, a cohort × bucket, or everything.</summary>
/// <param name="Index">The series' position.</param>
/// <param name="Label">The legend label: the bucket's name (<c>High</c>), the cohort value (<c>gold</c>), both (<c>gold · High</c>), or <c>All</c>; <c>No value</c> where there is none.</param>
/// <param name="Cohort">The cohort value, null when the trend has no cohorts or for the cohort without a value.</param>
/// <param name="Bucket">The bucket, null when the trend has no scheme or for the "No value" bucket.</param>
/// <param name="IsNoValue">Whether the series gathers rows without a score or without a cohort value.</param>
public sealed record TrendSeries(int Index, string Label, string? Cohort, Bucket? Bucket, bool IsNoValue);

/// <summary>One cell of a <see cref="ScoreTrend"/>: a period × a series.</summary>
/// <param name="Period">The period's first day.</param>
/// <param name="PeriodLabel">The period's label.</param>
/// <param name="Series">The series' label.</param>
/// <param name="People">Distinct persons with a row of the series in the period.</param>
/// <param name="Events">Rows (person × run) of the series in the period.</param>
/// <param name="ShareOfPeriod"><see cref="People"/> over the period's deduplicated People, 0 for an empty period: the 100 % stacked value. With several runs in a period a person can be in two series, so the shares of a period may add up to more than 1.</param>
/// <param name="MeanScore">Mean score of the rows with a score, null when there are none.</param>
/// <param name="MeanProbability">Mean probability of the rows with a (non-NaN) probability, null when there are none or <see cref="TrendOptions.IncludeProbability"/> is off.</param>
/// <param name="ScorePercentiles">The requested percentiles of the scores (nearest rank), in the order asked; empty when none were asked or there are no scores.</param>
/// <param name="ProbabilityPercentiles">The requested percentiles of the probabilities.</param>
public sealed record TrendRow(
    DateOnly Period,
    string PeriodLabel,
    string Series,
    long People,
    long Events,
    double ShareOfPeriod,
    double? MeanScore,
    double? MeanProbability,
    IReadOnlyList<double> ScorePercentiles,
    IReadOnlyList<double> ProbabilityPercentiles);
