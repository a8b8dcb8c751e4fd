namespace CaiScores.Cohorts;

/// <summary>The time step of a <see cref="CohortTable"/>: CJA's cohort granularities.</summary>
public enum CohortGranularity
{
    /// <summary>Calendar days in the report time zone.</summary>
    Day = 1,

    /// <summary>Calendar weeks starting on <see cref="CohortOptions.FirstDayOfWeek"/>.</summary>
    Week = 2,

    /// <summary>Calendar months (CJA's default).</summary>
    Month = 3,

    /// <summary>Calendar quarters (January, April, July, October).</summary>
    Quarter = 4,

    /// <summary>Calendar years.</summary>
    Year = 5,
}

/// <summary>What the cells of a <see cref="CohortTable"/> count.</summary>
public enum CohortType
{
    /// <summary>Retention (CJA's default): the persons of the cohort who met the return criterion in the period.</summary>
    Retention = 0,

    /// <summary>Churn: the persons of the cohort who did not (<c>Included − retained</c>; churn share = 1 − retention share).</summary>
    Churn = 1,
}
