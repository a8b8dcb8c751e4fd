using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Kernels;

/// <summary>
/// The arithmetic coding of 8 values (see the remarks of <see cref="BucketCodes"/> for why one correction suffices), with
/// the layout as 512-bit constants.
/// </summary>
internal readonly struct UniformCode512(double first, double step, int edgeCount)
{
    private readonly Vector512<double> _first = Vector512.Create(first);
    private readonly Vector512<double> _step = Vector512.Create(step);
    private readonly Vector512<double> _reciprocal = Vector512.Create(1 / step);
    private readonly Vector512<double> _lastEdge = Vector512.Create(edgeCount - 1.0);
    private readonly Vector512<ulong> _top = Vector512.Create((ulong)edgeCount);
    private readonly Vector512<ulong> _nan = Vector512.Create((ulong)BucketCodes.NaNCode(edgeCount));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> Code(ref double values, int offset)
    {
        var v = Vector512.LoadUnsafe(ref values, (nuint)offset);

        // t estimates the index of the edge at or below v (bucket − 1), clamped to −1 … n − 1.
        var t = UniformMath.MinNative(UniformMath.MaxNative(Vector512.Floor((v - _first) * _reciprocal), -Vector512<double>.One), _lastEdge);
        var below = _first + (t * _step);
        var above = _first + ((t + Vector512<double>.One) * _step);
        var bucket = (t + Vector512.Create(UniformMath.Magic + 1)).AsUInt64() - Vector512.Create(UniformMath.MagicBits);

        // An all-ones mask is −1: up one when v is at or above the next edge, down one when below this one.
        bucket = bucket - Vector512.GreaterThanOrEqual(v, above).AsUInt64() + Vector512.LessThan(v, below).AsUInt64();
        bucket = Vector512.Min(Vector512.Max(bucket.AsInt64(), Vector512<long>.Zero), _top.AsInt64()).AsUInt64();
        return BucketCodes.NaNs(v, bucket, _nan);
    }
}

/// <summary>The arithmetic coding of 4 values, with the layout as 256-bit constants.</summary>
internal readonly struct UniformCode256(double first, double step, int edgeCount)
{
    private readonly Vector256<double> _first = Vector256.Create(first);
    private readonly Vector256<double> _step = Vector256.Create(step);
    private readonly Vector256<double> _reciprocal = Vector256.Create(1 / step);
    private readonly Vector256<double> _lastEdge = Vector256.Create(edgeCount - 1.0);
    private readonly Vector256<ulong> _top = Vector256.Create((ulong)edgeCount);
    private readonly Vector256<ulong> _nan = Vector256.Create((ulong)BucketCodes.NaNCode(edgeCount));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<ulong> Code(ref double values, int offset)
    {
        var v = Vector256.LoadUnsafe(ref values, (nuint)offset);
        var t = UniformMath.MinNative(UniformMath.MaxNative(Vector256.Floor((v - _first) * _reciprocal), -Vector256<double>.One), _lastEdge);
        var below = _first + (t * _step);
        var above = _first + ((t + Vector256<double>.One) * _step);
        var bucket = (t + Vector256.Create(UniformMath.Magic + 1)).AsUInt64() - Vector256.Create(UniformMath.MagicBits);
        bucket = bucket - Vector256.GreaterThanOrEqual(v, above).AsUInt64() + Vector256.LessThan(v, below).AsUInt64();
        bucket = Vector256.Min(Vector256.Max(bucket.AsInt64(), Vector256<long>.Zero), _top.AsInt64()).AsUInt64();
        return BucketCodes.NaNs(v, bucket, _nan);
    }
}

/// <summary>The constants and the platform's min/max that both widths of the arithmetic coding use.</summary>
file static class UniformMath
{
    public const double Magic = 4503599627370496.0; // 2^52: an integer t in [0, 2^52) is the low bits of t + 2^52
    public const ulong MagicBits = 0x4330000000000000;

#if NET9_0_OR_GREATER
    // The platform's min/max (NaN and signed zeros as the instruction treats them): NaN lanes are recoded afterwards.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MinNative(Vector512<double> a, Vector512<double> b) => Vector512.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MaxNative(Vector512<double> a, Vector512<double> b) => Vector512.MaxNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MinNative(Vector256<double> a, Vector256<double> b) => Vector256.MinNative(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MaxNative(Vector256<double> a, Vector256<double> b) => Vector256.MaxNative(a, b);
#else
    // .NET 8's Min and Max are the platform's instructions already.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MinNative(Vector512<double> a, Vector512<double> b) => Vector512.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MaxNative(Vector512<double> a, Vector512<double> b) => Vector512.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MinNative(Vector256<double> a, Vector256<double> b) => Vector256.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MaxNative(Vector256<double> a, Vector256<double> b) => Vector256.Max(a, b);
#endif
}
