using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Bitmap set algebra and predicate-to-bitmap kernels over spans. Bitmaps are 64-bit words, bit <c>i</c> of the set is
/// bit <c>i % 64</c> of word <c>i / 64</c> (the same bytes as Arrow's least-significant-bit-first layout on little-endian
/// machines). Knows nothing of CAI or of the table.
/// </summary>
internal static class BitmapKernels
{
    /// <summary>The number of 64-bit words a bitmap of <paramref name="bits"/> bits needs.</summary>
    public static int WordLength(int bits) => (int)(((uint)bits + 63) >> 6);

    /// <summary><paramref name="destination"/> = <paramref name="left"/> AND <paramref name="right"/>.</summary>
    public static void And(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination) => Apply<AndOp>(left, right, destination);

    /// <summary><paramref name="destination"/> = <paramref name="left"/> OR <paramref name="right"/>.</summary>
    public static void Or(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination) => Apply<OrOp>(left, right, destination);

    /// <summary><paramref name="destination"/> = <paramref name="left"/> AND NOT <paramref name="right"/>.</summary>
    public static void AndNot(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination) => Apply<AndNotOp>(left, right, destination);

    /// <summary>The number of set bits.</summary>
    public static long PopCount(ReadOnlySpan<ulong> words)
    {
        long count = 0;
        foreach (var w in words)
        {
            count += BitOperations.PopCount(w);
        }

        return count;
    }

    /// <summary>
    /// Sets bit <c>i</c> of <paramref name="destination"/> when <c>atLeast ≤ values[i] &lt; below</c> (never for NaN), clears
    /// it otherwise; bits past <c>values.Length</c> in the last word are cleared. A NaN <paramref name="below"/> means no
    /// upper bound (+∞ included).
    /// </summary>
    public static void InRange(ReadOnlySpan<double> values, double atLeast, double below, Span<ulong> destination)
    {
        if (destination.Length < WordLength(values.Length))
        {
            KernelThrow.BitmapTooShort(WordLength(values.Length), destination.Length);
        }

        var bytes = MemoryMarshal.AsBytes(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var v0 = ref MemoryMarshal.GetReference(values);
            var lo = Vector256.Create(atLeast);
            var hi = Vector256.Create(below);
            for (; i <= values.Length - 8; i += 8)
            {
                var a = Vector256.LoadUnsafe(ref v0, (nuint)i);
                var b = Vector256.LoadUnsafe(ref v0, (nuint)(i + 4));
                var ma = Vector256.AndNot(Vector256.GreaterThanOrEqual(a, lo), Vector256.GreaterThanOrEqual(a, hi));
                var mb = Vector256.AndNot(Vector256.GreaterThanOrEqual(b, lo), Vector256.GreaterThanOrEqual(b, hi));
                bytes[i >> 3] = (byte)(ma.ExtractMostSignificantBits() | (mb.ExtractMostSignificantBits() << 4));
            }
        }

        // The scalar tail writes whole bytes too, then clears the rest of the last word.
        for (; i < values.Length; i += 8)
        {
            var b = 0;
            var n = Math.Min(8, values.Length - i);
            for (var j = 0; j < n; j++)
            {
                var v = values[i + j];
                b |= (v >= atLeast && !(v >= below) ? 1 : 0) << j;
            }

            bytes[i >> 3] = (byte)b;
        }

        bytes[((values.Length + 7) >> 3)..(WordLength(values.Length) * 8)].Clear();
    }

    /// <summary>
    /// Sets bit <c>i</c> of <paramref name="destination"/> when <c>ids[i]</c> is one of <paramref name="wanted"/>, clears it
    /// otherwise; bits past <c>ids.Length</c> in the last word are cleared.
    /// </summary>
    public static void IdIn(ReadOnlySpan<int> ids, ReadOnlySpan<int> wanted, Span<ulong> destination)
    {
        if (destination.Length < WordLength(ids.Length))
        {
            KernelThrow.BitmapTooShort(WordLength(ids.Length), destination.Length);
        }

        var bytes = MemoryMarshal.AsBytes(destination);
        var i = 0;
        if (Vector256.IsHardwareAccelerated && wanted.Length <= 16)
        {
            ref var id0 = ref MemoryMarshal.GetReference(ids);
            Span<Vector256<int>> targets = stackalloc Vector256<int>[wanted.Length];
            for (var k = 0; k < wanted.Length; k++)
            {
                targets[k] = Vector256.Create(wanted[k]);
            }

            for (; i <= ids.Length - 8; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref id0, (nuint)i);
                var match = Vector256<int>.Zero;
                foreach (var t in targets)
                {
                    match |= Vector256.Equals(v, t);
                }

                bytes[i >> 3] = (byte)match.ExtractMostSignificantBits();
            }
        }

        for (; i < ids.Length; i += 8)
        {
            var b = 0;
            var n = Math.Min(8, ids.Length - i);
            for (var j = 0; j < n; j++)
            {
                b |= (wanted.Contains(ids[i + j]) ? 1 : 0) << j;
            }

            bytes[i >> 3] = (byte)b;
        }

        bytes[((ids.Length + 7) >> 3)..(WordLength(ids.Length) * 8)].Clear();
    }

    private static void Apply<TOp>(ReadOnlySpan<ulong> left, ReadOnlySpan<ulong> right, Span<ulong> destination)
        where TOp : struct, IBitwiseOp
    {
        if (left.Length != right.Length || destination.Length < left.Length)
        {
            KernelThrow.BitmapLengths(left.Length, right.Length, destination.Length);
        }

        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var l0 = ref MemoryMarshal.GetReference(left);
            ref var r0 = ref MemoryMarshal.GetReference(right);
            ref var d0 = ref MemoryMarshal.GetReference(destination);
            for (; i <= left.Length - 4; i += 4)
            {
                TOp.Invoke(Vector256.LoadUnsafe(ref l0, (nuint)i), Vector256.LoadUnsafe(ref r0, (nuint)i)).StoreUnsafe(ref d0, (nuint)i);
            }
        }

        for (; i < left.Length; i++)
        {
            destination[i] = TOp.Invoke(left[i], right[i]);
        }
    }

    private interface IBitwiseOp
    {
        static abstract ulong Invoke(ulong left, ulong right);

        static abstract Vector256<ulong> Invoke(Vector256<ulong> left, Vector256<ulong> right);
    }

    private readonly struct AndOp : IBitwiseOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Invoke(ulong left, ulong right) => left & right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<ulong> Invoke(Vector256<ulong> left, Vector256<ulong> right) => left & right;
    }

    private readonly struct OrOp : IBitwiseOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Invoke(ulong left, ulong right) => left | right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<ulong> Invoke(Vector256<ulong> left, Vector256<ulong> right) => left | right;
    }

    private readonly struct AndNotOp : IBitwiseOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Invoke(ulong left, ulong right) => left & ~right;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<ulong> Invoke(Vector256<ulong> left, Vector256<ulong> right) => Vector256.AndNot(left, right);
    }
}
