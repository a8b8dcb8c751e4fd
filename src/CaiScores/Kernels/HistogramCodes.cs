using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// Integer histogram buckets: <c>count</c> buckets of <c>size</c> consecutive integers from <c>start</c>, i.e. bucket
/// <c>k</c> holds <c>start + k·size … start + (k+1)·size − 1</c>, with everything below <c>start</c> and everything from
/// <c>end = start + count·size</c> on kept apart. Writes a byte code per value: <see cref="Below"/> (0), the bucket
/// <c>k + 1</c>, <see cref="Overflow"/>, <see cref="NaN"/> and <see cref="Skip"/> (validity bit clear). Knows nothing of
/// CAI or of the table.
/// </summary>
/// <remarks>
/// <para>Doubles are floored first (so 4.9 is 4 and −0.5 is −1); ±∞ are below or overflow; NaN has its own code.</para>
/// <para>Exactness. The vector paths work when the buckets span at most 2^52 integers (<c>count·size ≤ 2^52</c>, and for
/// doubles also <c>|start|, end ≤ 2^52</c>): the offset <c>d = v − start</c> of an in-range value is then an integer below
/// 2^52, which a double holds exactly; the quotient <c>floor(d · (1/size))</c> is within one of <c>floor(d / size)</c>
/// (the relative error of two roundings on a quotient below 256 is far below one), and one compare each way with
/// <c>q·size</c> and <c>(q+1)·size</c> — exact products of integers at most 2^52 — corrects it. Wider layouts, and
/// machines without SIMD, take the scalar path: exact integer arithmetic, doubles converted to integers only once known
/// to lie in <c>[−2^63, 2^63)</c>.</para>
/// </remarks>
internal static class HistogramCodes
{
    /// <summary>The most buckets a byte code holds (below, the buckets, overflow, NaN and skip).</summary>
    public const int MaxBuckets = 251;

    /// <summary>The code of a value below the first bucket.</summary>
    public const byte Below = 0;

    private const long MaxVectorSpan = 1L << 52;
    private const double Magic = 4503599627370496.0; // 2^52
    private const ulong MagicBits = 0x4330000000000000;

    private static readonly Vector512<ulong> LaneBits512 = Vector512.Create(1UL, 2, 4, 8, 16, 32, 64, 128);
    private static readonly Vector256<ulong> LaneBits256 = Vector256.Create(1UL, 2, 4, 8);

    /// <summary>The code of a value at or above the end of the last bucket.</summary>
    public static byte Overflow(int count) => (byte)(count + 1);

    /// <summary>The code of NaN.</summary>
    public static byte NaN(int count) => (byte)(count + 2);

    /// <summary>The code of a value whose validity bit is clear.</summary>
    public static byte Skip(int count) => (byte)(count + 3);

    /// <summary>The end of the last bucket, <c>start + count·size</c>, or an error when the layout is invalid or does not fit a <see cref="long"/>.</summary>
    public static long End(long start, long size, int count)
    {
        if (count is < 1 or > MaxBuckets || size < 1)
        {
            KernelThrow.BadLayout($"Need 1 to {MaxBuckets} buckets of at least 1; got {count} of {size}.");
        }

        var end = (Int128)start + ((Int128)size * count);
        if (end > long.MaxValue)
        {
            KernelThrow.BadLayout($"The buckets end at {end}, beyond the largest 64-bit integer.");
        }

        return (long)end;
    }

    /// <summary>Writes the code of every integer value.</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap (bit set = valid), or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    /// <param name="start">The first integer of the first bucket.</param>
    /// <param name="size">Integers per bucket, at least 1.</param>
    /// <param name="count">Buckets, 1 to <see cref="MaxBuckets"/>.</param>
    /// <param name="codes">At least <c>values.Length</c> bytes.</param>
    /// <param name="vectorize">False to force the scalar path (tests).</param>
    public static void Assign(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long size, int count, Span<byte> codes, bool vectorize = true)
    {
        var end = End(start, size, count);
        if (codes.Length < values.Length)
        {
            KernelThrow.CodesTooShort(values.Length, codes.Length);
        }

        var i = 0;
        if (vectorize && (ulong)(end - start) <= MaxVectorSpan) // end ≥ start: the unsigned difference is exact
        {
            if (Vector512.IsHardwareAccelerated)
            {
                i = Longs512(values, validity, validityOffset, start, end, size, count, codes);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                i = Longs256(values, validity, validityOffset, start, end, size, count, codes);
            }
        }

        for (; i < values.Length; i++)
        {
            codes[i] = !validity.IsEmpty && !BitBlocks.Bit(validity, validityOffset + i) ? Skip(count) : Code(values[i], start, end, size, count);
        }
    }

