using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Writes each value's bucket as a byte code: <c>0 … n</c> for the buckets cut by <c>n</c> ascending edges (CJA's way:
/// bucket <c>b</c> holds <c>edges[b−1] ≤ v &lt; edges[b]</c>, a value on an edge goes up), <see cref="NaNCode"/> for
/// NaN and <see cref="SkipCode"/> for values whose validity bit is clear. Knows nothing of CAI or of the table.
/// </summary>
/// <remarks>
/// <para>Two exact methods. <b>Compares</b> sums the edge compares in vector lanes (subtracting the all-ones masks), which
/// is the definition itself. <b>Arithmetic</b>, for evenly spaced edges such as CJA's 5-point distribution, estimates the
/// bucket as <c>clamp(floor((v − first) × (1/step)) + 1, 0, n)</c> and corrects it with one compare against the edge below
/// and one against the edge above, both recomputed as <c>first + k × step</c>; <see cref="TryUniform"/> only accepts edges
/// that are bit-for-bit <c>first + k × step</c> in double arithmetic (the same operations, never fused), so those compares
/// are compares with the true edges. The arithmetic of one vector is <see cref="UniformCode512"/> or
/// <see cref="UniformCode256"/>; the drivers here loop, narrow and store.</para>
/// <para>Why one correction suffices, for every double. Let <c>e_k</c> be the edges and <c>E_k = first + k·step</c> the
/// same points in exact arithmetic; <c>e_k</c> is <c>E_k</c> rounded twice, so <c>|e_k − E_k| ≤ 2^−52 · 2^21 · step</c>
/// (<see cref="TryUniform"/> keeps every edge within 2^20 steps of zero). For <c>e_0 ≤ v &lt; e_(n−1)</c>,
/// <c>|v − first| ≤ 2^21 · step</c>, and the subtraction, the reciprocal and the product each round by a relative 2^−53,
/// so the computed quotient is within 2^−30 of <c>(v − first)/step</c>. If the true bucket is <c>b</c>
/// (<c>e_(b−1) ≤ v &lt; e_b</c>), the exact quotient lies in <c>[b − 1 − 2^−31, b + 2^−31)</c>, the computed one in
/// <c>(b − 2, b + 1)</c>, and the estimate <c>floor + 1</c> is <c>b − 1</c>, <c>b</c> or <c>b + 1</c>. Outside that range
/// monotonicity does the rest: rounding is monotone, and floor, clamp and a positive factor keep order, so for
/// <c>v &lt; e_0</c> the quotient is at most the one of <c>e_0</c>, which is exactly 0 (estimate ≤ 1), and for
/// <c>v ≥ e_(n−1)</c> the estimate is at least that of <c>e_(n−1)</c>, which is ≥ n − 1 after the clamp. ±∞, and products
/// that overflow to ±∞, clamp to bucket 0 or n. The correction compares with <c>first + (t−1)·step</c> and
/// <c>first + t·step</c>, computed exactly as <see cref="TryUniform"/> checked them (product then sum, never fused), so
/// these are the true edges; at t = 0 or t = n one of them is not an edge, and the final clamp undoes the step it may
/// cause.</para>
/// <para>Vector paths: 512-bit (8 values per vector, 64 codes per step) and 256-bit (4 values, 32 codes). The codes are
/// narrowed to bytes in registers, and the validity bits of a step replace invalid codes by the skip code in one
/// byte-wide select, skipped when all are set. A scalar loop handles the rest and machines without SIMD. The min/max are
/// the platform's (non-IEEE) instructions: the only lanes where they could differ, NaN, are recoded afterwards.</para>
/// </remarks>
internal static class BucketCodes
{
    /// <summary>The most edges a byte code holds (buckets 0 … n, then the NaN and skip codes).</summary>
    public const int MaxEdges = 253;

    /// <summary>How far from zero, in steps, <see cref="TryUniform"/> accepts the first and last edge.</summary>
    public const double MaxStepsFromZero = 1 << 20;

