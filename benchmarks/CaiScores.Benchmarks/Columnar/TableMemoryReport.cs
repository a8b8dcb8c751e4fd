using System.Diagnostics;
using System.Globalization;
using CaiScores.Columnar;

namespace CaiScores.Benchmarks.Columnar;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- table-memory [persons] [runs]</c>: builds a score
/// table of 2,000,000 persons × 8 weekly runs (10 % of persons missing from each run, 5 factors per row) through the
/// columnar row writer and reports what it holds resident per score row, measured (managed heap after a full collection,
/// the table alive) and as the table accounts for its own buffers.
/// </summary>
internal static class TableMemoryReport
{
    public static int Run(string[] args)
    {
        var persons = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var before = Settle();
        var clock = Stopwatch.StartNew();
        var table = Data.SyntheticScores.Table(persons, runs, factors: true, tiers: false);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = Settle();
        var rows = table.ScoreRowCount;
        var resident = after - before;
        var factorRows = table.Runs.Sum(r => (long)r.FactorCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"table: {table}; {factorRows:N0} factor rows; built in {seconds:F1} s ({rows / seconds:N0} rows/s through ScoreRowWriter)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured resident (managed heap, table alive): {resident:N0} bytes = {(double)resident / rows:F1} bytes per score row, factors included"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accounted: score columns + person index {table.ScoreBytes:N0} bytes = {(double)table.ScoreBytes / rows:F1} bytes per score row"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accounted: factor columns + dictionaries {table.FactorBytes:N0} bytes = {(double)table.FactorBytes / rows:F1} bytes per score row ({(double)table.FactorBytes / factorRows:F1} per factor)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"measured minus accounted factors: {(double)(resident - table.FactorBytes) / rows:F1} bytes per score row (target ≤ 32)"));
        GC.KeepAlive(table);
        return 0;
    }

    private static long Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
