using CaiScores.Bucketing;
using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>The naive oracle for score distributions: a count over the source records (one per person and run).</summary>
internal static class ReferenceDistribution
{
    public sealed record Result(long[] Counts, long Total, long NoValue, long NaN);

    public static double? Value(ScoreRecord record, ScoreField field) => field switch
    {
        ScoreField.Probability => record.Probability,
        ScoreField.Percentile => record.PercentileScore,
        _ => record.Score,
    };

    /// <summary>People: distinct persons per bucket, total, No value and NaN; Events: records.</summary>
    public static Result Count(IEnumerable<ScoreRecord> records, BucketScheme scheme, bool people)
    {
        var rows = records.ToList();
        long Measure(IEnumerable<ScoreRecord> subset) => people ? subset.Select(r => r.PersonId).Distinct().LongCount() : subset.LongCount();
        var edges = scheme.Edges.ToArray();
        var counts = scheme.Buckets
            .Select(b => Measure(rows.Where(r => Value(r, scheme.Field) is { } v && ReferenceBuckets.Bucket(v, edges) == b.Index)))
            .ToArray();
        return new Result(
            counts,
            Measure(rows),
            Measure(rows.Where(r => Value(r, scheme.Field) is null)),
            Measure(rows.Where(r => Value(r, scheme.Field) is { } v && double.IsNaN(v))));
    }
}
