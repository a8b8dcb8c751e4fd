using System.Globalization;
using CaiScores.Benchmarks.Data;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- race [--persons N] [--runs N] [--repeats N]
/// [--parquet] [--out FILE.md]</c>: CaiScores against DuckDB (embedded, in-process) and naive LINQ on one synthetic
/// dataset (<see cref="SyntheticScores"/>), five workloads (<see cref="Workload"/>). Every engine's answers are compared
/// before any time is measured; a mismatch prints both answers and exits 1. Progress goes to stderr, the markdown report
/// to stdout (and <c>--out</c>).
/// </summary>
internal static class RaceCommand
{
    /// <summary>Runs the race (or, with the hidden <c>--probe</c>, one engine's memory probe).</summary>
    public static int Run(string[] args)
    {
        if (RaceOptions.Parse(args) is not { } options)
        {
            return 2;
        }

        if (options.Probe is not null)
        {
            return MemoryProbe.RunChild(options);
        }

        var report = new RaceReport(options);
        var loadSeconds = new Dictionary<string, double>();
        Progress($"building the dataset in three engines: {options.Persons:N0} persons × {options.Runs} runs");
        using var cai = (CaiScoresEngine)Load("CaiScores", options.Persons, options.Runs, out var s);
        loadSeconds["CaiScores"] = s;
        using var duck = (DuckDbEngine)Load("DuckDB", options.Persons, options.Runs, out s);
        loadSeconds["DuckDB"] = s;
        using var linq = Load("LINQ", options.Persons, options.Runs, out s);
        loadSeconds["naive LINQ"] = s;
        report.Dataset(cai.Table, loadSeconds, duck.Scalar("SELECT count(*) FROM scores"));

        Progress("checking every engine's answers (and every DuckDB SQL variant's)");
        var reference = new Dictionary<Workload, RaceAnswer>();
        foreach (var workload in Enum.GetValues<Workload>())
        {
            var expected = reference[workload] = cai.Run(workload, 1);
            var others = new List<(string, RaceAnswer)>
            {
                ("CaiScores threads=2", cai.Run(workload, 2)),
                ("DuckDB threads=1", duck.Run(workload, 1)),
                ("DuckDB threads=2", duck.Run(workload, 2)),
                ("naive LINQ", linq.Run(workload, 1)),
            };
            others.AddRange(duck.Queries.Where(q => q.Workload == workload).Select(q => ($"DuckDB '{q.Name}'", duck.Run(q, 2))));
            if (!Agree(workload, "CaiScores threads=1", expected, others))
            {
                return 1;
            }
        }

        Progress("choosing the fastest DuckDB SQL of each workload (threads=2)");
        foreach (var group in duck.Queries.GroupBy(q => q.Workload).Where(g => g.Count() > 1))
        {
            var timed = group.Select(q => (Query: q, Seconds: Timing.Median(Math.Min(3, options.Repeats), () => duck.Run(q, 2)))).ToList();
            duck.Choose(timed.MinBy(t => t.Seconds).Query);
            report.Variants(group.Key, timed, duck.Variant(group.Key));
        }

        foreach (var workload in Enum.GetValues<Workload>())
        {
            Progress($"timing {workload}");
            var times = new WorkloadTimes(
                Timing.Median(options.Repeats, () => cai.Run(workload, 1)),
                Timing.Median(options.Repeats, () => duck.Run(workload, 1)),
                Timing.Median(options.Repeats, () => cai.Run(workload, 2)),
                Timing.Median(options.Repeats, () => duck.Run(workload, 2)),
                Timing.Median(options.Repeats, () => linq.Run(workload, 1)));
            report.Times(workload, times, duck.Variant(workload).Name);
        }

        Progress("measuring the memory-bandwidth reference");
        var (w1Bytes, w2Bytes) = RaceReport.ScanBytes(cai.Table);
        var bandwidth = new BandwidthProbe(w2Bytes);
        report.Bandwidth(w1Bytes, w2Bytes, [
            bandwidth.Seconds(w1Bytes, 1, options.Repeats), bandwidth.Seconds(w1Bytes, 2, options.Repeats),
            bandwidth.Seconds(w2Bytes, 1, options.Repeats), bandwidth.Seconds(w2Bytes, 2, options.Repeats)]);

        if (options.Parquet && ParquetRace.Run(options, report) is var failed && failed != 0)
        {
            return failed;
        }

        foreach (var engine in MemoryProbe.Engines)
        {
            Progress($"peak memory of {engine} in a child process");
            var (bytes, detail) = MemoryProbe.Measure(engine, options);
            report.Memory(engine, bytes, detail);
        }

        var text = report.ToString();
        Console.Write(text);
        if (options.Out is { } path)
        {
            File.WriteAllText(path, text);
        }

        return 0;
    }

    /// <summary>Builds one engine's data (CaiScores, DuckDB or LINQ) and the seconds it took.</summary>
    /// <remarks>CaiScores is built in two steps (the table, then the tier join, as <see cref="SyntheticScores.Table"/> does) so
    /// that <paramref name="checkpoint"/> can be called between them.</remarks>
    public static IRaceEngine Load(string engine, int persons, int runs, out double seconds, Action? checkpoint = null)
    {
        IRaceEngine? loaded = null;
        seconds = Timing.Once(() => loaded = engine switch
        {
            "CaiScores" => new CaiScoresEngine(BuildThenJoin(persons, runs, checkpoint)),
            "DuckDB" => DuckDbEngine.Load(SyntheticScores.Rows(persons, runs), runs),
            "LINQ" => new LinqEngine(SyntheticScores.Rows(persons, runs), runs),
            _ => throw new ArgumentException($"unknown engine '{engine}'", nameof(engine)),
        });
        Progress(string.Create(CultureInfo.InvariantCulture, $"{engine} loaded"));
        return loaded!;
    }

    private static CaiScores.Columnar.ScoreTable BuildThenJoin(int persons, int runs, Action? checkpoint)
    {
        var table = SyntheticScores.Table(persons, runs, factors: false, tiers: false);
        checkpoint?.Invoke();
        return table.WithAttributes(SyntheticScores.TierRows(table));
    }

    /// <summary>Compares answers with the reference; prints both and returns false on the first mismatch.</summary>
    public static bool Agree(Workload workload, string referenceName, RaceAnswer expected, IEnumerable<(string Name, RaceAnswer Answer)> others)
    {
        foreach (var (name, answer) in others)
        {
            if (expected.Difference(answer) is { } difference)
            {
                Console.Error.WriteLine($"race: {workload} answers differ ({difference})");
                Console.Error.WriteLine($"{referenceName}:\n{expected}{name}:\n{answer}");
                return false;
            }
        }

        return true;
    }

    /// <summary>A progress line on stderr.</summary>
    public static void Progress(string message) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] race: {message}"));
}

/// <summary>Median seconds of one workload per engine and thread count.</summary>
internal readonly record struct WorkloadTimes(double Cai1, double Duck1, double Cai2, double Duck2, double Linq);
