namespace CaiScores.Histograms;

/// <summary>One bucket of a <see cref="MetricHistogram"/>: the entities whose metric is an integer from <see cref="Lo"/> to <see cref="Hi"/>.</summary>
/// <param name="Label">CJA's label: <c>"{Lo}-{Hi}"</c>, <c>"{Lo}"</c> when the bucket size is 1, and <c>"{Lo}+"</c> for the overflow bucket.</param>
/// <param name="Lo">The first integer of the bucket (inclusive).</param>
/// <param name="Hi">The last integer of the bucket (inclusive); null for the overflow bucket, which is open above.</param>
/// <param name="Count">Entities whose (floored) metric is in the bucket.</param>
public sealed record HistogramRow(string Label, long Lo, long? Hi, long Count)
{
    /// <summary>Whether this is the overflow bucket (<c>"{Lo}+"</c>): every value at or above the end of the last bucket.</summary>
    public bool IsOverflow => Hi is null;
}
