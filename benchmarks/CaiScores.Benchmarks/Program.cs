using BenchmarkDotNet.Running;

namespace CaiScores.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- --filter '*'</c> runs every benchmark;
/// <c>-- --list flat</c> lists them. See docs/performance.md for the recorded tables.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
