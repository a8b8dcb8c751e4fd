using System.Numerics;
using System.Runtime.InteropServices;

namespace CaiScores.Kernels;

/// <summary>
/// The merge of two mergeable states' arrays of counts or sums: <c>into[i] += other[i]</c>, element by element, the one
/// loop every analysis's <c>Merge</c> shares. Each element gets exactly one addition, so a sum of doubles is the same
/// whichever path (vector or scalar) adds it, and merging chunk states in chunk order gives the same bits for any degree
/// of parallelism.
/// </summary>
internal static class StateMerge
{
    /// <summary>Adds <paramref name="other"/> into <paramref name="into"/> element by element.</summary>
    /// <param name="into">The state's array, updated.</param>
    /// <param name="other">The other state's array, of the same length.</param>
    /// <exception cref="ArgumentException">The lengths differ (the states were planned differently).</exception>
    public static void Add(Span<long> into, ReadOnlySpan<long> other) => AddCore(into, other);

    /// <inheritdoc cref="Add(Span{long}, ReadOnlySpan{long})"/>
    public static void Add(Span<double> into, ReadOnlySpan<double> other) => AddCore(into, other);

    private static void AddCore<T>(Span<T> into, ReadOnlySpan<T> other)
        where T : struct, INumber<T>
    {
        if (into.Length != other.Length)
        {
            KernelThrow.LengthMismatch(nameof(other), into.Length, other.Length);
        }

        var i = 0;
        if (Vector.IsHardwareAccelerated && into.Length >= Vector<T>.Count)
        {
            var a = MemoryMarshal.Cast<T, Vector<T>>(into);
            var b = MemoryMarshal.Cast<T, Vector<T>>(other);
            for (var v = 0; v < a.Length; v++)
            {
                a[v] += b[v];
            }

            i = a.Length * Vector<T>.Count;
        }

        for (; i < into.Length; i++)
        {
            into[i] += other[i];
        }
    }
}