    /// <summary>Writes the code of every value, floored.</summary>
    /// <inheritdoc cref="Assign(ReadOnlySpan{long}, ReadOnlySpan{byte}, int, long, long, int, Span{byte}, bool)"/>
    public static void Assign(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long size, int count, Span<byte> codes, bool vectorize = true)
    {
        var end = End(start, size, count);
        if (codes.Length < values.Length)
        {
            KernelThrow.CodesTooShort(values.Length, codes.Length);
        }

        var i = 0;
        if (vectorize && start >= -MaxVectorSpan && end <= MaxVectorSpan && (ulong)(end - start) <= MaxVectorSpan)
        {
            if (Vector512.IsHardwareAccelerated)
            {
                i = Doubles512(values, validity, validityOffset, start, end, size, count, codes);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                i = Doubles256(values, validity, validityOffset, start, end, size, count, codes);
            }
        }

        for (; i < values.Length; i++)
        {
            codes[i] = !validity.IsEmpty && !BitBlocks.Bit(validity, validityOffset + i) ? Skip(count) : Code(values[i], start, end, size, count);
        }
    }

    /// <summary>The code of one integer (the scalar definition).</summary>
    public static byte Code(long value, long start, long end, long size, int count) =>
        value < start ? Below
        : value >= end ? Overflow(count)
        : (byte)(1 + (((ulong)value - (ulong)start) / (ulong)size)); // value ≥ start: the unsigned difference is exact

    /// <summary>The code of one double, floored (the scalar definition).</summary>
    public static byte Code(double value, long start, long end, long size, int count)
    {
        if (double.IsNaN(value))
        {
            return NaN(count);
        }

        var floor = Math.Floor(value);
        return floor < -9223372036854775808.0 ? Below          // below every long, so below start
            : floor >= 9223372036854775808.0 ? Overflow(count) // 2^63: above every long, so at or above end
            : Code((long)floor, start, end, size, count);      // an integer in [−2^63, 2^63): converted exactly
    }

