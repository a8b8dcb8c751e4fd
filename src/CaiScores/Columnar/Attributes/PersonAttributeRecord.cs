namespace CaiScores.Columnar;

/// <summary>One person attribute value, e.g. loyalty tier "gold", joined to a <see cref="ScoreTable"/> by person id.</summary>
/// <remarks>
/// An attribute without <see cref="ValidFrom"/> holds for every run. With dates, a run sees the value of the latest row
/// whose date is on or before the run's score date (none → no value), so a tier that changes over time is followed run by run.
/// </remarks>
public sealed record PersonAttributeRecord
{
    /// <summary>The person id, as the table resolved it from the identity map.</summary>
    public required string PersonId { get; init; }

    /// <summary>The attribute name (e.g. <c>tier</c>); ordinal, case-sensitive.</summary>
    public required string Name { get; init; }

    /// <summary>The value; null means "no value" from <see cref="ValidFrom"/> on.</summary>
    public string? Value { get; init; }

    /// <summary>The first date the value holds; null for "always".</summary>
    public DateOnly? ValidFrom { get; init; }
}