    // Byte i of a broadcast 64-bit word, taken from its own 128-bit lane (an in-lane shuffle): lane L holds word bytes 2L and 2L + 1.
    private static readonly Vector512<byte> ByteOfBit512 = Vector512.Create(
        (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 18, 18, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19, 19, 19,
        36, 36, 36, 36, 36, 36, 36, 36, 37, 37, 37, 37, 37, 37, 37, 37, 54, 54, 54, 54, 54, 54, 54, 54, 55, 55, 55, 55, 55, 55, 55, 55);

    private static readonly Vector512<byte> BitOfByte512 = Vector512.Create(0x8040201008040201UL).AsByte();
    private static readonly Vector256<byte> ByteOfBit256 = Vector256.Create(
        (byte)0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 18, 18, 18, 18, 18, 18, 18, 18, 19, 19, 19, 19, 19, 19, 19, 19);

    private static readonly Vector256<byte> BitOfByte256 = Vector256.Create(0x8040201008040201UL).AsByte();

    /// <summary>The code of a NaN value for <paramref name="edgeCount"/> edges.</summary>
    public static byte NaNCode(int edgeCount) => (byte)(edgeCount + 1);

    /// <summary>The code of a value whose validity bit is clear, for <paramref name="edgeCount"/> edges.</summary>
    public static byte SkipCode(int edgeCount) => (byte)(edgeCount + 2);

    /// <summary>
    /// Whether the edges are evenly spaced in the exact sense the arithmetic method needs: at least two, every
    /// <c>edges[k] == first + k * step</c> bit for bit with <c>step = edges[1] − edges[0]</c>, and the first and last edge at
    /// most <see cref="MaxStepsFromZero"/> steps from zero.
    /// </summary>
    public static bool TryUniform(ReadOnlySpan<double> edges, out double first, out double step)
    {
        first = edges.Length > 0 ? edges[0] : 0;
        step = edges.Length > 1 ? edges[1] - edges[0] : 0;
        if (edges.Length < 2 || !(step > 0) || !double.IsFinite(step) || !double.IsFinite(first)
            || Math.Abs(first) > MaxStepsFromZero * step || Math.Abs(edges[^1]) > MaxStepsFromZero * step)
        {
            return false;
        }

        for (var k = 1; k < edges.Length; k++)
        {
            if (edges[k] != Edge(first, step, k))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the code of every value.</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap (bit set = valid), or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    /// <param name="edges">1 to <see cref="MaxEdges"/> edges, strictly ascending, finite.</param>
    /// <param name="codes">At least <c>values.Length</c> bytes.</param>
    /// <param name="method">The method; <see cref="BucketMethod.Arithmetic"/> needs <see cref="TryUniform"/> edges.</param>
    public static void Assign(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<byte> codes, BucketMethod method = BucketMethod.Auto)
    {
        if (edges.Length is 0 or > MaxEdges)
        {
            KernelThrow.TooManyEdges(edges.Length, MaxEdges);
        }

        if (codes.Length < values.Length)
        {
            KernelThrow.CodesTooShort(values.Length, codes.Length);
        }

        var uniform = TryUniform(edges, out var first, out var step);
        if (method == BucketMethod.Arithmetic && !uniform)
        {
            KernelThrow.NotUniform();
        }

        var arithmetic = uniform && method != BucketMethod.Compares;
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = arithmetic
                ? Arithmetic512(values, validity, validityOffset, edges.Length, first, step, codes)
                : Compares512(values, validity, validityOffset, edges, codes);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            i = arithmetic
                ? Arithmetic256(values, validity, validityOffset, edges.Length, first, step, codes)
                : Compares256(values, validity, validityOffset, edges, codes);
        }

        var nan = NaNCode(edges.Length);
        var skip = SkipCode(edges.Length);
        for (; i < values.Length; i++)
        {
            if (!validity.IsEmpty && !BitBlocks.Bit(validity, validityOffset + i))
            {
                codes[i] = skip;
                continue;
            }

            var v = values[i];
            if (double.IsNaN(v))
            {
                codes[i] = nan;
                continue;
            }

            var b = 0;
            while (b < edges.Length && v >= edges[b])
            {
                b++;
            }

            codes[i] = (byte)b;
        }
    }

    /// <summary>Edge <paramref name="k"/> of a uniform scheme, computed exactly as the vector paths compute it (product, then sum; never fused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Edge(double first, double step, double k) => first + (k * step);

    private static int Arithmetic512(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, int edgeCount, double first, double step, Span<byte> codes)
    {
        var c = new UniformCode512(first, step, edgeCount);
        var skip = Vector512.Create(SkipCode(edgeCount));
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 64; i += 64)
        {
            ref var v = ref Unsafe.Add(ref v0, i);
            var n0 = Vector512.Narrow(Vector512.Narrow(c.Code(ref v, 0), c.Code(ref v, 8)), Vector512.Narrow(c.Code(ref v, 16), c.Code(ref v, 24)));
            var n1 = Vector512.Narrow(Vector512.Narrow(c.Code(ref v, 32), c.Code(ref v, 40)), Vector512.Narrow(c.Code(ref v, 48), c.Code(ref v, 56)));
            Store(Vector512.Narrow(n0, n1), validity, validityOffset + i, skip, ref c0, i);
        }

        return i;
    }

    private static int Compares512(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<byte> codes)
    {
        var nan = Vector512.Create((ulong)NaNCode(edges.Length));
        var skip = Vector512.Create(SkipCode(edges.Length));
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var e0 = ref MemoryMarshal.GetReference(edges);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 64; i += 64)
        {
            ref var v = ref Unsafe.Add(ref v0, i);
            var x0 = Vector512.LoadUnsafe(ref v, 0);
            var x1 = Vector512.LoadUnsafe(ref v, 8);
            var x2 = Vector512.LoadUnsafe(ref v, 16);
            var x3 = Vector512.LoadUnsafe(ref v, 24);
            var x4 = Vector512.LoadUnsafe(ref v, 32);
            var x5 = Vector512.LoadUnsafe(ref v, 40);
            var x6 = Vector512.LoadUnsafe(ref v, 48);
            var x7 = Vector512.LoadUnsafe(ref v, 56);
            Vector512<ulong> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            for (var k = 0; k < edges.Length; k++)
            {
                // An all-ones mask is −1: subtracting it counts the edges at or below the value.
                var e = Vector512.Create(Unsafe.Add(ref e0, k));
                a0 -= Vector512.GreaterThanOrEqual(x0, e).AsUInt64();
                a1 -= Vector512.GreaterThanOrEqual(x1, e).AsUInt64();
                a2 -= Vector512.GreaterThanOrEqual(x2, e).AsUInt64();
                a3 -= Vector512.GreaterThanOrEqual(x3, e).AsUInt64();
                a4 -= Vector512.GreaterThanOrEqual(x4, e).AsUInt64();
                a5 -= Vector512.GreaterThanOrEqual(x5, e).AsUInt64();
                a6 -= Vector512.GreaterThanOrEqual(x6, e).AsUInt64();
                a7 -= Vector512.GreaterThanOrEqual(x7, e).AsUInt64();
            }

            var n0 = Vector512.Narrow(Vector512.Narrow(NaNs(x0, a0, nan), NaNs(x1, a1, nan)), Vector512.Narrow(NaNs(x2, a2, nan), NaNs(x3, a3, nan)));
            var n1 = Vector512.Narrow(Vector512.Narrow(NaNs(x4, a4, nan), NaNs(x5, a5, nan)), Vector512.Narrow(NaNs(x6, a6, nan), NaNs(x7, a7, nan)));
            Store(Vector512.Narrow(n0, n1), validity, validityOffset + i, skip, ref c0, i);
        }

        return i;
    }

