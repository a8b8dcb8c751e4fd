using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CaiScores.Benchmarks.Data;
using Perfolizer.Horology;

namespace CaiScores.Benchmarks.Guard;

/// <summary>
/// <c>-- guard [--rows N] [--filter TEXT] [--out FILE]</c>: runs every <see cref="GuardedAttribute"/> kernel and its class's
/// baseline with BenchmarkDotNet in this process, at one size (1,000,000 rows unless <c>--rows</c>), and fails when a kernel
/// is not <see cref="GuardedAttribute.MinSpeedup"/> times faster than its baseline or allocates more than its budget — or
/// when the <see cref="GuardCanaryBenchmarks">canary</see> is not caught. Prints a markdown table and exits 0 or 1.
/// </summary>
/// <remarks>
/// In process (no separate build per benchmark) and short — 2 warm-up and 7 measured iterations of ~100 ms, medians
/// compared; ingest at 100,000 rows — so that <c>.ci/run</c> runs it in a few minutes. A failing kernel is measured a
/// second time before it counts. The ratios, not the times, are checked: a 2-core VM in its
/// slow mode slows a kernel and its baseline alike.
/// </remarks>
internal static class BenchmarkGuard
{
    /// <summary>The guard's default size in score rows.</summary>
    public const int DefaultRows = 1_000_000;

    /// <summary>Runs the guard.</summary>
    /// <param name="args">The arguments after <c>guard</c>.</param>
    /// <returns>0 when every check passed, 1 otherwise, 2 for bad arguments.</returns>
    public static int Run(string[] args)
    {
        var rows = DefaultRows;
        string? filter = null;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 8:
                    rows = n;
                    i++;
                    break;
                case "--filter" when i + 1 < args.Length:
                    filter = args[++i];
                    break;
                case "--out" when i + 1 < args.Length:
                    output = args[++i];
                    break;
                default:
                    Console.Error.WriteLine($"guard: unknown or incomplete argument '{args[i]}'. Usage: guard [--rows N (≥ 8)] [--filter TEXT] [--out FILE]");
                    return 2;
            }
        }

        BenchmarkSizes.Only = rows;
        var types = typeof(BenchmarkGuard).Assembly.GetTypes()
            .Where(t => t.IsPublic && t.GetMethods().Any(m => m.GetCustomAttribute<GuardedAttribute>() is not null))
            .Where(t => filter is null || t.Name.Contains(filter, StringComparison.OrdinalIgnoreCase) || t == typeof(GuardCanaryBenchmarks))
            .OrderBy(t => t == typeof(GuardCanaryBenchmarks) ? 0 : 1)
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToArray();

        var started = DateTime.UtcNow;
        var checks = GuardCheck.Evaluate(BenchmarkRunner.Run(types, Config()));

        // A failure is measured once more before it counts: on a shared 2-core VM one slow spell can hit a kernel and not
        // its baseline. A real regression fails both times; the canary is not re-run.
        var failed = checks.Where(c => !c.Passed && !c.Rule.Canary).Select(c => c.Benchmark).Distinct().ToArray();
        if (failed.Length > 0)
        {
            Console.Error.WriteLine($"guard: measuring {string.Join(", ", failed.Select(t => t.Name))} once more");
            var again = GuardCheck.Evaluate(BenchmarkRunner.Run(failed, Config()));
            checks = [.. checks.Select(c => again.FirstOrDefault(a => a.Kernel == c.Kernel && a.Case == c.Case && !c.Passed && !c.Rule.Canary) is { } retry ? retry with { Remeasured = true } : c)];
        }

        var report = GuardCheck.Report(checks, rows, DateTime.UtcNow - started);
        Console.WriteLine(report);
        if (output is not null)
        {
            File.WriteAllText(output, report);
        }

        return checks.All(c => c.Passed) && checks.Any(c => c.Rule.Canary) ? 0 : 1;
    }

    private static ManualConfig Config()
    {
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .AsMutator();
        return ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(new ProgressLogger(Console.Error))
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddFilter(new SimpleFilter(c => c.Descriptor.Baseline || c.Descriptor.WorkloadMethod.GetCustomAttribute<GuardedAttribute>() is not null))
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "caiscores-guard"))
            .WithOption(ConfigOptions.DisableLogFile, true)
            .WithOption(ConfigOptions.JoinSummary, false);
    }
}
