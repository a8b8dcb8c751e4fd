using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CaiScores.Columnar;

namespace CaiScores.Benchmarks.Race;

/// <summary>The race's markdown report, filled section by section and written at the end.</summary>
internal sealed class RaceReport(RaceOptions options)
{
    private static readonly Dictionary<Workload, (string What, double Target)> Workloads = new()
    {
        [Workload.W1] = ("20-bucket distribution of the last run + count, mean, min, max", 20),
        [Workload.W2] = ("per (run, tier): count, mean, CAI low/medium/high", 20),
        [Workload.W3] = ("all consecutive transition matrices + entries, exits", 100),
        [Workload.W4] = ("Venn of High in runs 1, 4 and last", 10),
        [Workload.W5] = ("top-20 % quantile_disc threshold of the last run + count", 10),
    };

    private readonly StringBuilder _dataset = new();
    private readonly StringBuilder _variants = new();
    private readonly StringBuilder _times = new();
    private readonly StringBuilder _memory = new();
    private readonly StringBuilder _bandwidth = new();
    private readonly string _loadAtStart = LoadAverage();
    private readonly Dictionary<Workload, WorkloadTimes> _measured = [];
    private readonly Dictionary<string, (long? Bytes, string Detail)> _peaks = [];

    /// <summary>The end-to-end Parquet section (empty without <c>--parquet</c>).</summary>
    public StringBuilder Parquet { get; } = new();

    /// <summary>Bytes W1 and W2 read once: the score column (8 bytes a slot) and its validity bitmap of the runs they scan.</summary>
    public static (long W1, long W2) ScanBytes(ScoreTable table)
    {
        static long Bytes(ScoreRun run) => ((long)run.Scores.Length * sizeof(double)) + run.ScoreValidity.Length;
        return (Bytes(table.Runs[^1]), table.Runs.Sum(Bytes));
    }

    /// <summary>The dataset line.</summary>
    public void Dataset(ScoreTable table, IReadOnlyDictionary<string, double> loadSeconds, long duckRows)
    {
        var loads = string.Join(", ", loadSeconds.Select(kv => I($"{kv.Key} {kv.Value:F1} s")));
        _dataset.Append(I($"Dataset: `SyntheticScores` {options.Persons:N0} persons × {options.Runs} weekly runs = {table.ScoreRowCount:N0} score rows (DuckDB holds {duckRows:N0}); "));
        _dataset.Append("10 % of persons missing from each run, scores persistent (+0.01 a run), tiers bronze/silver/gold/platinum 50/30/15/5 %.\n");
        _dataset.Append(I($"Columns in every engine: person, run, score, probability, percentile, tier. Load (not timed in table 1): {loads}.\n"));
        var rate = duckRows / loadSeconds["DuckDB"];
        _dataset.Append(I($"Influential factors: in neither engine. DuckDB's Appender loaded {rate:N0} rows/s here, so the {table.ScoreRowCount * 5:N0} factor rows (a second table, or a LIST of STRUCT) "));
        _dataset.Append(I($"would add ≈ {table.ScoreRowCount * 5 / rate:N0} s of loading, and none of W1–W5 reads them; CaiScores is built without its factor columns too, so both hold the same columns.\n"));
    }

    /// <summary>The SQL variants tried for a workload.</summary>
    public void Variants(Workload workload, IEnumerable<(DuckDbQuery Query, double Seconds)> timed, DuckDbQuery chosen)
    {
        foreach (var (query, seconds) in timed)
        {
            _variants.Append(I($"| {workload} | {query.Name} | {Ms(seconds)} | {(query == chosen ? "kept" : string.Empty)} |\n"));
        }
    }

    /// <summary>One row of table 1.</summary>
    public void Times(Workload workload, WorkloadTimes t, string variant)
    {
        _measured[workload] = t;
        var (what, target) = Workloads[workload];
        var r1 = t.Duck1 / t.Cai1;
        var r2 = t.Duck2 / t.Cai2;
        var verdict = I($"≥ {target:F0}×: {(r1 >= target ? "met" : "missed")} t1, {(r2 >= target ? "met" : "missed")} t2");
        _times.Append(I($"| {workload} {what} | {Ms(t.Cai1)} | {Ms(t.Duck1)} | {r1:F1}× | {Ms(t.Cai2)} | {Ms(t.Duck2)} | {r2:F1}× | {Ms(t.Linq)} | {verdict} |\n"));
    }

