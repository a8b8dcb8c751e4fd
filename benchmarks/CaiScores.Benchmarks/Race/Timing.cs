using System.Diagnostics;

namespace CaiScores.Benchmarks.Race;

/// <summary>Median wall-clock time of an action after one warm-up.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> once untimed, then <paramref name="repeats"/> times; returns the median seconds.</summary>
    public static double Median(int repeats, Action action)
    {
        action();
        var seconds = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds[i] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return repeats % 2 == 1 ? seconds[repeats / 2] : (seconds[(repeats / 2) - 1] + seconds[repeats / 2]) / 2;
    }

    /// <summary>Seconds one call takes.</summary>
    public static double Once(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
