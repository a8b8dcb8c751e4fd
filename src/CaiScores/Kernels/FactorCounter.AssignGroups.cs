using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

// The first step of the factor count: a group byte per item (see the class remarks).
internal static partial class FactorCounter
{
    /// <summary>Byte <c>i</c> is 1 where bit <c>i</c> of the index is set.</summary>
    private static readonly ulong[] Spread = CreateSpread();

    /// <summary>
    /// Writes each item's group: the number of <paramref name="edges"/> at or below its value when the value is valid and
    /// not NaN; else <see cref="NoValue"/> when the item is present, <see cref="NoRow"/> when not.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow bitmap of valid values, or empty when all are valid.</param>
    /// <param name="presence">Arrow bitmap of items that have a row, or empty when all have one.</param>
    /// <param name="bitOffset">The bit of <paramref name="validity"/> and <paramref name="presence"/> that belongs to <c>values[0]</c>.</param>
    /// <param name="edges">0 to <see cref="MaxEdges"/> edges, strictly ascending.</param>
    /// <param name="groups">At least <c>values.Length</c> bytes, written.</param>
    public static void AssignGroups(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, ReadOnlySpan<byte> presence, int bitOffset, ReadOnlySpan<double> edges, Span<byte> groups)
    {
        if (edges.Length > MaxEdges)
        {
            KernelThrow.TooManyGroupEdges(edges.Length);
        }

        if (groups.Length < values.Length)
        {
            KernelThrow.GroupsTooShort(values.Length, groups.Length);
        }

        var allValid = validity.IsEmpty;
        var allPresent = presence.IsEmpty;
        var i = 0;
        if (values.Length >= 8 && (Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated))
        {
            ref var v0 = ref MemoryMarshal.GetReference(values);
            var wide = Vector512.IsHardwareAccelerated;
            Span<Vector512<double>> edges512 = wide ? stackalloc Vector512<double>[edges.Length] : default;
            Span<Vector256<double>> edges256 = wide ? default : stackalloc Vector256<double>[edges.Length];
            for (var k = 0; k < edges.Length; k++)
            {
                if (wide)
                {
                    edges512[k] = Vector512.Create(edges[k]);
                }
                else
                {
                    edges256[k] = Vector256.Create(edges[k]);
                }
            }

            for (; i <= values.Length - 8; i += 8)
            {
                var valid = allValid ? 0xFF : BitBlocks.Read8(validity, bitOffset + i);
                var present = allPresent ? 0xFF : BitBlocks.Read8(presence, bitOffset + i);
                if ((valid | present) == 0)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(groups[i..], ulong.MaxValue);
                    continue;
                }

                ulong sums = 0;
                int numbers;
                if (wide)
                {
                    var v = Vector512.LoadUnsafe(ref v0, (nuint)i);
                    numbers = (int)Vector512.Equals(v, v).ExtractMostSignificantBits();
                    foreach (var e in edges512)
                    {
                        sums += Spread[(int)Vector512.GreaterThanOrEqual(v, e).ExtractMostSignificantBits()];
                    }
                }
                else
                {
                    var lo = Vector256.LoadUnsafe(ref v0, (nuint)i);
                    var hi = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
                    numbers = (int)(Vector256.Equals(lo, lo).ExtractMostSignificantBits() | (Vector256.Equals(hi, hi).ExtractMostSignificantBits() << 4));
                    foreach (var e in edges256)
                    {
                        var ge = Vector256.GreaterThanOrEqual(lo, e).ExtractMostSignificantBits() | (Vector256.GreaterThanOrEqual(hi, e).ExtractMostSignificantBits() << 4);
                        sums += Spread[(int)ge];
                    }
                }

                // Lanes with a number keep their sum; the others become NoValue (present) or NoRow (0xFF).
                var ok = valid & numbers;
                var keep = Spread[ok] * 0xFF;
                var fill = ulong.MaxValue - Spread[present & ~ok & 0xFF];
                BinaryPrimitives.WriteUInt64LittleEndian(groups[i..], (sums & keep) | (fill & ~keep));
            }
        }

        for (; i < values.Length; i++)
        {
            var v = values[i];
            if ((allValid || BitBlocks.Bit(validity, bitOffset + i)) && !double.IsNaN(v))
            {
                var g = 0;
                while (g < edges.Length && v >= edges[g])
                {
                    g++;
                }

                groups[i] = (byte)g;
            }
            else
            {
                groups[i] = allPresent || BitBlocks.Bit(presence, bitOffset + i) ? NoValue : NoRow;
            }
        }
    }

    private static ulong[] CreateSpread()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            for (var i = 0; i < 8; i++)
            {
                if ((b & (1 << i)) != 0)
                {
                    table[b] |= 1UL << (8 * i);
                }
            }
        }

        return table;
    }
}
