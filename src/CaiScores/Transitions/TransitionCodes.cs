using CaiScores.Bucketing;
using CaiScores.Kernels;

namespace CaiScores.Transitions;

/// <summary>
/// The one-byte state of a person in a run, as transitions count it: the bucket (<c>0 … B−1</c>),
/// <see cref="NoValueCode"/> for a person scored without a value (null or NaN), <see cref="AbsentCode"/> for a person not
/// scored in the run or outside the segment. A pair's counts are a <c>CodeCount × CodeCount</c> histogram in these codes,
/// whoever counted them.
/// </summary>
internal readonly struct TransitionCodes
{
    public TransitionCodes(BucketScheme scheme) => BucketCount = scheme.Buckets.Count;

    /// <summary>The scheme's buckets.</summary>
    public int BucketCount { get; }

    /// <summary>Scored without a value: the bucket kernel's NaN code, nulls recoded to it.</summary>
    public byte NoValueCode => BucketCodes.NaNCode(BucketCount - 1);

    /// <summary>Not scored (or outside the segment): the bucket kernel's skip code for a clear validity bit.</summary>
    public byte AbsentCode => BucketCodes.SkipCode(BucketCount - 1);

    /// <summary>Codes per side of a pair: the buckets, "No value" and absent.</summary>
    public int CodeCount => BucketCount + 2;
}
