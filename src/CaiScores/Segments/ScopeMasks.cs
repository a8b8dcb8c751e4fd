using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Segments;

/// <summary>
/// Word masks of a block of persons for the analyses: who was scored in a run and is in the scope's segment, and which
/// of them have a value. A block starts anywhere (bits are read at any offset) and holds at most <see cref="Block"/> persons.
/// </summary>
internal static class ScopeMasks
{
    /// <summary>Persons per block: the masks (64 words) and byte codes (4 KiB) fit on the stack and in L1.</summary>
    public const int Block = 4096;

    /// <summary>Words per block mask.</summary>
    public const int Words = Block / 64;

    /// <summary>Persons <c>[from, from + count)</c> scored in <paramref name="run"/> and in the segment; false when there are none.</summary>
    public static bool Present(AnalysisScope scope, ScoreRun run, int from, int count, Span<ulong> words)
    {
        BitBlocks.Load(run.Presence, from, count, words);
        if (scope.Filter is { } filter)
        {
            BitBlocks.And(filter.Bitmap, from, count, words);
        }

        return words[..BitmapKernels.WordLength(count)].ContainsAnyExcept(0UL);
    }

    /// <summary><paramref name="present"/> AND bits <c>[from, from + count)</c> of a validity bitmap.</summary>
    public static void Valid(ReadOnlySpan<byte> validity, int from, int count, ReadOnlySpan<ulong> present, Span<ulong> words)
    {
        BitBlocks.Load(validity, from, count, words);
        BitmapKernels.And(words[..present.Length], present, words);
    }

    /// <summary>The number of bits set in <paramref name="words"/> and not in <paramref name="except"/>.</summary>
    public static long CountExcept(ReadOnlySpan<ulong> words, ReadOnlySpan<ulong> except)
    {
        long n = 0;
        for (var w = 0; w < words.Length; w++)
        {
            n += System.Numerics.BitOperations.PopCount(words[w] & ~except[w]);
        }

        return n;
    }

    /// <summary>
    /// The values of a field for persons <c>[start, start + n)</c> (percentiles widened to doubles into
    /// <paramref name="widened"/>, which must hold <paramref name="n"/> values for that field), and the field's validity
    /// bitmap, indexed by person.
    /// </summary>
    public static ReadOnlySpan<double> Column(ScoreRun run, ScoreField field, int start, int n, double[]? widened, out ReadOnlySpan<byte> validity)
    {
        switch (field)
        {
            case ScoreField.Score:
                validity = run.ScoreValidity;
                return run.Scores.Slice(start, n);
            case ScoreField.Probability:
                validity = run.ProbabilityValidity;
                return run.Probabilities.Slice(start, n);
            default:
                var percentiles = run.Percentiles.Slice(start, n);
                for (var i = 0; i < n; i++)
                {
                    widened![i] = percentiles[i];
                }

                validity = run.PercentileValidity;
                return widened.AsSpan(0, n);
        }
    }
}
