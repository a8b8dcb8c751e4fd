using System.Runtime.InteropServices;
using CaiScores.Kernels;

namespace CaiScores.Internal;

/// <summary>Moving Arrow byte bitmaps into 64-bit word bitmaps.</summary>
internal static class Words
{
    /// <summary>Copies the first <paramref name="bits"/> bits of an Arrow bitmap into <paramref name="destination"/>, clearing the rest.</summary>
    public static void CopyBitmap(Span<ulong> destination, ReadOnlySpan<byte> bitmap, int bits)
    {
        var bytes = MemoryMarshal.AsBytes(destination);
        var n = Bitmaps.ByteLength(bits);
        bitmap[..n].CopyTo(bytes);
        bytes[n..].Clear();
        if ((bits & 63) != 0)
        {
            destination[bits >> 6] &= (1UL << (bits & 63)) - 1;
        }
    }

    /// <summary>
    /// Copies bits <c>[from, from + count)</c> of an Arrow bitmap into <paramref name="destination"/> (bit 0 = bit
    /// <paramref name="from"/>), clearing the rest; <paramref name="from"/> must be a multiple of 8.
    /// </summary>
    public static void CopyBitmapRange(Span<ulong> destination, ReadOnlySpan<byte> bitmap, int from, int count)
    {
        System.Diagnostics.Debug.Assert((from & 7) == 0, "Ranges start on a byte.");
        CopyBitmap(destination, bitmap[(from >> 3)..], count);
    }

    /// <summary>ORs the first <paramref name="bits"/> bits of an Arrow bitmap into <paramref name="destination"/>.</summary>
    public static void OrBitmap(Span<ulong> destination, ReadOnlySpan<byte> bitmap, int bits)
    {
        var tmp = new ulong[destination.Length];
        CopyBitmap(tmp, bitmap, bits);
        BitmapKernels.Or(destination, tmp, destination);
    }
}