    private static int Longs512(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long end, long size, int count, Span<byte> codes)
    {
        var k = new Constants512(start, end, size, count);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 64; i += 64)
        {
            var bits = validity.IsEmpty ? ulong.MaxValue : BitBlocks.Read64(validity, validityOffset + i);
            ref var v = ref Unsafe.Add(ref v0, i);
            Narrow(
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 0)), bits),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 8)), bits >> 8),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 16)), bits >> 16),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 24)), bits >> 24),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 32)), bits >> 32),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 40)), bits >> 40),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 48)), bits >> 48),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 56)), bits >> 56)).StoreUnsafe(ref c0, (nuint)i);
        }

        return i;
    }

    private static int Doubles512(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long end, long size, int count, Span<byte> codes)
    {
        var k = new Constants512(start, end, size, count);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 64; i += 64)
        {
            var bits = validity.IsEmpty ? ulong.MaxValue : BitBlocks.Read64(validity, validityOffset + i);
            ref var v = ref Unsafe.Add(ref v0, i);
            Narrow(
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 0)), bits),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 8)), bits >> 8),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 16)), bits >> 16),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 24)), bits >> 24),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 32)), bits >> 32),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 40)), bits >> 40),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 48)), bits >> 48),
                k.Finish(k.Code(Vector512.LoadUnsafe(ref v, 56)), bits >> 56)).StoreUnsafe(ref c0, (nuint)i);
        }

        return i;
    }

    private static int Longs256(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long end, long size, int count, Span<byte> codes)
    {
        var k = new Constants256(start, end, size, count);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 32; i += 32)
        {
            var bits = validity.IsEmpty ? uint.MaxValue : (uint)BitBlocks.Read64(validity, validityOffset + i);
            ref var v = ref Unsafe.Add(ref v0, i);
            Narrow(
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 0)), bits),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 4)), bits >> 4),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 8)), bits >> 8),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 12)), bits >> 12),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 16)), bits >> 16),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 20)), bits >> 20),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 24)), bits >> 24),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 28)), bits >> 28)).StoreUnsafe(ref c0, (nuint)i);
        }

        return i;
    }

    private static int Doubles256(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset, long start, long end, long size, int count, Span<byte> codes)
    {
        var k = new Constants256(start, end, size, count);
        ref var v0 = ref MemoryMarshal.GetReference(values);
        ref var c0 = ref MemoryMarshal.GetReference(codes);
        var i = 0;
        for (; i <= values.Length - 32; i += 32)
        {
            var bits = validity.IsEmpty ? uint.MaxValue : (uint)BitBlocks.Read64(validity, validityOffset + i);
            ref var v = ref Unsafe.Add(ref v0, i);
            Narrow(
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 0)), bits),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 4)), bits >> 4),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 8)), bits >> 8),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 12)), bits >> 12),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 16)), bits >> 16),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 20)), bits >> 20),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 24)), bits >> 24),
                k.Finish(k.Code(Vector256.LoadUnsafe(ref v, 28)), bits >> 28)).StoreUnsafe(ref c0, (nuint)i);
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Narrow(Vector512<ulong> c0, Vector512<ulong> c1, Vector512<ulong> c2, Vector512<ulong> c3, Vector512<ulong> c4, Vector512<ulong> c5, Vector512<ulong> c6, Vector512<ulong> c7) =>
        Vector512.Narrow(
            Vector512.Narrow(Vector512.Narrow(c0, c1), Vector512.Narrow(c2, c3)),
            Vector512.Narrow(Vector512.Narrow(c4, c5), Vector512.Narrow(c6, c7)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Narrow(Vector256<ulong> c0, Vector256<ulong> c1, Vector256<ulong> c2, Vector256<ulong> c3, Vector256<ulong> c4, Vector256<ulong> c5, Vector256<ulong> c6, Vector256<ulong> c7) =>
        Vector256.Narrow(
            Vector256.Narrow(Vector256.Narrow(c0, c1), Vector256.Narrow(c2, c3)),
            Vector256.Narrow(Vector256.Narrow(c4, c5), Vector256.Narrow(c6, c7)));

    /// <summary>The layout as 512-bit constants, and the per-vector coding.</summary>
    private readonly struct Constants512(long start, long end, long size, int count)
    {
        private readonly Vector512<long> _start = Vector512.Create(start);
        private readonly Vector512<long> _end = Vector512.Create(end);
        private readonly Vector512<double> _startD = Vector512.Create((double)start);
        private readonly Vector512<double> _endD = Vector512.Create((double)end);
        private readonly Vector512<double> _size = Vector512.Create((double)size);
        private readonly Vector512<double> _reciprocal = Vector512.Create(1.0 / size);
        private readonly Vector512<double> _last = Vector512.Create((double)(count - 1));
        private readonly Vector512<ulong> _overflow = Vector512.Create((ulong)Overflow(count));
        private readonly Vector512<ulong> _nan = Vector512.Create((ulong)NaN(count));
        private readonly Vector512<ulong> _skip = Vector512.Create((ulong)Skip(count));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Code(Vector512<long> v)
        {
            var below = Vector512.LessThan(v, _start);
            var over = Vector512.GreaterThanOrEqual(v, _end);
            var offset = Vector512.AndNot(v - _start, below | over).AsUInt64(); // in [0, 2^52) where in range, else 0
            var bucket = Bucket((offset | Vector512.Create(MagicBits)).AsDouble() - Vector512.Create(Magic)) + Vector512<ulong>.One;
            return Vector512.ConditionalSelect(below.AsUInt64(), Vector512<ulong>.Zero, Vector512.ConditionalSelect(over.AsUInt64(), _overflow, bucket));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Code(Vector512<double> v)
        {
            var floor = Vector512.Floor(v);
            var number = Vector512.Equals(v, v);
            var below = Vector512.LessThan(floor, _startD);
            var over = Vector512.GreaterThanOrEqual(floor, _endD);
            var offset = (floor - _startD) & Vector512.AndNot(number, below | over); // an integer in [0, 2^52) where in range, else 0
            var bucket = Bucket(offset) + Vector512<ulong>.One;
            var code = Vector512.ConditionalSelect(below.AsUInt64(), Vector512<ulong>.Zero, Vector512.ConditionalSelect(over.AsUInt64(), _overflow, bucket));
            return Vector512.ConditionalSelect(number.AsUInt64(), code, _nan);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<ulong> Finish(Vector512<ulong> code, ulong bits)
        {
            var valid = Vector512.Equals(Vector512.Create(bits) & LaneBits512, LaneBits512);
            return Vector512.ConditionalSelect(valid, code, _skip);
        }

        /// <summary><c>floor(offset / size)</c> for an integer offset in [0, count·size): estimated with the reciprocal, corrected by one exact compare each way.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector512<ulong> Bucket(Vector512<double> offset)
        {
            var one = Vector512<double>.One;
            var q = Vector512.Min(Vector512.Max(Vector512.Floor(offset * _reciprocal), Vector512<double>.Zero), _last);
            q -= Vector512.GreaterThan(q * _size, offset) & one;
            q += Vector512.LessThanOrEqual((q + one) * _size, offset) & one;
            return (q + Vector512.Create(Magic)).AsUInt64() - Vector512.Create(MagicBits);
        }
    }

    /// <summary>The layout as 256-bit constants, and the per-vector coding.</summary>
    private readonly struct Constants256(long start, long end, long size, int count)
    {
        private readonly Vector256<long> _start = Vector256.Create(start);
        private readonly Vector256<long> _end = Vector256.Create(end);
        private readonly Vector256<double> _startD = Vector256.Create((double)start);
        private readonly Vector256<double> _endD = Vector256.Create((double)end);
        private readonly Vector256<double> _size = Vector256.Create((double)size);
        private readonly Vector256<double> _reciprocal = Vector256.Create(1.0 / size);
        private readonly Vector256<double> _last = Vector256.Create((double)(count - 1));
        private readonly Vector256<ulong> _overflow = Vector256.Create((ulong)Overflow(count));
        private readonly Vector256<ulong> _nan = Vector256.Create((ulong)NaN(count));
        private readonly Vector256<ulong> _skip = Vector256.Create((ulong)Skip(count));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Code(Vector256<long> v)
        {
            var below = Vector256.LessThan(v, _start);
            var over = Vector256.GreaterThanOrEqual(v, _end);
            var offset = Vector256.AndNot(v - _start, below | over).AsUInt64();
            var bucket = Bucket((offset | Vector256.Create(MagicBits)).AsDouble() - Vector256.Create(Magic)) + Vector256<ulong>.One;
            return Vector256.ConditionalSelect(below.AsUInt64(), Vector256<ulong>.Zero, Vector256.ConditionalSelect(over.AsUInt64(), _overflow, bucket));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Code(Vector256<double> v)
        {
            var floor = Vector256.Floor(v);
            var number = Vector256.Equals(v, v);
            var below = Vector256.LessThan(floor, _startD);
            var over = Vector256.GreaterThanOrEqual(floor, _endD);
            var offset = (floor - _startD) & Vector256.AndNot(number, below | over);
            var bucket = Bucket(offset) + Vector256<ulong>.One;
            var code = Vector256.ConditionalSelect(below.AsUInt64(), Vector256<ulong>.Zero, Vector256.ConditionalSelect(over.AsUInt64(), _overflow, bucket));
            return Vector256.ConditionalSelect(number.AsUInt64(), code, _nan);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector256<ulong> Finish(Vector256<ulong> code, uint bits)
        {
            var valid = Vector256.Equals(Vector256.Create((ulong)bits) & LaneBits256, LaneBits256);
            return Vector256.ConditionalSelect(valid, code, _skip);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private Vector256<ulong> Bucket(Vector256<double> offset)
        {
            var one = Vector256<double>.One;
            var q = Vector256.Min(Vector256.Max(Vector256.Floor(offset * _reciprocal), Vector256<double>.Zero), _last);
            q -= Vector256.GreaterThan(q * _size, offset) & one;
            q += Vector256.LessThanOrEqual((q + one) * _size, offset) & one;
            return (q + Vector256.Create(Magic)).AsUInt64() - Vector256.Create(MagicBits);
        }
    }
}
