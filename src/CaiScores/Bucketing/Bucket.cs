namespace CaiScores.Bucketing;

/// <summary>One bucket of a <see cref="BucketScheme"/>: the values from <see cref="Lower"/> (inclusive) to <see cref="Upper"/> (exclusive).</summary>
/// <param name="Index">The bucket's position, 0 for the lowest.</param>
/// <param name="Label">CJA's label: <c>Less than 25</c>, <c>25 to 75</c>, <c>75 or more</c>.</param>
/// <param name="Alias">A short name where the scheme has one (<c>Low</c>, <c>Medium</c>, <c>High</c> for the CAI scheme), else null.</param>
/// <param name="Lower">The inclusive lower edge; null for the first bucket (open below).</param>
/// <param name="Upper">The exclusive upper edge; null for the last bucket (open above).</param>
public sealed record Bucket(int Index, string Label, string? Alias, double? Lower, double? Upper)
{
    /// <summary>The alias when there is one, else the label.</summary>
    public string DisplayName => Alias ?? Label;
}
