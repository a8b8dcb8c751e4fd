using CaiScores.ReasonCodes;

namespace CaiScores.Output;

/// <summary>How a reason-code table is shown.</summary>
internal static class ReasonCodeViews
{
    /// <summary>The reason codes: bucket × factor, the buckets and the factors' values, drawn as a bar table.</summary>
    public static readonly ResultView<ReasonCodeTable> ReasonCodes = new(Tables, r => [SvgCharts.ReasonCodes(r)]);

    private static IReadOnlyList<ResultTable> Tables(ReasonCodeTable reasonCodes)
    {
        var title = $"Influential factors by bucket, {TableText.Runs(reasonCodes.Runs)}";
        var factors = reasonCodes.Rows.SelectMany(b => b.Factors.Select((f, i) => (Bucket: b, Rank: i + 1, Factor: f))).ToList();
        var values = factors.SelectMany(f => f.Factor.Values.Select(v => (f.Bucket, f.Factor, Value: v))).ToList();
        return
        [
            new TableBuilder<(ReasonCodeBucket Bucket, int Rank, ReasonCodeFactor Factor)>("reason-codes", title, factors)
                .String("bucket", f => f.Bucket.DisplayName, "The bucket's short name (its alias), else its label")
                .Int64("bucketIndex", f => f.Bucket.Bucket.Index, TableText.BucketIndex)
                .Int64("rank", f => f.Rank, "The factor's rank in the bucket, 1 for the most people")
                .String("code", f => f.Factor.Code, "The factor code; null for factors without one")
                .String("label", f => f.Factor.Label, "The code, or No value")
                .Int64("people", f => f.Factor.People, "Persons of the bucket with this code")
                .Share("shareOfTableTotal", f => f.Factor.ShareOfTableTotal, "people over the bucket's tableTotal (CJA's percentage)")
                .Share("coverageOfBucket", f => f.Factor.CoverageOfBucket, "people over the bucket's people (the CAI card's coverage)")
                .Int64("importanceLow", f => f.Factor.ImportanceCounts.Low, "Persons with this code at importance low")
                .Int64("importanceMedium", f => f.Factor.ImportanceCounts.Medium, "Persons with this code at importance medium")
                .Int64("importanceHigh", f => f.Factor.ImportanceCounts.High, "Persons with this code at importance high")
                .Int64("importanceUnspecified", f => f.Factor.ImportanceCounts.Unspecified, "Persons with this code without a known importance")
                .Build(),
            new TableBuilder<ReasonCodeBucket>("reason-code-buckets", title + ": buckets", reasonCodes.Rows)
                .Int64("bucketIndex", b => b.Bucket.Index, TableText.BucketIndex)
                .Bucket(b => b.Bucket)
                .Int64("people", b => b.People, "Persons with a value in the bucket")
                .Share("shareOfGrandTotal", b => b.ShareOfGrandTotal, "people over the grand total (CJA's % of Grand Total)")
                .Int64("tableTotal", b => b.TableTotal, "Persons of the bucket with at least one factor counted")
                .Int64("otherCodes", b => b.OtherCodes, "Codes in the bucket beyond the top factors")
                .Build(),
            new TableBuilder<(ReasonCodeBucket Bucket, ReasonCodeFactor Factor, FactorValueCount Value)>("reason-code-values", title + ": factor values", values)
                .String("bucket", v => v.Bucket.DisplayName, "The bucket's short name (its alias), else its label")
                .Int64("bucketIndex", v => v.Bucket.Bucket.Index, TableText.BucketIndex)
                .String("code", v => v.Factor.Code, "The factor code; null for factors without one")
                .String("value", v => v.Value.Value, "The factor's value as text; null when it had none")
                .String("label", v => v.Value.Label, "The value, or No value")
                .Int64("people", v => v.Value.People, "Persons of the bucket with the code at this value")
                .Build(),
        ];
    }
}
