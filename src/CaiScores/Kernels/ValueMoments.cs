using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>Count, sum, minimum and maximum of values, as <see cref="ValueMoments.Add"/> accumulates them.</summary>
internal struct Moments
{
    /// <summary>Values added.</summary>
    public long Count;

    /// <summary>Their sum.</summary>
    public double Sum;

    /// <summary>The least value added (+∞ when none).</summary>
    public double Min;

    /// <summary>The greatest value added (−∞ when none).</summary>
    public double Max;

    /// <summary>No values yet.</summary>
    public static Moments Empty => new() { Min = double.PositiveInfinity, Max = double.NegativeInfinity };

    /// <summary>Adds another state's values (the caller merges in a fixed order, so sums are reproducible).</summary>
    /// <param name="other">The other state.</param>
    public void Merge(in Moments other)
    {
        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }
}

/// <summary>
/// Count, sum, min and max of the values whose bit is set in a word mask, NaN excluded: the statistics a distribution
/// reports beside its buckets, taken from a block the bucket kernel has just read (so from cache, not memory). Knows
/// nothing of CAI or of the table: spans in, moments out.
/// </summary>
/// <remarks>
/// A word of 64 valid values is added without masks (sum, min and max straight, NaN tested once for the word). Otherwise
/// four values a step (<see cref="Vector256{T}"/>): the step's four mask bits become lane masks, ANDed with <c>v == v</c>
/// (not NaN); masked lanes add 0 to the sum and ±∞ to the extremes. The four lane sums are added in a fixed order, so the
/// sum of a block is the same on every run (without 256-bit vectors, a plain loop adds in value order).
/// </remarks>
internal static class ValueMoments
{
    /// <summary>Adds the values of <paramref name="values"/> whose bit is set in <paramref name="valid"/> (bit <c>i</c> of word <c>i / 64</c>), NaN excluded.</summary>
    /// <param name="values">The values of a block.</param>
    /// <param name="valid">One bit per value (at least <c>⌈values.Length / 64⌉</c> words).</param>
    /// <param name="into">The state added to.</param>
    public static void Add(ReadOnlySpan<double> values, ReadOnlySpan<ulong> valid, ref Moments into)
    {
        if (valid.Length < (values.Length + 63) / 64)
        {
            KernelThrow.CountsLength((values.Length + 63) / 64, valid.Length);
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated && values.Length >= Vector256<double>.Count)
        {
            var sum = Vector256<double>.Zero;
            var min = Vector256.Create(double.PositiveInfinity);
            var max = Vector256.Create(double.NegativeInfinity);
            var laneBits = Vector256.Create(1L, 2L, 4L, 8L);
            long count = 0;
            ref var start = ref MemoryMarshal.GetReference(values);
            for (; i + 4 <= values.Length; i += 4)
            {
                // A whole word of valid values (the common case) takes the plain path: no lane masks, and the NaN test
                // once for the 64 values; a word with a NaN is redone lane by lane below.
                if ((i & 63) == 0 && i + 64 <= values.Length && valid[i >> 6] == ulong.MaxValue
                    && AddWholeWord(ref Unsafe.Add(ref start, i), ref sum, ref min, ref max))
                {
                    count += 64;
                    i += 60;
                    continue;
                }

                // i is a multiple of 4, so the step's four bits never straddle two words.
                var bits = (long)((valid[i >> 6] >> (i & 63)) & 0xF);
                if (bits == 0)
                {
                    continue;
                }

                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var take = ~Vector256.Equals(Vector256.Create(bits) & laneBits, Vector256<long>.Zero).AsDouble() & Vector256.Equals(v, v);
                count += BitOperations.PopCount(Vector256.ExtractMostSignificantBits(take));
                sum += v & take;
                min = Vector256.Min(min, Vector256.ConditionalSelect(take, v, Vector256.Create(double.PositiveInfinity)));
                max = Vector256.Max(max, Vector256.ConditionalSelect(take, v, Vector256.Create(double.NegativeInfinity)));
            }

            into.Count += count;
            into.Sum += (sum[0] + sum[1]) + (sum[2] + sum[3]);
            into.Min = Math.Min(into.Min, Math.Min(Math.Min(min[0], min[1]), Math.Min(min[2], min[3])));
            into.Max = Math.Max(into.Max, Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3])));
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            if (((valid[i >> 6] >> (i & 63)) & 1) == 0 || double.IsNaN(v))
            {
                continue;
            }

            into.Count++;
            into.Sum += v;
            into.Min = Math.Min(into.Min, v);
            into.Max = Math.Max(into.Max, v);
        }
    }

    /// <summary>
    /// Adds 64 values to the accumulators unless one of them is NaN (then nothing is added and the caller masks them).
    /// </summary>
    private static bool AddWholeWord(ref double first, ref Vector256<double> sum, ref Vector256<double> min, ref Vector256<double> max)
    {
        var s = Vector256<double>.Zero;
        var lo = Vector256.Create(double.PositiveInfinity);
        var hi = Vector256.Create(double.NegativeInfinity);
        var nan = Vector256<double>.Zero;
        for (nuint k = 0; k < 64; k += 4)
        {
            var v = Vector256.LoadUnsafe(ref first, k);
            nan |= ~Vector256.Equals(v, v);
            s += v;
            lo = Vector256.Min(lo, v);
            hi = Vector256.Max(hi, v);
        }

        if (nan != Vector256<double>.Zero)
        {
            return false;
        }

        sum += s;
        min = Vector256.Min(min, lo);
        max = Vector256.Max(max, hi);
        return true;
    }
}
