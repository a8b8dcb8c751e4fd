using System.Buffers;
using System.Runtime.InteropServices;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>
/// A run's persons a block at a time for the outcome tables: who is scored (and in the segment), each one's bucket code
/// (<see cref="BucketCodes"/>: a bucket, <see cref="BucketCodes.NaNCode"/>, or <see cref="BucketCodes.SkipCode"/> for a null value).
/// </summary>
internal ref struct BucketBlocks
{
    private readonly AnalysisScope _scope;
    private readonly BucketScheme _scheme;
    private readonly double[]? _widened;

    public BucketBlocks(AnalysisScope scope, BucketScheme scheme)
    {
        _scope = scope;
        _scheme = scheme;
        _widened = scheme.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(ScopeMasks.Block) : null;
    }

    /// <summary>Fills the masks and codes of persons <c>[start, start + n)</c> of a run; false when none of them is scored.</summary>
    public readonly bool Load(ScoreRun run, int start, int n, Span<ulong> present, Span<ulong> valid, Span<byte> codes)
    {
        if (!ScopeMasks.Present(_scope, run, start, n, present))
        {
            return false;
        }

        var words = BitmapKernels.WordLength(n);
        ReadOnlySpan<double> values;
        ReadOnlySpan<byte> validity;
        switch (_scheme.Field)
        {
            case ScoreField.Score:
                validity = run.ScoreValidity;
                values = run.Scores.Slice(start, n);
                break;
            case ScoreField.Probability:
                validity = run.ProbabilityValidity;
                values = run.Probabilities.Slice(start, n);
                break;
            default:
                var percentiles = run.Percentiles.Slice(start, n);
                for (var i = 0; i < n; i++)
                {
                    _widened![i] = percentiles[i];
                }

                validity = run.PercentileValidity;
                values = _widened.AsSpan(0, n);
                break;
        }

        ScopeMasks.Valid(validity, start, n, present[..words], valid);
        BucketCodes.Assign(values, MemoryMarshal.AsBytes(valid[..words]), 0, _scheme.EdgeSpan, codes);
        return true;
    }

    public readonly void Dispose()
    {
        if (_widened is not null)
        {
            ArrayPool<double>.Shared.Return(_widened);
        }
    }
}
