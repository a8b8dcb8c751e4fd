using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- --list flat</c> lists them; <c>-- table-memory</c> measures the score table's resident bytes per row;
/// <c>-- guard</c> checks every guarded kernel against its baseline (what <c>.ci/run</c> runs);
/// <c>-- race</c> races CaiScores against DuckDB and naive LINQ (see Race/RaceCommand.cs).
/// See docs/performance.md for the recorded tables.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        // Commands that are measurements of their own rather than BenchmarkDotNet runs.
        if (args is ["table-memory", ..])
        {
            return Columnar.TableMemoryReport.Run(args[1..]);
        }

        if (args is ["guard", ..])
        {
            return Guard.BenchmarkGuard.Run(args[1..]);
        }

        if (args is ["race", ..])
        {
            return Race.RaceCommand.Run(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
