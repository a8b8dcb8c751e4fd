using System.Diagnostics;
using System.Globalization;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// Peak resident memory of one engine for the whole race (load + every workload at 1 and 2 threads), measured in a child
/// process of its own (this executable with the hidden <c>--probe ENGINE</c> argument) so the engines do not disturb each
/// other: the child reports what the engine accounts for and <c>VmHWM</c> from <c>/proc/self/status</c>.
/// </summary>
internal static class MemoryProbe
{
    /// <summary>The engines a probe can measure.</summary>
    public static readonly string[] Engines = ["CaiScores", "DuckDB", "LINQ"];

    /// <summary>In the child: loads the engine, runs every workload, prints <c>VmHWM kB</c> on stdout.</summary>
    public static int RunChild(RaceOptions options)
    {
        long? afterBuild = null;
        using (var engine = RaceCommand.Load(options.Probe!, options.Persons, options.Runs, out _, () => afterBuild = PeakKilobytes()))
        {
            var afterLoad = PeakKilobytes() ?? 0;
            foreach (var workload in Enum.GetValues<Workload>())
            {
                engine.Run(workload, 1);
                engine.Run(workload, 2);
            }

            // What the engine itself accounts for, to set beside the peak.
            var held = engine switch
            {
                CaiScoresEngine cai => string.Create(CultureInfo.InvariantCulture, $"table {cai.Table.ScoreBytes / 1e6:N0} MB (score columns + person index; {cai.Table.Persons.Count:N0} 38-digit ECIDs)"),
                DuckDbEngine duck => string.Create(CultureInfo.InvariantCulture, $"duckdb_memory() {duck.Scalar("SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()") / 1e6:N0} MB"),
                _ => "row objects",
            };
            var gc = GC.GetGCMemoryInfo();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{held}; {(afterBuild is { } built ? $"peak after the table build (before the tier join) {built / 1e3:N0} MB, " : string.Empty)}peak after the load {afterLoad / 1e3:N0} MB; managed heap at the last GC {gc.HeapSizeBytes / 1e6:N0} MB, committed {gc.TotalCommittedBytes / 1e6:N0} MB"));
        }

        Console.WriteLine(PeakKilobytes()?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
        return 0;
    }

    /// <summary>In the parent: runs the child for an engine and returns its peak RSS in bytes (null when not on Linux).</summary>
    public static (long? Bytes, string Detail) Measure(string engine, RaceOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryProbe).Assembly.Location);
        }

        foreach (var argument in (string[])["race", "--probe", engine, .. options.ShapeArguments()])
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        var lines = output.Split('\n');
        var detail = lines.Length > 1 ? lines[^2].Trim() : string.Empty;
        return child.ExitCode == 0 && long.TryParse(lines[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb) ? (kb * 1024, detail) : (null, detail);
    }

    private static long? PeakKilobytes()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return null;
        }

        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
