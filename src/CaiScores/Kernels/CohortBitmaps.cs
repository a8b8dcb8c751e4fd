using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>
/// Fused bitmap kernels for retention counting: the size of an intersection without writing it, an intersection kept in
/// place and counted in the same pass (a rolling cohort), and a masked union. Bitmaps are 64-bit words as in
/// <see cref="BitmapKernels"/>. Knows nothing of CAI or of the table.
/// </summary>
/// <remarks>The loops are unrolled four words at a time into independent popcount accumulators; the data of one block
/// (a few KiB) is in L1, where a scalar <c>popcnt</c> per word keeps up with the loads.</remarks>
internal static class CohortBitmaps
{
    /// <summary>The number of bits set in both bitmaps: <c>popcount(left AND right)</c>.</summary>
    /// <param name="left">A bitmap.</param>
    /// <param name="right">A bitmap of the same length.</param>
    public static long AndPopCount(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right)
    {
        if (left.Length != right.Length)
        {
            KernelThrow.BitmapLengths(left.Length, right.Length, left.Length);
        }

        ref var l0 = ref MemoryMarshal.GetReference(left);
        ref var r0 = ref MemoryMarshal.GetReference(right);
        long c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        var i = 0;
        for (; i <= left.Length - 4; i += 4)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref l0, i) & Unsafe.Add(ref r0, i));
            c1 += BitOperations.PopCount(Unsafe.Add(ref l0, i + 1) & Unsafe.Add(ref r0, i + 1));
            c2 += BitOperations.PopCount(Unsafe.Add(ref l0, i + 2) & Unsafe.Add(ref r0, i + 2));
            c3 += BitOperations.PopCount(Unsafe.Add(ref l0, i + 3) & Unsafe.Add(ref r0, i + 3));
        }

        for (; i < left.Length; i++)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref l0, i) & Unsafe.Add(ref r0, i));
        }

        return c0 + c1 + c2 + c3;
    }

    /// <summary><c>accumulator &amp;= right</c>, and the number of bits left set.</summary>
    /// <param name="accumulator">The running intersection, updated in place.</param>
    /// <param name="right">A bitmap of the same length.</param>
    public static long AndInPlacePopCount(Span<ulong> accumulator, ReadOnlySpan<ulong> right)
    {
        if (accumulator.Length != right.Length)
        {
            KernelThrow.BitmapLengths(accumulator.Length, right.Length, accumulator.Length);
        }

        ref var a0 = ref MemoryMarshal.GetReference(accumulator);
        ref var r0 = ref MemoryMarshal.GetReference(right);
        long c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        var i = 0;
        for (; i <= accumulator.Length - 4; i += 4)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref a0, i) &= Unsafe.Add(ref r0, i));
            c1 += BitOperations.PopCount(Unsafe.Add(ref a0, i + 1) &= Unsafe.Add(ref r0, i + 1));
            c2 += BitOperations.PopCount(Unsafe.Add(ref a0, i + 2) &= Unsafe.Add(ref r0, i + 2));
            c3 += BitOperations.PopCount(Unsafe.Add(ref a0, i + 3) &= Unsafe.Add(ref r0, i + 3));
        }

        for (; i < accumulator.Length; i++)
        {
            c0 += BitOperations.PopCount(Unsafe.Add(ref a0, i) &= Unsafe.Add(ref r0, i));
        }

        return c0 + c1 + c2 + c3;
    }

    /// <summary><c>destination |= left AND NOT exclude</c> over <c>left.Length</c> words (an empty <paramref name="exclude"/> excludes nothing); whether any bit of <c>left AND NOT exclude</c> was set.</summary>
    /// <param name="destination">The union, updated in place; at least <c>left.Length</c> words.</param>
    /// <param name="left">The bits to add.</param>
    /// <param name="exclude">Bits not to add: empty, or at least <c>left.Length</c> words.</param>
    public static bool OrAndNot(Span<ulong> destination, ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> exclude)
    {
        if (destination.Length < left.Length || (!exclude.IsEmpty && exclude.Length < left.Length))
        {
            KernelThrow.BitmapLengths(left.Length, exclude.Length, destination.Length);
        }

        ulong any = 0;
        if (exclude.IsEmpty)
        {
            for (var i = 0; i < left.Length; i++)
            {
                destination[i] |= left[i];
                any |= left[i];
            }
        }
        else
        {
            for (var i = 0; i < left.Length; i++)
            {
                var bits = left[i] & ~exclude[i];
                destination[i] |= bits;
                any |= bits;
            }
        }

        return any != 0;
    }
}
