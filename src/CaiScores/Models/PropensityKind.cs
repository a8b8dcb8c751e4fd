namespace CaiScores.Models;

/// <summary>What a propensity model predicts, CAI's propensity type (<c>modelType</c>): it decides whether a high score is good news, and so the colours of Low / Medium / High.</summary>
public enum PropensityKind
{
    /// <summary>A conversion model: High is good (green), Low is red.</summary>
    Conversion,

    /// <summary>A churn model: High is bad (red), Low is green.</summary>
    Churn,
}
