namespace CaiScores.Cohorts;

/// <summary>One period of a <see cref="CohortTable"/>: a cohort row's period, and the period of a column after it.</summary>
/// <param name="Index">The period's position, 0 for the earliest.</param>
/// <param name="Start">The first day (clipped to the window).</param>
/// <param name="End">The day after the last (clipped to the window).</param>
/// <param name="Label">The label: <c>2026-01-04</c> (day, week start), <c>2026-01</c>, <c>2026-Q1</c>, <c>2026</c>.</param>
/// <param name="Runs">The score dates of the runs with rows in the period (none for an empty period).</param>
public sealed record CohortPeriod(int Index, DateOnly Start, DateOnly End, string Label, IReadOnlyList<DateOnly> Runs);

/// <summary>One cell of a cohort row: the persons of the cohort retained (or churned) <see cref="Offset"/> periods later.</summary>
/// <param name="Offset">Periods after the cohort's period: 1 for CJA's <c>+1 Week</c> column.</param>
/// <param name="Count">Retention: the included persons who met the return criterion in that period (with
/// <see cref="CohortOptions.Rolling"/>, in every period up to it). Churn: <c>Included − </c> that number.</param>
/// <param name="Share"><see cref="Count"/> over the row's <see cref="CohortRow.Included"/>; null when Included is 0.</param>
public sealed record CohortCell(int Offset, long Count, double? Share);

/// <summary>One row of a <see cref="CohortTable"/>: the cohort of a period (and of an item, when split) and its cells.</summary>
/// <param name="Period">The index of the cohort's period in <see cref="CohortTable.Periods"/>.</param>
/// <param name="Label">The period's label (<c>2026-01</c>).</param>
/// <param name="Item">The split item (attribute value or bucket name, <c>No value</c> for none); null without a split.</param>
/// <param name="Included">The persons who met the inclusion criterion in the period (and have this item).</param>
/// <param name="Cells">Offsets 1, 2, … up to the last period that holds a run; none after it (CJA's triangle).</param>
public sealed record CohortRow(int Period, string Label, string? Item, long Included, IReadOnlyList<CohortCell> Cells);

/// <summary>One cell of the average row (CJA's <i>Show Average Percent Row</i>).</summary>
/// <param name="Offset">Periods after the cohort's period.</param>
/// <param name="Share">The arithmetic mean of the <see cref="CohortCell.Share"/>s of the rows that have this offset and a
/// share (Included &gt; 0): a mean of percentages, each row weighing the same, not a pooled ratio. Null when no row has one.</param>
/// <param name="Rows">The rows averaged.</param>
/// <param name="PooledShare">The pooled ratio over the same rows, Σ Count / Σ Included (weighted by cohort size), for
/// comparison; null when no row has one. CJA shows <see cref="Share"/>.</param>
public sealed record CohortAverageCell(int Offset, double? Share, int Rows, double? PooledShare);
