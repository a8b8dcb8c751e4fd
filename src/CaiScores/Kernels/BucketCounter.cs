using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Counts values into buckets cut by ascending edges, CJA's way: bucket <c>i</c> holds <c>edges[i−1] ≤ v &lt; edges[i]</c>,
/// the first bucket everything below <c>edges[0]</c>, the last everything at or above the last edge. Knows nothing of CAI
/// or of the table: spans in, counts out.
/// </summary>
/// <remarks>
/// <para>Blocks of <see cref="Block"/> values are coded a bucket per byte by <see cref="BucketCodes"/> (arithmetic for evenly
/// spaced edges such as the 5-point distribution, per-edge compares summed in vector lanes otherwise; both exact), then
/// counted by <see cref="ByteCodes.Count"/>: one compare of 64 codes per bucket, popcounted. NaN counts in no bucket;
/// values whose validity bit is clear count nowhere.</para>
/// <para><see cref="CountByEdgeCompares"/> is the previous kernel (≥ counts per edge from compare masks popcounted eight
/// values at a time, then differences); it serves more edges than a byte code holds and is the benchmarks' comparison.</para>
/// </remarks>
internal static class BucketCounter
{
    /// <summary>Values coded per block (the codes live on the stack).</summary>
    public const int Block = 2048;

    /// <summary>Adds the bucket counts of the valid values to <paramref name="counts"/>.</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap (bit set = valid), or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c> (Arrow slices).</param>
    /// <param name="edges">1 or more edges, strictly ascending, finite.</param>
    /// <param name="counts"><c>edges.Length + 1</c> counters, added to.</param>
    /// <returns>The number of valid values that were NaN (counted in no bucket).</returns>
    public static long Count(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<long> counts) =>
        Count(values, validity, validityOffset, edges, counts, BucketMethod.Auto);

    /// <summary>As <see cref="Count(ReadOnlySpan{double}, ReadOnlySpan{byte}, int, ReadOnlySpan{double}, Span{long})"/>, with the coding method chosen (tests and benchmarks).</summary>
    public static long Count(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<long> counts, BucketMethod method)
    {
        if (counts.Length != edges.Length + 1)
        {
            KernelThrow.CountsLength(edges.Length + 1, counts.Length);
        }

        if (edges.Length > BucketCodes.MaxEdges)
        {
            return CountByEdgeCompares(values, validity, validityOffset, edges, counts);
        }

        Span<byte> codes = stackalloc byte[Block];
        Span<long> tally = stackalloc long[edges.Length + 2]; // the buckets, then NaN
        tally.Clear();
        for (var start = 0; start < values.Length; start += Block)
        {
            var n = Math.Min(Block, values.Length - start);
            BucketCodes.Assign(values.Slice(start, n), validity, validityOffset + start, edges, codes, method);
            ByteCodes.Count(codes[..n], tally);
        }

        for (var b = 0; b <= edges.Length; b++)
        {
            counts[b] += tally[b];
        }

        return tally[^1];
    }

    /// <summary>The previous kernel: ≥ counts per edge from compare masks, eight values and one validity byte at a time, then differences.</summary>
    /// <inheritdoc cref="Count(ReadOnlySpan{double}, ReadOnlySpan{byte}, int, ReadOnlySpan{double}, Span{long})"/>
    public static long CountByEdgeCompares(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<long> counts)
    {
        if (counts.Length != edges.Length + 1)
        {
            KernelThrow.CountsLength(edges.Length + 1, counts.Length);
        }

        Span<long> atOrAbove = edges.Length <= 32 ? stackalloc long[edges.Length] : new long[edges.Length];
        atOrAbove.Clear();
        long valid = 0;
        long nan = 0;
        var i = 0;
        var allValid = validity.IsEmpty;

        if (Vector512.IsHardwareAccelerated && values.Length >= 8)
        {
            // Eight values per vector: one compare per edge for a whole validity byte.
            ref var v0 = ref MemoryMarshal.GetReference(values);
            Span<Vector512<double>> edgeVectors = edges.Length <= 32 ? stackalloc Vector512<double>[edges.Length] : new Vector512<double>[edges.Length];
            for (var k = 0; k < edges.Length; k++)
            {
                edgeVectors[k] = Vector512.Create(edges[k]);
            }

            for (; i <= values.Length - 8; i += 8)
            {
                var bits = allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
                if (bits == 0)
                {
                    continue;
                }

                var v = Vector512.LoadUnsafe(ref v0, (nuint)i);
                var numbers = (int)Vector512.Equals(v, v).ExtractMostSignificantBits();
                var lanes = bits & numbers;
                valid += BitOperations.PopCount((uint)lanes);
                nan += BitOperations.PopCount((uint)(bits & ~numbers & 0xFF));
                for (var k = 0; k < edgeVectors.Length; k++)
                {
                    atOrAbove[k] += BitOperations.PopCount((uint)((int)Vector512.GreaterThanOrEqual(v, edgeVectors[k]).ExtractMostSignificantBits() & lanes));
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated && values.Length >= 8)
        {
            ref var v0 = ref MemoryMarshal.GetReference(values);
            Span<Vector256<double>> edgeVectors = edges.Length <= 32 ? stackalloc Vector256<double>[edges.Length] : new Vector256<double>[edges.Length];
            for (var k = 0; k < edges.Length; k++)
            {
                edgeVectors[k] = Vector256.Create(edges[k]);
            }

            for (; i <= values.Length - 8; i += 8)
            {
                var bits = allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
                if (bits == 0)
                {
                    continue;
                }

                var lo = Vector256.LoadUnsafe(ref v0, (nuint)i);
                var hi = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
                var numbers = (int)(Vector256.Equals(lo, lo).ExtractMostSignificantBits() | (Vector256.Equals(hi, hi).ExtractMostSignificantBits() << 4));
                var lanes = bits & numbers;
                valid += BitOperations.PopCount((uint)lanes);
                nan += BitOperations.PopCount((uint)(bits & ~numbers & 0xFF));
                for (var k = 0; k < edgeVectors.Length; k++)
                {
                    var e = edgeVectors[k];
                    var ge = (int)(Vector256.GreaterThanOrEqual(lo, e).ExtractMostSignificantBits() | (Vector256.GreaterThanOrEqual(hi, e).ExtractMostSignificantBits() << 4));
                    atOrAbove[k] += BitOperations.PopCount((uint)(ge & lanes));
                }
            }
        }

        for (; i < values.Length; i++)
        {
            if (!allValid && !BitBlocks.Bit(validity, validityOffset + i))
            {
                continue;
            }

            var v = values[i];
            if (double.IsNaN(v))
            {
                nan++;
                continue;
            }

            valid++;
            for (var k = 0; k < edges.Length && v >= edges[k]; k++)
            {
                atOrAbove[k]++;
            }
        }

        counts[0] += valid - atOrAbove[0];
        for (var k = 1; k < edges.Length; k++)
        {
            counts[k] += atOrAbove[k - 1] - atOrAbove[k];
        }

        counts[edges.Length] += atOrAbove[^1];
        return nan;
    }
}
