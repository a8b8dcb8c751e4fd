using System.Globalization;
using System.Reflection;
using System.Text;
using BenchmarkDotNet.Reports;

namespace CaiScores.Benchmarks.Guard;

/// <summary>One guarded kernel's measurements against its baseline and the verdict.</summary>
/// <param name="Benchmark">The benchmark class.</param>
/// <param name="Kernel">Class and method.</param>
/// <param name="Case">The parameters of the case (the size included).</param>
/// <param name="Rule">The kernel's <see cref="GuardedAttribute"/>.</param>
/// <param name="BaselineNanoseconds">The baseline's median, or null when it did not run.</param>
/// <param name="KernelNanoseconds">The kernel's median, or null when it did not run.</param>
/// <param name="AllocatedBytes">The kernel's allocation per operation, or null when not measured.</param>
/// <param name="Problems">What failed; empty when the kernel passed. For the canary, what it was caught at.</param>
/// <param name="Passed">Whether this check passed (for the canary: whether it was caught on both counts).</param>
internal sealed record GuardResult(
    Type Benchmark,
    string Kernel,
    string Case,
    GuardedAttribute Rule,
    double? BaselineNanoseconds,
    double? KernelNanoseconds,
    long? AllocatedBytes,
    IReadOnlyList<string> Problems,
    bool Passed)
{
    /// <summary>Gets or sets whether these are the second measurements (the first failed).</summary>
    public bool Remeasured { get; init; }

    /// <summary>Gets the baseline median / the kernel median.</summary>
    public double? Speedup => BaselineNanoseconds / KernelNanoseconds;
}

/// <summary>The guard's checks on BenchmarkDotNet's summaries, and its markdown report.</summary>
internal static class GuardCheck
{
    /// <summary>Checks every guarded kernel of the summaries against its class's baseline in the same case.</summary>
    /// <param name="summaries">The summaries of the guard's run.</param>
    /// <returns>One result per guarded kernel and case.</returns>
    public static IReadOnlyList<GuardResult> Evaluate(IEnumerable<Summary> summaries)
    {
        var results = new List<GuardResult>();
        foreach (var summary in summaries)
        {
            // A baseline is per case and per category (a class may hold several, e.g. Venn and UpSet).
            foreach (var group in summary.BenchmarksCases.GroupBy(c => (c.Parameters.DisplayInfo, Categories: string.Join(",", c.Descriptor.Categories))))
            {
                var baseline = group.SingleOrDefault(c => c.Descriptor.Baseline);
                var baselineReport = baseline is null ? null : summary[baseline];
                foreach (var kernel in group.Where(c => c.Descriptor.WorkloadMethod.GetCustomAttribute<GuardedAttribute>() is not null))
                {
                    var rule = kernel.Descriptor.WorkloadMethod.GetCustomAttribute<GuardedAttribute>()!;
                    var report = summary[kernel];
                    results.Add(Check(
                        kernel.Descriptor.Type,
                        $"{kernel.Descriptor.Type.Name}.{kernel.Descriptor.WorkloadMethod.Name}",
                        group.Key.Categories.Length == 0 ? group.Key.DisplayInfo : $"{group.Key.Categories} {group.Key.DisplayInfo}",
                        rule,
                        baselineReport is { Success: true } ? baselineReport.ResultStatistics?.Median : null,
                        report is { Success: true } ? report.ResultStatistics?.Median : null,
                        report?.GcStats.GetBytesAllocatedPerOperation(kernel)));
                }
            }
        }

        return results;
    }

