using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// The compare masks of a block of up to 64 doubles, one bit per value, for the row path of
/// <see cref="GroupedBucketAggregator"/>: which values are at or above each of four edges and which are numbers, on
/// 512-bit vectors (else 256-bit, else scalar).
/// </summary>
internal static class BlockMasks
{
    /// <summary>Bit j of <c>GeK</c> set when value j ≥ edge K, of <c>Number</c> when value j is not NaN.</summary>
    internal readonly record struct Masks(ulong Ge0, ulong Ge1, ulong Ge2, ulong Ge3, ulong Number);

    /// <summary>For 64 values: bit j of <c>GeK</c> set when value j ≥ edge K (never for a NaN edge), of <c>Number</c> when value j is not NaN.</summary>
    public static Masks Masks64(ref double block, Span<double> edges)
    {
        ulong ge0 = 0, ge1 = 0, ge2 = 0, ge3 = 0, number = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var e0 = Vector512.Create(edges[0]);
            var e1 = Vector512.Create(edges[1]);
            var e2 = Vector512.Create(edges[2]);
            var e3 = Vector512.Create(edges[3]);
            for (var j = 0; j < 64; j += 8)
            {
                var v = Vector512.LoadUnsafe(ref block, (nuint)j);
                ge0 |= Vector512.GreaterThanOrEqual(v, e0).ExtractMostSignificantBits() << j;
                ge1 |= Vector512.GreaterThanOrEqual(v, e1).ExtractMostSignificantBits() << j;
                ge2 |= Vector512.GreaterThanOrEqual(v, e2).ExtractMostSignificantBits() << j;
                ge3 |= Vector512.GreaterThanOrEqual(v, e3).ExtractMostSignificantBits() << j;
                number |= Vector512.Equals(v, v).ExtractMostSignificantBits() << j;
            }

            return new Masks(ge0, ge1, ge2, ge3, number);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var e0 = Vector256.Create(edges[0]);
            var e1 = Vector256.Create(edges[1]);
            var e2 = Vector256.Create(edges[2]);
            var e3 = Vector256.Create(edges[3]);
            for (var j = 0; j < 64; j += 4)
            {
                var v = Vector256.LoadUnsafe(ref block, (nuint)j);
                ge0 |= (ulong)Vector256.GreaterThanOrEqual(v, e0).ExtractMostSignificantBits() << j;
                ge1 |= (ulong)Vector256.GreaterThanOrEqual(v, e1).ExtractMostSignificantBits() << j;
                ge2 |= (ulong)Vector256.GreaterThanOrEqual(v, e2).ExtractMostSignificantBits() << j;
                ge3 |= (ulong)Vector256.GreaterThanOrEqual(v, e3).ExtractMostSignificantBits() << j;
                number |= (ulong)Vector256.Equals(v, v).ExtractMostSignificantBits() << j;
            }

            return new Masks(ge0, ge1, ge2, ge3, number);
        }

        return MasksScalar(ref block, 64, edges);
    }

    public static Masks MasksScalar(ref double block, int count, Span<double> edges)
    {
        ulong ge0 = 0, ge1 = 0, ge2 = 0, ge3 = 0, number = 0;
        for (var j = 0; j < count; j++)
        {
            var v = Unsafe.Add(ref block, j);
            ge0 |= (v >= edges[0] ? 1UL : 0) << j;
            ge1 |= (v >= edges[1] ? 1UL : 0) << j;
            ge2 |= (v >= edges[2] ? 1UL : 0) << j;
            ge3 |= (v >= edges[3] ? 1UL : 0) << j;
            number |= (double.IsNaN(v) ? 0 : 1UL) << j;
        }

        return new Masks(ge0, ge1, ge2, ge3, number);
    }

    public static ulong NotNaN64(ref double block)
    {
        ulong number = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (var j = 0; j < 64; j += 8)
            {
                var v = Vector512.LoadUnsafe(ref block, (nuint)j);
                number |= Vector512.Equals(v, v).ExtractMostSignificantBits() << j;
            }

            return number;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (var j = 0; j < 64; j += 4)
            {
                var v = Vector256.LoadUnsafe(ref block, (nuint)j);
                number |= (ulong)Vector256.Equals(v, v).ExtractMostSignificantBits() << j;
            }

            return number;
        }

        return NotNaNScalar(ref block, 64);
    }

    public static ulong NotNaNScalar(ref double block, int count)
    {
        ulong number = 0;
        for (var j = 0; j < count; j++)
        {
            number |= (double.IsNaN(Unsafe.Add(ref block, j)) ? 0 : 1UL) << j;
        }

        return number;
    }
}
