namespace CaiScores.Models;

/// <summary>
/// One predicted reason behind a score (<c>influentialFactors[]</c>): the profile or behavioural attribute (<see cref="Code"/>),
/// its value and its importance.
/// </summary>
public sealed record InfluentialFactor
{
    /// <summary>
    /// The generated feature name, e.g. <c>Counts of webVisit in last 30 days</c>. <see langword="null"/> when the source
    /// gave none (analyses show it as "No value").
    /// </summary>
    public string? Code { get; init; }

    /// <summary>
    /// The attribute's value as text. A JSON number or boolean is kept as its JSON text (<c>14</c>, <c>2.5</c>, <c>true</c>),
    /// so no precision is lost. <see langword="null"/> when absent.
    /// </summary>
    public string? Value { get; init; }

    /// <summary>The weight: low, medium or high; <see cref="Importance.Unspecified"/> when absent or unknown.</summary>
    public Importance Importance { get; init; }
}
