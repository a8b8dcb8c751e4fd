namespace CaiScores.Bucketing;

/// <summary>The score value a bucket scheme, distribution or threshold is computed on.</summary>
public enum ScoreField
{
    /// <summary><c>score</c>, 0–100: the relative propensity (the default, as in the CAI and CJA cards).</summary>
    Score = 0,

    /// <summary><c>probability</c>, 0–1: the true probability; use it to compare across goals.</summary>
    Probability = 1,

    /// <summary><c>percentileScore</c>, 1–100: the rank among scored profiles.</summary>
    Percentile = 2,
}