    private static int Arithmetic256(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, int edgeCount, double first, double step, Span<byte> codes)
    {
        var c = new UniformCode256(first, step, edgeCount);
        var skip = Vector256.Create(SkipCode(edgeCount));
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 32; i += 32)
        {
            ref var v = ref Unsafe.Add(ref v0, i);
            var n0 = Vector256.Narrow(Vector256.Narrow(c.Code(ref v, 0), c.Code(ref v, 4)), Vector256.Narrow(c.Code(ref v, 8), c.Code(ref v, 12)));
            var n1 = Vector256.Narrow(Vector256.Narrow(c.Code(ref v, 16), c.Code(ref v, 20)), Vector256.Narrow(c.Code(ref v, 24), c.Code(ref v, 28)));
            Store(Vector256.Narrow(n0, n1), validity, validityOffset + i, skip, ref c0, i);
        }

        return i;
    }

    private static int Compares256(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, ReadOnlySpan<double> edges, Span<byte> codes)
    {
        var nan = Vector256.Create((ulong)NaNCode(edges.Length));
        var skip = Vector256.Create(SkipCode(edges.Length));
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var e0 = ref MemoryMarshal.GetReference(edges);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 32; i += 32)
        {
            ref var v = ref Unsafe.Add(ref v0, i);
            var x0 = Vector256.LoadUnsafe(ref v, 0);
            var x1 = Vector256.LoadUnsafe(ref v, 4);
            var x2 = Vector256.LoadUnsafe(ref v, 8);
            var x3 = Vector256.LoadUnsafe(ref v, 12);
            var x4 = Vector256.LoadUnsafe(ref v, 16);
            var x5 = Vector256.LoadUnsafe(ref v, 20);
            var x6 = Vector256.LoadUnsafe(ref v, 24);
            var x7 = Vector256.LoadUnsafe(ref v, 28);
            Vector256<ulong> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            for (var k = 0; k < edges.Length; k++)
            {
                var e = Vector256.Create(Unsafe.Add(ref e0, k));
                a0 -= Vector256.GreaterThanOrEqual(x0, e).AsUInt64();
                a1 -= Vector256.GreaterThanOrEqual(x1, e).AsUInt64();
                a2 -= Vector256.GreaterThanOrEqual(x2, e).AsUInt64();
                a3 -= Vector256.GreaterThanOrEqual(x3, e).AsUInt64();
                a4 -= Vector256.GreaterThanOrEqual(x4, e).AsUInt64();
                a5 -= Vector256.GreaterThanOrEqual(x5, e).AsUInt64();
                a6 -= Vector256.GreaterThanOrEqual(x6, e).AsUInt64();
                a7 -= Vector256.GreaterThanOrEqual(x7, e).AsUInt64();
            }

            var n0 = Vector256.Narrow(Vector256.Narrow(NaNs(x0, a0, nan), NaNs(x1, a1, nan)), Vector256.Narrow(NaNs(x2, a2, nan), NaNs(x3, a3, nan)));
            var n1 = Vector256.Narrow(Vector256.Narrow(NaNs(x4, a4, nan), NaNs(x5, a5, nan)), Vector256.Narrow(NaNs(x6, a6, nan), NaNs(x7, a7, nan)));
            Store(Vector256.Narrow(n0, n1), validity, validityOffset + i, skip, ref c0, i);
        }

        return i;
    }

    /// <summary>The bucket, or the NaN code where the value is NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> NaNs(Vector512<double> v, Vector512<ulong> bucket, Vector512<ulong> nan) =>
        Vector512.ConditionalSelect(Vector512.Equals(v, v).AsUInt64(), bucket, nan);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<ulong> NaNs(Vector256<double> v, Vector256<ulong> bucket, Vector256<ulong> nan) =>
        Vector256.ConditionalSelect(Vector256.Equals(v, v).AsUInt64(), bucket, nan);

    /// <summary>Stores 64 codes, replacing those whose validity bit is clear by the skip code (one byte-wide select, only when some bit is clear).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<byte> codes, ReadOnlySpan<byte> validity, int bit, Vector512<byte> skip, ref byte destination, int index)
    {
        if (!validity.IsEmpty)
        {
            var bits = BitBlocks.Read64(validity, bit);
            if (bits != ulong.MaxValue)
            {
                codes = Vector512.ConditionalSelect(ValidBytes(bits), codes, skip);
            }
        }

        codes.StoreUnsafe(ref destination, (nuint)index);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<byte> codes, ReadOnlySpan<byte> validity, int bit, Vector256<byte> skip, ref byte destination, int index)
    {
        if (!validity.IsEmpty)
        {
            var bits = (uint)BitBlocks.Read64(validity, bit);
            if (bits != uint.MaxValue)
            {
                codes = Vector256.ConditionalSelect(ValidBytes(bits), codes, skip);
            }
        }

        codes.StoreUnsafe(ref destination, (nuint)index);
    }

    /// <summary>Byte <c>i</c> all ones when bit <c>i</c> is set: each byte takes the validity byte <c>i / 8</c> (an in-lane shuffle of the broadcast word) and tests its bit <c>i % 8</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<byte> ValidBytes(ulong bits)
    {
        var spread = Vector512.Shuffle(Vector512.Create(bits).AsByte(), ByteOfBit512);
        return Vector512.Equals(spread & BitOfByte512, BitOfByte512);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<byte> ValidBytes(uint bits)
    {
        var spread = Vector256.Shuffle(Vector256.Create(bits).AsByte(), ByteOfBit256);
        return Vector256.Equals(spread & BitOfByte256, BitOfByte256);
    }
}
