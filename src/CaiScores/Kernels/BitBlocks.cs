using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace CaiScores.Kernels;

/// <summary>
/// Reading an Arrow bitmap (least significant bit first) from any bit position: one bit, eight bits (one validity byte
/// per eight lanes) or 64-bit words, so that a block of values that does not start on a byte or word boundary gets
/// aligned masks of its own. The one home of the kernels' validity reads.
/// </summary>
internal static class BitBlocks
{
    /// <summary>Whether bit <paramref name="bit"/> of <paramref name="bitmap"/> is set (for a validity bitmap: the value is valid).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Bit(ReadOnlySpan<byte> bitmap, int bit) => (bitmap[bit >> 3] & (1 << (bit & 7))) != 0;

    /// <summary>The eight bits of <paramref name="bitmap"/> starting at bit <paramref name="bit"/>, whatever its alignment; a byte past the end reads as 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Read8(ReadOnlySpan<byte> bitmap, int bit)
    {
        var index = bit >> 3;
        var shift = bit & 7;
        if (shift == 0)
        {
            return bitmap[index];
        }

        var next = index + 1 < bitmap.Length ? bitmap[index + 1] : 0;
        return ((bitmap[index] >> shift) | (next << (8 - shift))) & 0xFF;
    }

    /// <summary>The 64 bits of <paramref name="bitmap"/> from bit <paramref name="bit"/> on; bits past its end read as 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read64(ReadOnlySpan<byte> bitmap, int bit)
    {
        var index = bit >> 3;
        var shift = bit & 7;
        if (index + 9 <= bitmap.Length)
        {
            var low = BinaryPrimitives.ReadUInt64LittleEndian(bitmap[index..]);
            return shift == 0 ? low : (low >> shift) | ((ulong)bitmap[index + 8] << (64 - shift));
        }

        return Read64Slow(bitmap, index, shift);
    }

    /// <summary>
    /// Bits <paramref name="bit"/> to <paramref name="bit"/> + <paramref name="count"/> of <paramref name="bitmap"/> into
    /// the first words of <paramref name="destination"/>, bits past <paramref name="count"/> cleared.
    /// </summary>
    public static void Load(ReadOnlySpan<byte> bitmap, int bit, int count, Span<ulong> destination)
    {
        var words = BitmapKernels.WordLength(count);
        for (var w = 0; w < words; w++)
        {
            destination[w] = Read64(bitmap, bit + (w << 6));
        }

        ClearTail(destination, count);
    }

    /// <summary>ANDs bits <paramref name="bit"/> to <paramref name="bit"/> + <paramref name="count"/> of <paramref name="bitmap"/> into <paramref name="destination"/>.</summary>
    public static void And(ReadOnlySpan<byte> bitmap, int bit, int count, Span<ulong> destination)
    {
        var words = BitmapKernels.WordLength(count);
        for (var w = 0; w < words; w++)
        {
            destination[w] &= Read64(bitmap, bit + (w << 6));
        }
    }

    /// <summary>Sets the first <paramref name="count"/> bits, clearing the rest of the last word.</summary>
    public static void Fill(Span<ulong> destination, int count)
    {
        destination[..BitmapKernels.WordLength(count)].Fill(ulong.MaxValue);
        ClearTail(destination, count);
    }

    private static void ClearTail(Span<ulong> destination, int count)
    {
        if ((count & 63) != 0)
        {
            destination[count >> 6] &= (1UL << (count & 63)) - 1;
        }
    }

    private static ulong Read64Slow(ReadOnlySpan<byte> bitmap, int index, int shift)
    {
        ulong value = 0;
        for (var i = 0; index + i < bitmap.Length; i++)
        {
            var position = (8 * i) - shift; // where byte i lands in the result
            if (position >= 64)
            {
                break;
            }

            var b = (ulong)bitmap[index + i];
            value |= position >= 0 ? b << position : b >> -position;
        }

        return value;
    }
}
