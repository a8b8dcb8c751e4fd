using System.Diagnostics;

namespace CaiScores.Benchmarks.Race;

/// <summary>Median wall-clock time of an action after a warm-up.</summary>
internal static class Timing
{
    /// <summary>Warm-up calls, unless <see cref="WarmUpLimit"/> is reached first: the .NET JIT promotes a method to its optimised tier after 30 calls.</summary>
    public const int WarmUpCalls = 30;

    /// <summary>The most time spent warming up one action (a 1-second query warms up twice).</summary>
    public static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Warms <paramref name="action"/> up (<see cref="WarmUpCalls"/> calls or <see cref="WarmUpLimit"/>, at least one call,
    /// then a pause for the JIT's background compilation), then runs it <paramref name="repeats"/> times; returns the
    /// median seconds. What is timed is the optimised code a long-running service runs, not the first calls' code.
    /// </summary>
    public static double Median(int repeats, Action action)
    {
        var warm = Stopwatch.StartNew();
        for (var call = 0; call < WarmUpCalls && (call == 0 || warm.Elapsed < WarmUpLimit); call++)
        {
            action();
        }

        Thread.Sleep(200);
        var seconds = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        return MedianOf(seconds);
    }

    /// <summary>The median of measurements (the mean of the middle two for an even count).</summary>
    public static double MedianOf(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Seconds one call takes.</summary>
    public static double Once(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
