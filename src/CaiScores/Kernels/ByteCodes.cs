using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Counting and bitmapping small byte codes (a bucket per value, as <see cref="BucketCodes"/> and
/// <see cref="HistogramCodes"/> write them): one compare of 64 (or 32) codes per code value, the match mask popcounted
/// or ORed into a per-code bitmap. No scatter, so a run of equal codes costs no more than mixed ones.
/// </summary>
internal static class ByteCodes
{
    /// <summary>The most distinct codes counted or bitmapped in one call.</summary>
    public const int MaxCodes = 256;

    /// <summary>Adds to <c>counts[c]</c> the number of codes equal to <c>c</c>, for every <c>c &lt; counts.Length</c>; larger codes are ignored.</summary>
    /// <param name="codes">The codes.</param>
    /// <param name="counts">At most <see cref="MaxCodes"/> counters, added to.</param>
    public static void Count(ReadOnlySpan<byte> codes, Span<long> counts)
    {
        var i = 0;
        ref var code0 = ref MemoryMarshal.GetReference(codes);
        ref var count0 = ref MemoryMarshal.GetReference(counts);
        var distinct = Math.Min(counts.Length, MaxCodes);
        if (Vector512.IsHardwareAccelerated)
        {
            // Two vectors (128 codes) per pass over the code values: one broadcast and one counter update for both.
            for (; i <= codes.Length - 128; i += 128)
            {
                var a = Vector512.LoadUnsafe(ref code0, (nuint)i);
                var b = Vector512.LoadUnsafe(ref code0, (nuint)(i + 64));
                var c = Vector512<byte>.Zero;
                for (var k = 0; k < distinct; k++)
                {
                    Unsafe.Add(ref count0, k) += BitOperations.PopCount(Vector512.Equals(a, c).ExtractMostSignificantBits())
                        + BitOperations.PopCount(Vector512.Equals(b, c).ExtractMostSignificantBits());
                    c += Vector512<byte>.One;
                }
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= codes.Length - 64; i += 64)
            {
                var a = Vector256.LoadUnsafe(ref code0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref code0, (nuint)(i + 32));
                var c = Vector256<byte>.Zero;
                for (var k = 0; k < distinct; k++)
                {
                    Unsafe.Add(ref count0, k) += BitOperations.PopCount(Vector256.Equals(a, c).ExtractMostSignificantBits())
                        + BitOperations.PopCount(Vector256.Equals(b, c).ExtractMostSignificantBits());
                    c += Vector256<byte>.One;
                }
            }
        }

        for (; i < codes.Length; i++)
        {
            var c = Unsafe.Add(ref code0, i);
            if (c < distinct)
            {
                Unsafe.Add(ref count0, c)++;
            }
        }
    }

    /// <summary>
    /// ORs into plane <c>c</c> the positions of the codes equal to <c>c</c>, for every <c>c &lt; planeCount</c>: bit
    /// <c>i</c> of <c>planes[c * stride + i / 64]</c> is set when <c>codes[i] == c</c>. Larger codes set nothing.
    /// </summary>
    /// <param name="codes">At most <c>64 * stride</c> codes.</param>
    /// <param name="planes"><paramref name="planeCount"/> bitmaps of <paramref name="stride"/> words each, ORed into.</param>
    /// <param name="planeCount">The codes that have a plane (at most <see cref="MaxCodes"/>).</param>
    /// <param name="stride">Words per plane.</param>
    public static void OrPlanes(ReadOnlySpan<byte> codes, Span<ulong> planes, int planeCount, int stride)
    {
        if (codes.Length > stride * 64 || planes.Length < planeCount * stride || planeCount > MaxCodes)
        {
            KernelThrow.PlanesTooShort(codes.Length, planeCount, stride, planes.Length);
        }

        var i = 0;
        ref var code0 = ref MemoryMarshal.GetReference(codes);
        ref var plane0 = ref MemoryMarshal.GetReference(planes);
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= codes.Length - 64; i += 64)
            {
                var v = Vector512.LoadUnsafe(ref code0, (nuint)i);
                var c = Vector512<byte>.Zero;
                ref var word = ref Unsafe.Add(ref plane0, i >> 6);
                for (var k = 0; k < planeCount; k++)
                {
                    Unsafe.Add(ref word, k * stride) |= Vector512.Equals(v, c).ExtractMostSignificantBits();
                    c += Vector512<byte>.One;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= codes.Length - 64; i += 64)
            {
                var a = Vector256.LoadUnsafe(ref code0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref code0, (nuint)(i + 32));
                var c = Vector256<byte>.Zero;
                ref var word = ref Unsafe.Add(ref plane0, i >> 6);
                for (var k = 0; k < planeCount; k++)
                {
                    Unsafe.Add(ref word, k * stride) |= Vector256.Equals(a, c).ExtractMostSignificantBits()
                        | ((ulong)Vector256.Equals(b, c).ExtractMostSignificantBits() << 32);
                    c += Vector256<byte>.One;
                }
            }
        }

        for (; i < codes.Length; i++)
        {
            var c = Unsafe.Add(ref code0, i);
            if (c < planeCount)
            {
                Unsafe.Add(ref plane0, (c * stride) + (i >> 6)) |= 1UL << (i & 63);
            }
        }
    }
}
