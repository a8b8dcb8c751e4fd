using CaiScores.Bucketing;
using CaiScores.Internal;

namespace CaiScores.ReasonCodes;

/// <summary>One bucket (row) of a <see cref="ReasonCodeTable"/> and its top influential factors (the breakdown).</summary>
/// <param name="Bucket">The bucket (label, alias, edges).</param>
/// <param name="People">Persons with a value in the bucket (with or without factors).</param>
/// <param name="ShareOfGrandTotal"><paramref name="People"/> over <see cref="ReasonCodeTable.GrandTotal"/> (CJA's "% of Grand Total"); 0 when the grand total is 0.</param>
/// <param name="TableTotal">Persons of the bucket with at least one factor that counts (CJA's table total of the factor breakdown): a person whose factor list is null or empty, or holds only factors filtered out, is in <paramref name="People"/> but not here.</param>
/// <param name="Factors">The top factors, most people first; ties by code, ordinal, "No value" last.</param>
/// <param name="OtherCodes">Codes with at least one person in the bucket that are not in <paramref name="Factors"/> (raise <see cref="ReasonCodeOptions.TopN"/> to see them).</param>
public sealed record ReasonCodeBucket(Bucket Bucket, long People, double ShareOfGrandTotal, long TableTotal, IReadOnlyList<ReasonCodeFactor> Factors, int OtherCodes)
{
    /// <summary>The bucket's alias when there is one (<c>Low</c>), else its label (<c>Less than 25</c>).</summary>
    public string DisplayName => Bucket.DisplayName;

    /// <inheritdoc />
    public bool Equals(ReasonCodeBucket? other) =>
        other is not null
        && Bucket == other.Bucket
        && People == other.People
        && ShareOfGrandTotal.Equals(other.ShareOfGrandTotal)
        && TableTotal == other.TableTotal
        && OtherCodes == other.OtherCodes
        && ValueEquality.SequenceEqual(Factors, other.Factors);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Bucket, People, TableTotal, Factors.Count, OtherCodes);
}

/// <summary>One influential factor code within a bucket of a <see cref="ReasonCodeTable"/>.</summary>
/// <param name="Code">The factor code (<c>Counts of webVisit in last 30 days</c>); null for factors without a code ("No value", only with <see cref="ReasonCodeOptions.IncludeNoValue"/>).</param>
/// <param name="People">Persons of the bucket with this code (a code twice on one person counts once).</param>
/// <param name="ShareOfTableTotal"><paramref name="People"/> over the bucket's <see cref="ReasonCodeBucket.TableTotal"/>: CJA's percentage in the breakdown (65.0 % in the screenshot). Shares of a bucket add up to more than 1, as persons have several codes.</param>
/// <param name="CoverageOfBucket"><paramref name="People"/> over the bucket's <see cref="ReasonCodeBucket.People"/>: the CAI card's coverage (the share of the bucket's profiles that have this factor).</param>
/// <param name="ImportanceCounts">Persons with this code per importance; a person with the code at two importances counts in both.</param>
/// <param name="Values">The value distribution for drill-down: persons per value, most first, ties by value ordinal, "No value" (null) last among ties. A person with the code at two values counts in both.</param>
public sealed record ReasonCodeFactor(string? Code, long People, double ShareOfTableTotal, double CoverageOfBucket, ImportanceCounts ImportanceCounts, IReadOnlyList<FactorValueCount> Values)
{
    /// <summary>The code, or "No value" for factors without one.</summary>
    public string Label => Code ?? ReasonCodeTable.NoValueLabel;

    /// <inheritdoc />
    public bool Equals(ReasonCodeFactor? other) =>
        other is not null
        && string.Equals(Code, other.Code, StringComparison.Ordinal)
        && People == other.People
        && ShareOfTableTotal.Equals(other.ShareOfTableTotal)
        && CoverageOfBucket.Equals(other.CoverageOfBucket)
        && ImportanceCounts == other.ImportanceCounts
        && ValueEquality.SequenceEqual(Values, other.Values);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, People, ImportanceCounts, Values.Count);
}

/// <summary>Persons with a factor code per importance (only the importances the table counted can be non-zero).</summary>
/// <param name="Low">With importance low.</param>
/// <param name="Medium">With importance medium.</param>
/// <param name="High">With importance high.</param>
/// <param name="Unspecified">Without an importance, or with an unknown one.</param>
public sealed record ImportanceCounts(long Low, long Medium, long High, long Unspecified);

/// <summary>Persons having a factor code with one value.</summary>
/// <param name="Value">The value as text (<c>14</c>, <c>gold</c>, <c>true</c>); null when the factor had none.</param>
/// <param name="People">Persons of the bucket with the code at this value.</param>
public sealed record FactorValueCount(string? Value, long People)
{
    /// <summary>The value, or "No value" when it is null.</summary>
    public string Label => Value ?? ReasonCodeTable.NoValueLabel;
}
