using System.Diagnostics;
using System.Globalization;
using System.Text;
using CaiScores.Columnar;
using CaiScores.Models;

namespace CaiScores.Benchmarks.Columnar;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- table-memory [persons] [runs]</c>: builds a score
/// table of 2,000,000 persons × 8 weekly runs (10 % of persons missing from each run, 5 factors per row) through the
/// columnar row writer and reports what it holds resident per score row, measured (managed heap after a full collection,
/// the table alive) and as the table accounts for its own buffers.
/// </summary>
internal static class TableMemoryReport
{
    private static readonly string[] Codes = [.. Enumerable.Range(0, 60).Select(i => $"Counts of event{i % 10} in last {(i / 10 + 1) * 15} days")];
    private static readonly string[] Values = [.. Enumerable.Range(0, 200).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static int Run(string[] args)
    {
        var persons = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000_000;
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var before = Settle();
        var clock = Stopwatch.StartNew();
        var table = Build(persons, runs);
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

    private static ScoreTable Build(int persons, int runs)
    {
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "PurchasePropensityWebsite")!;
        var codeIds = Codes.Select(c => writer.GetFactorCodeId(Encoding.UTF8.GetBytes(c))).ToArray();
        var valueIds = Values.Select(v => writer.GetFactorValueId(Encoding.UTF8.GetBytes(v))).ToArray();
        Span<byte> id = stackalloc byte[38];
        var first = new DateOnly(2026, 1, 4);
        for (var r = 0; r < runs; r++)
        {
            var date = first.AddDays(7 * r);
            var timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            for (var p = 0; p < persons; p++)
            {
                var h = Mix((ulong)p);
                if ((Mix(h ^ (ulong)r) % 10) == 0)
                {
                    continue; // 10 % missing from this run
                }

                Ecid(p, id);
                var score = (h % 10_000) / 100.0 + r * 0.01;
                if (!writer.AddRow(id, date, timestamp, Math.Min(score, 100), score / 100, (int)(h % 100) + 1, "conversion"))
                {
                    continue;
                }

                for (var f = 0; f < 5; f++)
                {
                    var x = Mix(h + (ulong)f);
                    writer.AddFactor(codeIds[x % (ulong)codeIds.Length], valueIds[(x >> 20) % (ulong)valueIds.Length], (Importance)(1 + (int)(x % 3)));
                }
            }
        }

        return builder.Build().Single();
    }

    private static void Ecid(int person, Span<byte> into)
    {
        // 38 digits, like an Experience Cloud ID: a fixed prefix and the person number.
        "4521295818337221"u8.CopyTo(into);
        var n = (ulong)person * 0x9E3779B97F4A7C15UL;
        for (var i = 37; i >= 16; i--)
        {
            into[i] = (byte)('0' + (n % 10));
            n /= 10;
        }
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        return x ^ (x >> 33);
    }
}
