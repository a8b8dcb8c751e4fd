namespace CaiScores.Models;

/// <summary>
/// What a propensity model predicts — CAI's propensity type (<c>modelType</c>): converting or churning. It decides whether
/// a high score is good news (the colours of Low / Medium / High) and what an outcome means (a conversion rate counts the
/// profiles with an outcome in the window, a churn rate those without).
/// </summary>
public enum PropensityKind
{
    /// <summary>A propensity to convert: High is good (green), Low red; the actual rate is the share of profiles with at least one outcome in the window.</summary>
    Conversion = 0,

    /// <summary>A propensity to churn: High is bad (red), Low green; the actual rate is the share of profiles with no outcome in the window.</summary>
    Churn = 1,
}
