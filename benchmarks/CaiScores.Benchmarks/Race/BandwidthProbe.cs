using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// The memory-bandwidth reference: a <see cref="Vector256"/> sum of doubles (four independent accumulators) over a buffer
/// of a given number of bytes, on one thread or split in halves over two.
/// </summary>
internal sealed class BandwidthProbe(long bytes)
{
    private readonly double[] _values = Filled(bytes);

    /// <summary>Median seconds to sum the first <paramref name="bytes"/> bytes with <paramref name="threads"/> threads.</summary>
    public double Seconds(long bytes, int threads, int repeats)
    {
        var count = (int)Math.Min(_values.Length, bytes / sizeof(double));
        var sink = 0.0;
        var seconds = Timing.Median(repeats, () =>
        {
            if (threads == 1)
            {
                sink += Sum(_values.AsSpan(0, count));
                return;
            }

            var parts = new double[threads];
            var chunk = count / threads;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
                parts[t] = Sum(_values.AsSpan(t * chunk, t == threads - 1 ? count - (t * chunk) : chunk)));
            sink += parts.Sum();
        });
        GC.KeepAlive(sink);
        return seconds;
    }

    private static double[] Filled(long bytes)
    {
        var values = new double[Math.Max(1, bytes / sizeof(double))];
        values.AsSpan().Fill(1.0);
        return values;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var vectors = MemoryMarshal.Cast<double, Vector256<double>>(values);
        Vector256<double> a = default, b = default, c = default, d = default;
        var i = 0;
        for (; i + 4 <= vectors.Length; i += 4)
        {
            a += vectors[i];
            b += vectors[i + 1];
            c += vectors[i + 2];
            d += vectors[i + 3];
        }

        for (; i < vectors.Length; i++)
        {
            a += vectors[i];
        }

        var sum = Vector256.Sum(a + b + c + d);
        for (var j = vectors.Length * Vector256<double>.Count; j < values.Length; j++)
        {
            sum += values[j];
        }

        return sum;
    }
}