    /// <summary>The bandwidth section: seconds of the reference sum for W1's and W2's bytes at 1 and 2 threads.</summary>
    public void Bandwidth(long w1Bytes, long w2Bytes, double[] seconds)
    {
        _bandwidth.Append("| scan | bytes | threads | reference sum GB/s | CaiScores GB/s | % of reference | DuckDB GB/s |\n|---|---:|---:|---:|---:|---:|---:|\n");
        var rows = new[] { (Workload.W1, w1Bytes, 1, seconds[0]), (Workload.W1, w1Bytes, 2, seconds[1]), (Workload.W2, w2Bytes, 1, seconds[2]), (Workload.W2, w2Bytes, 2, seconds[3]) };
        foreach (var (workload, bytes, threads, reference) in rows)
        {
            var t = _measured[workload];
            var (cai, duck) = threads == 1 ? (t.Cai1, t.Duck1) : (t.Cai2, t.Duck2);
            _bandwidth.Append(I($"| {workload} | {bytes:N0} | {threads} | {Gbs(bytes, reference)} | {Gbs(bytes, cai)} | {100 * reference / cai:F0} % | {Gbs(bytes, duck)} |\n"));
        }
    }

    /// <summary>One engine's peak RSS (null when it could not be measured).</summary>
    public void Memory(string engine, long? bytes, string detail) => _peaks[engine] = (bytes, detail);

    /// <summary>The whole report.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("# CaiScores race: CaiScores vs DuckDB vs naive LINQ\n\n");
        text.Append(I($"Command: `dotnet run -c Release --project benchmarks/CaiScores.Benchmarks -- race {string.Join(' ', options.Arguments)}`  \n"));
        text.Append(I($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {Environment.ProcessorCount} logical processors, {RuntimeInformation.OSDescription}, {RuntimeInformation.RuntimeIdentifier}, .NET {Environment.Version}, DuckDB.NET.Data.Full 1.5.6.1. Load average (1, 5, 15 min; a shared machine) at the start: {_loadAtStart}, at the end: {LoadAverage()}.\n\n"));
        text.Append(_dataset).Append('\n');
        text.Append(I($"## Table 1: workloads on loaded data (median of {options.Repeats} after a warm-up of 30 calls or 2 s, milliseconds; ratio = DuckDB ÷ CaiScores)\n\n"));
        text.Append("Answers of all engines (and of every DuckDB SQL variant) were compared before timing: counts equal, means within 1e-9 relative.\n");
        text.Append("CaiScores runs with `MaxDegreeOfParallelism` 1 and 2 where the options have it (W5: `TopPercentOptions` has no such option, so both its columns are one thread); DuckDB with `SET threads` 1 and 2; LINQ on one thread.\n\n");
        text.Append("| workload | CaiScores t1 | DuckDB t1 | ratio | CaiScores t2 | DuckDB t2 | ratio | naive LINQ | target |\n|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        text.Append(_times).Append('\n');
        if (_variants.Length > 0)
        {
            text.Append(I($"DuckDB SQL variants (threads=2, median of {Math.Min(3, options.Repeats)} after a warm-up, ms; the fastest is kept):\n\n| workload | variant | ms | |\n|---|---|---:|---|\n"));
            text.Append(_variants).Append('\n');
        }

        if (Parquet.Length > 0)
        {
            text.Append(Parquet).Append('\n');
        }

        text.Append("## Peak memory (VmHWM of a child process per engine: load + every workload at 1 and 2 threads; target CaiScores ≤ 0.5 × DuckDB)\n\n| engine | peak RSS MB | ÷ DuckDB | held at the end |\n|---|---:|---:|---|\n");
        var duck = _peaks.GetValueOrDefault("DuckDB").Bytes;
        foreach (var (engine, (bytes, detail)) in _peaks)
        {
            var ratio = bytes is { } b && duck is { } d ? I($"{(double)b / d:F2}") : "n/a";
            text.Append(I($"| {engine} | {(bytes is { } mb ? I($"{mb / 1e6:N0}") : "n/a")} | {ratio} | {detail} |\n"));
        }

        text.Append("\n## Memory bandwidth (W1, W2 as GB/s of the score bytes they scan once: 8 bytes a score slot + the validity bitmap; W1 the last run, W2 every run; the tier codes W2 also reads are not counted)\n\n");
        text.Append("The reference is a `Vector256<double>` sum over a buffer of as many bytes (one thread, or two halves on two).\n\n");
        text.Append(_bandwidth);
        return text.ToString();
    }

    /// <summary>Milliseconds with two decimals.</summary>
    public static string Ms(double seconds) => I($"{seconds * 1000:F2}");

    private static string Gbs(long bytes, double seconds) => I($"{bytes / seconds / 1e9:F1}");

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
