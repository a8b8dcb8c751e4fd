using System.Buffers;
using System.Numerics;

namespace CaiScores.Kernels;

/// <summary>
/// Selection over a 16-bit column (percentiles): one pass counts every value, after which any rank, any count at or
/// above a value and the lowest value at or above it are read off the counts.
/// </summary>
internal sealed class Int16Selector : IDisposable
{
    private const int Offset = 32768;
    private const int Size = 65536;
    private int[] _counts = ArrayPool<int>.Shared.Rent(Size);

    /// <summary>Counts the valid values.</summary>
    /// <param name="values">The values.</param>
    /// <param name="validity">Arrow validity bitmap, or empty when every value is valid.</param>
    /// <param name="validityOffset">The bit of <paramref name="validity"/> that belongs to <c>values[0]</c>.</param>
    public Int16Selector(ReadOnlySpan<short> values, ReadOnlySpan<byte> validity, int validityOffset)
    {
        var counts = _counts.AsSpan(0, Size);
        counts.Clear();
        long valid = 0;
        var allValid = validity.IsEmpty;
        var i = 0;
        for (; i <= values.Length - 8; i += 8)
        {
            var bits = allValid ? 0xFF : BitBlocks.Read8(validity, validityOffset + i);
            valid += BitOperations.PopCount((uint)bits);

            // Branch-free: an invalid lane adds 0 to the count of whatever its slot holds.
            for (var j = 0; j < 8; j++)
            {
                counts[values[i + j] + Offset] += (bits >> j) & 1;
            }
        }

        for (; i < values.Length; i++)
        {
            if (allValid || BitBlocks.Bit(validity, validityOffset + i))
            {
                counts[values[i] + Offset]++;
                valid++;
            }
        }

        Valid = valid;
    }

    /// <summary>The valid values.</summary>
    public long Valid { get; }

    /// <summary>The value at a descending rank (1 = the largest).</summary>
    /// <param name="rank">1 to <see cref="Valid"/>.</param>
    public OrderStatistic Select(long rank)
    {
        if (rank < 1 || rank > Valid)
        {
            KernelThrow.Rank(rank, Valid);
        }

        long above = 0;
        var value = Size - 1;
        while (above + _counts[value] < rank)
        {
            above += _counts[value];
            value--;
        }

        return new OrderStatistic(value - Offset, above, _counts[value]);
    }

    /// <summary>
    /// The valid values at or above <paramref name="threshold"/>, and the lowest of them with its count (as an order
    /// statistic: Above = those strictly above it); null when none is at or above.
    /// </summary>
    /// <param name="threshold">The threshold.</param>
    public (long Count, OrderStatistic? Lowest) AtLeast(int threshold)
    {
        var from = Math.Clamp(threshold + Offset, 0, Size);
        long count = 0;
        for (var v = from; v < Size; v++)
        {
            count += _counts[v];
        }

        for (var v = from; v < Size; v++)
        {
            if (_counts[v] > 0)
            {
                return (count, new OrderStatistic(v - Offset, count - _counts[v], _counts[v]));
            }
        }

        return (0, null);
    }

    /// <summary>Returns the pooled counts; the selector is unusable afterwards.</summary>
    public void Dispose()
    {
        if (_counts.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_counts);
            _counts = [];
        }
    }
}