    /// <summary>The verdict of one kernel from its measurements.</summary>
    /// <param name="benchmark">The benchmark class.</param>
    /// <param name="kernel">Class and method.</param>
    /// <param name="parameters">The case's parameters.</param>
    /// <param name="rule">The kernel's rule.</param>
    /// <param name="baselineNanoseconds">The baseline's median, or null when it did not run.</param>
    /// <param name="kernelNanoseconds">The kernel's median, or null when it did not run.</param>
    /// <param name="allocatedBytes">The kernel's allocation per operation, or null when not measured.</param>
    /// <returns>The result.</returns>
    public static GuardResult Check(Type benchmark, string kernel, string parameters, GuardedAttribute rule, double? baselineNanoseconds, double? kernelNanoseconds, long? allocatedBytes)
    {
        var problems = new List<string>();
        var speedup = baselineNanoseconds / kernelNanoseconds;
        if (baselineNanoseconds is null || kernelNanoseconds is null)
        {
            problems.Add(baselineNanoseconds is null ? "the baseline did not run (see the log above)" : "the kernel did not run (see the log above)");
        }
        else if (!(speedup >= rule.MinSpeedup))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{speedup:0.0}× faster than the baseline, needs {rule.MinSpeedup:0.0#}×"));
        }

        if (allocatedBytes is not { } allocated)
        {
            problems.Add("allocation not measured");
        }
        else if (allocated > rule.MaxAllocatedBytes)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"allocates {allocated:N0} B per operation, budget {rule.MaxAllocatedBytes:N0} B"));
        }

        if (!rule.Canary)
        {
            return new GuardResult(benchmark, kernel, parameters, rule, baselineNanoseconds, kernelNanoseconds, allocatedBytes, problems, problems.Count == 0);
        }

        // The canary must be caught on both counts, with both measurements present.
        var caught = baselineNanoseconds is not null && kernelNanoseconds is not null && allocatedBytes is not null
            && speedup < rule.MinSpeedup && allocatedBytes > rule.MaxAllocatedBytes;
        return new GuardResult(benchmark, kernel, parameters, rule, baselineNanoseconds, kernelNanoseconds, allocatedBytes, problems, caught);
    }

    /// <summary>The markdown report: one row per check, then the totals.</summary>
    /// <param name="results">The checks.</param>
    /// <param name="rows">The guard's size in score rows.</param>
    /// <param name="elapsed">How long the guard ran.</param>
    /// <returns>The report.</returns>
    public static string Report(IReadOnlyList<GuardResult> results, int rows, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"## Benchmark guard: {rows:N0} rows, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}\n\n");
        text.Append("| Kernel | Case | Baseline | Kernel | Speedup | Needs | Allocated | Budget | Verdict |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var r in results)
        {
            var verdict = r.Rule.Canary
                ? r.Passed ? "canary caught: " + string.Join("; ", r.Problems) : "**FAIL: the canary was not caught** — the guard cannot fail"
                : r.Passed ? "ok" : "**FAIL**: " + string.Join("; ", r.Problems);
            if (r.Rule.Why is { } why && !r.Rule.Canary)
            {
                verdict += $" ({why})";
            }

            if (r.Remeasured)
            {
                verdict += " — measured twice (the first run failed)";
            }

            text.Append(CultureInfo.InvariantCulture, $"| {r.Kernel} | {r.Case} | {Time(r.BaselineNanoseconds)} | {Time(r.KernelNanoseconds)} | {(r.Speedup is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–")} | {r.Rule.MinSpeedup.ToString("0.0#", CultureInfo.InvariantCulture)}× | {(r.AllocatedBytes is { } a ? a.ToString("N0", CultureInfo.InvariantCulture) + " B" : "–")} | {r.Rule.MaxAllocatedBytes.ToString("N0", CultureInfo.InvariantCulture)} B | {verdict} |\n");
        }

        var kernels = results.Where(r => !r.Rule.Canary).ToList();
        var canary = results.Where(r => r.Rule.Canary).ToList();
        var canaryText = canary.Count == 0 ? "the canary did not run (FAIL)" : canary.All(c => c.Passed) ? "canary caught" : "canary NOT caught (FAIL)";
        text.Append(CultureInfo.InvariantCulture, $"\nguard: {kernels.Count(k => k.Passed)} of {kernels.Count} kernels passed, {canaryText}, in {elapsed.TotalSeconds:0} s\n");
        return text.ToString();
    }

    private static string Time(double? nanoseconds) => nanoseconds switch
    {
        null => "–",
        >= 1e6 => (nanoseconds.Value / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        _ => (nanoseconds.Value / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " µs",
    };
}
