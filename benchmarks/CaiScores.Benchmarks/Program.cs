using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- --list flat</c> lists them; <c>-- table-memory</c> measures the score table's resident bytes per row.
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
