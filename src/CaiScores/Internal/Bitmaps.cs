using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CaiScores.Kernels;

namespace CaiScores.Internal;

/// <summary>Arrow-layout bitmaps (bit i of the bitmap is bit <c>i % 8</c> of byte <c>i / 8</c>, least significant first).</summary>
internal static class Bitmaps
{
    public static int ByteLength(int bits) => (bits + 7) >> 3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<byte> bitmap, int index) => BitBlocks.Bit(bitmap, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<byte> bitmap, int index) => bitmap[index >> 3] |= (byte)(1 << (index & 7));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<byte> bitmap, int index) => bitmap[index >> 3] &= (byte)~(1 << (index & 7));

    /// <summary>The number of set bits among the first <paramref name="bits"/>.</summary>
    public static int PopCount(ReadOnlySpan<byte> bitmap, int bits)
    {
        var full = bits >> 3;
        var words = MemoryMarshal.Cast<byte, ulong>(bitmap[..full]);
        long count = 0;
        foreach (var w in words)
        {
            count += BitOperations.PopCount(w);
        }

        for (var i = words.Length * 8; i < full; i++)
        {
            count += BitOperations.PopCount((uint)bitmap[i]);
        }

        if ((bits & 7) != 0)
        {
            count += BitOperations.PopCount((uint)(bitmap[full] & ((1 << (bits & 7)) - 1)));
        }

        return (int)count;
    }

    /// <summary>The number of set bits among bits <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>.</summary>
    public static int PopCountRange(ReadOnlySpan<byte> bitmap, int from, int count)
    {
        var total = 0;
        var i = from;
        var end = from + count;
        for (; i < end && (i & 7) != 0; i++)
        {
            total += Get(bitmap, i) ? 1 : 0;
        }

        var fullBytes = (end - i) >> 3;
        total += PopCount(bitmap.Slice(i >> 3, fullBytes), fullBytes * 8);
        i += fullBytes * 8;
        for (; i < end; i++)
        {
            total += Get(bitmap, i) ? 1 : 0;
        }

        return total;
    }
}
