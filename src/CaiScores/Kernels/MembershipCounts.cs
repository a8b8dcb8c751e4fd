using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>
/// Counts the bit positions of up to 16 bitmaps ("planes") by membership combination: position <c>p</c> has the mask
/// <c>Σ bit p of plane i « i</c>, and <c>counts[mask]</c> gains one for it. Knows nothing of persons or sets; the
/// overlaps (Venn, UpSet) are this over person bitmaps.
/// </summary>
/// <remarks>
/// <para>Planes are contiguous: plane <c>i</c> is <c>planes[i × words .. (i + 1) × words)</c>. Positions in no plane
/// (mask 0) are not counted and <c>counts[0]</c> is never touched: callers know how many positions they looked at.</para>
/// <para>Up to three planes the masks are never built: each word gives the 2^k − 1 regions as popcounts of word
/// combinations (<c>a &amp; b &amp; ~c</c> …). From four planes on, each 8-bit slice of every plane's word is spread to
/// eight bytes by a table (bit j → byte j), shifted to the plane's bit and ORed: two 64-bit registers then hold the
/// 16-bit masks of eight positions (planes 0–7 in one, 8–15 in the other), and only positions in some plane are counted.
/// Words and slices in no plane are skipped.</para>
/// </remarks>
internal static class MembershipCounts
{
    /// <summary>The most planes a mask holds.</summary>
    public const int MaxPlanes = 16;

    /// <summary>Byte j of <c>Spread[b]</c> is bit j of <c>b</c>.</summary>
    private static readonly ulong[] Spread = CreateSpread();

    /// <summary>
    /// <c>counts[m] += </c> the positions in <c>[0, 64 × words)</c> whose membership mask is <c>m</c>, for every
    /// <c>m ≥ 1</c>; <c>counts[0]</c> is untouched.
    /// </summary>
    /// <param name="planes"><paramref name="planeCount"/> bitmaps of <paramref name="words"/> words each, one after the other.</param>
    /// <param name="planeCount">0 to <see cref="MaxPlanes"/>.</param>
    /// <param name="words">Words per plane.</param>
    /// <param name="counts">At least <c>2^planeCount</c> counters.</param>
    public static void Count(ReadOnlySpan<ulong> planes, int planeCount, int words, Span<long> counts)
    {
        Check(planes, planeCount, words, counts);
        switch (planeCount)
        {
            case 0:
                return;
            case 1:
                counts[1] += BitmapKernels.PopCount(planes[..words]);
                return;
            case 2:
                CountTwo(planes[..words], planes.Slice(words, words), counts);
                return;
            case 3:
                CountThree(planes[..words], planes.Slice(words, words), planes.Slice(2 * words, words), counts);
                return;
            default:
                CountByTransposition(planes, planeCount, words, counts);
                return;
        }
    }

    /// <summary>The general path (any plane count 1–16), mask by mask; <see cref="Count"/> uses it from four planes on.</summary>
    /// <inheritdoc cref="Count" path="/param"/>
    public static void CountByTransposition(ReadOnlySpan<ulong> planes, int planeCount, int words, Span<long> counts)
    {
        Check(planes, planeCount, words, counts);
        if (planeCount == 0)
        {
            return;
        }

        var spread = Spread;
        ref var c0 = ref MemoryMarshal.GetReference(counts);
        Span<ulong> column = stackalloc ulong[MaxPlanes];
        var low = Math.Min(planeCount, 8);
        for (var w = 0; w < words; w++)
        {
            ulong any = 0;
            for (var i = 0; i < planeCount; i++)
            {
                var word = planes[(i * words) + w];
                column[i] = word;
                any |= word;
            }

            while (any != 0)
            {
                // The 8-position slice holding the lowest position still to count.
                var shift = BitOperations.TrailingZeroCount(any) & ~7;
                var inSlice = (uint)(any >> shift) & 0xFF;
                any &= ~(0xFFUL << shift);
                ulong lo = 0;
                ulong hi = 0;
                for (var i = 0; i < low; i++)
                {
                    lo |= spread[(byte)(column[i] >> shift)] << i;
                }

                for (var i = 8; i < planeCount; i++)
                {
                    hi |= spread[(byte)(column[i] >> shift)] << (i - 8);
                }

                for (; inSlice != 0; inSlice &= inSlice - 1)
                {
                    var byteShift = BitOperations.TrailingZeroCount(inSlice) << 3;
                    var mask = (int)((lo >> byteShift) & 0xFF) | (int)(((hi >> byteShift) & 0xFF) << 8);
                    Unsafe.Add(ref c0, mask)++;
                }
            }
        }
    }

    private static void CountTwo(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, Span<long> counts)
    {
        long onlyA = 0, onlyB = 0, both = 0;
        for (var w = 0; w < a.Length; w++)
        {
            var x = a[w];
            var y = b[w];
            onlyA += BitOperations.PopCount(x & ~y);
            onlyB += BitOperations.PopCount(y & ~x);
            both += BitOperations.PopCount(x & y);
        }

        counts[1] += onlyA;
        counts[2] += onlyB;
        counts[3] += both;
    }

    private static void CountThree(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> c, Span<long> counts)
    {
        long m1 = 0, m2 = 0, m3 = 0, m4 = 0, m5 = 0, m6 = 0, m7 = 0;
        for (var w = 0; w < a.Length; w++)
        {
            var x = a[w];
            var y = b[w];
            var z = c[w];
            var xy = x & y;
            var notZ = ~z;
            m1 += BitOperations.PopCount(x & ~(y | z));
            m2 += BitOperations.PopCount(y & ~(x | z));
            m3 += BitOperations.PopCount(xy & notZ);
            m4 += BitOperations.PopCount(z & ~(x | y));
            m5 += BitOperations.PopCount(x & z & ~y);
            m6 += BitOperations.PopCount(y & z & ~x);
            m7 += BitOperations.PopCount(xy & z);
        }

        counts[1] += m1;
        counts[2] += m2;
        counts[3] += m3;
        counts[4] += m4;
        counts[5] += m5;
        counts[6] += m6;
        counts[7] += m7;
    }

    private static void Check(ReadOnlySpan<ulong> planes, int planeCount, int words, Span<long> counts)
    {
        if ((uint)planeCount > MaxPlanes || words < 0 || planes.Length < (long)planeCount * words || counts.Length < 1 << planeCount)
        {
            ThrowShapes(planeCount, words, planes.Length, counts.Length);
        }
    }

    [DoesNotReturn]
    private static void ThrowShapes(int planeCount, int words, int planeWords, int counters) =>
        throw new ArgumentException(string.Create(
            CultureInfo.InvariantCulture,
            $"Membership counting needs 0 to {MaxPlanes} planes of the same word count and a counter per mask: {planeCount} planes of {words} words in {planeWords} words, {counters} counters."));

    private static ulong[] CreateSpread()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            for (var j = 0; j < 8; j++)
            {
                table[b] |= (ulong)((b >> j) & 1) << (8 * j);
            }
        }

        return table;
    }
}
