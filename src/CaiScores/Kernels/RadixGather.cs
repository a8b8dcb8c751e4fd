using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>
/// The second pass of <see cref="DoubleSelector"/>: copies out of the column the keys of the valid numbers whose top 16
/// bits are a wanted bucket, so that the narrowing (<see cref="Selection.SelectInKeys"/>) works on those candidates only.
/// Eight lanes at a time are ruled out on the raw doubles by two compares against the wanted buckets' value range.
/// </summary>
internal static class RadixGather
{
    /// <summary>Copies the keys whose top 16 bits are <paramref name="bucket"/> to the start of <paramref name="candidates"/>.</summary>
    public static void One(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, int bucket, ulong[] candidates)
    {
        var allValid = validity.IsEmpty;
        var lowKey = (ulong)bucket << 48;
        var highKey = lowKey | 0xFFFF_FFFF_FFFF;
        var (low, high) = Selection.ValueRange(lowKey, highKey);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        var fill = 0;
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            // Nearly every lane falls outside the bucket: two compares on the raw doubles rule eight out, no key needed.
            var lanes = Selection.Between8(ref v0, i, low, high);
            if (lanes == 0)
            {
                continue;
            }

            lanes &= allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
            while (lanes != 0)
            {
                candidates[fill++] = Selection.ToKey(Unsafe.Add(ref v0, i + BitOperations.TrailingZeroCount(lanes)));
                lanes &= lanes - 1;
            }
        }

        for (; i < values.Length; i++)
        {
            if ((allValid || BitBlocks.Bit(validity, validityOffset + i)) && !double.IsNaN(values[i]) && Selection.ToKey(values[i]) is var key && key >= lowKey && key <= highKey)
            {
                candidates[fill++] = key;
            }
        }
    }

    /// <summary>
    /// Copies the keys whose top 16 bits are one of <paramref name="buckets"/> (ascending) into their segments. Lanes outside
    /// the span of the wanted buckets are ruled out eight at a time on the raw doubles; a lane inside it but in an unwanted
    /// bucket is written to the spare last cell without a branch.
    /// </summary>
    public static void Many(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, int[] buckets, int[] segmentStart, ulong[] candidates)
    {
        var allValid = validity.IsEmpty;
        var spare = buckets.Length;
        var slotOf = ArrayPool<ushort>.Shared.Rent(Selection.DigitBuckets);
        try
        {
            slotOf.AsSpan(0, Selection.DigitBuckets).Fill((ushort)spare);
            for (var s = 0; s < buckets.Length; s++)
            {
                slotOf[buckets[s]] = (ushort)s;
            }

            // fill[s] is the next cell of slot s; the spare slot always points at the spare cell and never moves.
            var fill = new int[buckets.Length + 1];
            segmentStart.AsSpan(0, buckets.Length).CopyTo(fill);
            fill[spare] = segmentStart[^1];
            var (low, high) = Selection.ValueRange((ulong)buckets[0] << 48, ((ulong)buckets[^1] << 48) | 0xFFFF_FFFF_FFFF);
            Span<ulong> keys = stackalloc ulong[8];
            ref var v0 = ref MemoryMarshal.GetReference(values);
            ref var slot0 = ref MemoryMarshal.GetArrayDataReference(slotOf);
            ref var fill0 = ref MemoryMarshal.GetArrayDataReference(fill);
            ref var c0 = ref MemoryMarshal.GetArrayDataReference(candidates);
            var i = 0;
            for (; i <= values.Length - 8; i += 8)
            {
                var lanes = Selection.Between8(ref v0, i, low, high);
                if (lanes == 0)
                {
                    continue;
                }

                lanes &= allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
                Selection.Keys8(ref v0, i, keys);

                while (lanes != 0)
                {
                    var key = keys[BitOperations.TrailingZeroCount(lanes)];
                    lanes &= lanes - 1;
                    var slot = Unsafe.Add(ref slot0, (int)(key >> 48));
                    ref var at = ref Unsafe.Add(ref fill0, slot);
                    Unsafe.Add(ref c0, at) = key;
                    at += slot == spare ? 0 : 1;
                }
            }

            for (; i < values.Length; i++)
            {
                if ((allValid || BitBlocks.Bit(validity, validityOffset + i)) && !double.IsNaN(values[i]))
                {
                    var key = Selection.ToKey(values[i]);
                    var slot = slotOf[(int)(key >> 48)];
                    if (slot != spare)
                    {
                        candidates[fill[slot]++] = key;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(slotOf);
        }
    }
}
