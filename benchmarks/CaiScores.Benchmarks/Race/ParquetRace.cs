using System.Globalization;
using CaiScores.Benchmarks.Data;
using CaiScores.Benchmarks.Parquet;
using CaiScores.Columnar;
using CaiScores.Parquet;
using ParquetSharp;

namespace CaiScores.Benchmarks.Race;

/// <summary>
/// Table 2 of the race: end to end from AEP-shaped snappy Parquet files (<see cref="AepParquetDataset"/>, one file per run)
/// and a tiers file beside them (<c>personId</c>, <c>tier</c>, as <see cref="ParquetAttributeReader"/> reads it). CaiScores:
/// <see cref="CaiParquet.Load(IEnumerable{string}, CaiScoresOptions?)"/> + the attribute join + W1–W5 (threads 2);
/// DuckDB: the same five queries over a view on <c>read_parquet</c> (threads 2, nothing loaded first).
/// </summary>
internal static class ParquetRace
{
    /// <summary>Runs table 2 into the report; 0, or 1 when the answers differ.</summary>
    public static int Run(RaceOptions options, RaceReport report)
    {
        RaceCommand.Progress("Parquet: ensuring the AEP-shaped files");
        var folder = AepParquetDataset.Ensure(options.Persons, options.Runs);
        var files = Directory.GetFiles(folder, "*.parquet").Order(StringComparer.Ordinal).ToArray();
        var tiers = EnsureTiers(folder, options.Persons);
        var bytes = files.Sum(f => new FileInfo(f).Length);

        // CaiScores end to end; the answers of the last repetition are compared.
        var phases = new List<double[]>();
        var answers = new Dictionary<Workload, RaceAnswer>();
        for (var repeat = 0; repeat <= options.Repeats; repeat++)
        {
            RaceCommand.Progress(I($"Parquet: CaiScores end to end, repetition {repeat} of {options.Repeats} (0 = warm-up)"));
            var times = new double[7];
            ScoreTable table = null!;
            times[0] = Timing.Once(() => table = CaiParquet.Load(files).Single());
            times[1] = Timing.Once(() => table = table.WithAttributes(ParquetAttributeReader.Read(tiers)));
            var engine = new CaiScoresEngine(table);
            foreach (var workload in Enum.GetValues<Workload>())
            {
                times[2 + (int)workload] = Timing.Once(() => answers[workload] = engine.Run(workload, 2));
            }

            if (repeat > 0)
            {
                phases.Add(times);
            }
        }

        using var duck = DuckDbEngine.OverParquet(files, tiers, options.Runs, AepParquetDataset.ScoreDate(0));
        RaceCommand.Progress("Parquet: checking DuckDB's answers on the files");
        foreach (var workload in Enum.GetValues<Workload>())
        {
            var others = duck.Queries.Where(q => q.Workload == workload).Select(q => ($"DuckDB read_parquet '{q.Name}'", duck.Run(q, 2)));
            if (!RaceCommand.Agree(workload, "CaiScores from Parquet", answers[workload], others))
            {
                return 1;
            }
        }

        var duckTimes = new double[5];
        foreach (var workload in Enum.GetValues<Workload>())
        {
            RaceCommand.Progress($"Parquet: timing DuckDB {workload} on the files");
            var query = duck.Queries.Where(q => q.Workload == workload).MinBy(q => Timing.Median(1, () => duck.Run(q, 2)))!;
            duck.Choose(query);
            duckTimes[(int)workload] = Timing.Median(options.Repeats, () => duck.Run(workload, 2));
        }

        Write(report, options, files.Length, bytes, phases, duckTimes, duck);
        return 0;
    }

    private static void Write(RaceReport report, RaceOptions options, int files, long bytes, List<double[]> phases, double[] duckTimes, DuckDbEngine duck)
    {
        double Median(int phase) => Timing.MedianOf(phases.Select(p => p[phase]));

        var totals = phases.Select(p => p.Sum()).Order().ToArray();
        var caiTotal = totals.Length % 2 == 1 ? totals[totals.Length / 2] : (totals[(totals.Length / 2) - 1] + totals[totals.Length / 2]) / 2;
        var duckTotal = duckTimes.Sum();
        var text = report.Parquet;
        text.Append(I($"## Table 2: end to end from Parquet ({files} snappy files, {bytes / 1e6:N0} MB, `AepParquetDataset` {options.Persons:N0} persons × {options.Runs} runs; threads=2; median of {options.Repeats} after a warm-up call, ms)\n\n"));
        text.Append("CaiScores: `CaiParquet.Load` + `ParquetAttributeReader` tiers joined with `WithAttributes` + W1–W5 on the table at `MaxDegreeOfParallelism` 2 (`CaiParquet.Load` has no thread option and reads on one thread; the whole chain is repeated; each phase's median is shown, the total is the median of the totals). ");
        text.Append("DuckDB: each query reads the files through a view over `read_parquet` (person = the primary ECID, run = week of `scoreDate`, tier joined from the same tiers file). Answers compared (CaiScores vs every DuckDB variant) before timing.\n\n");
        text.Append("| step | CaiScores | DuckDB read_parquet | DuckDB SQL |\n|---|---:|---:|---|\n");
        text.Append(I($"| ingest (CaiParquet.Load) | {RaceReport.Ms(Median(0))} | — | |\n"));
        text.Append(I($"| attribute join | {RaceReport.Ms(Median(1))} | — | |\n"));
        foreach (var workload in Enum.GetValues<Workload>())
        {
            text.Append(I($"| {workload} | {RaceReport.Ms(Median(2 + (int)workload))} | {RaceReport.Ms(duckTimes[(int)workload])} | {duck.Variant(workload).Name} |\n"));
        }

        text.Append(I($"| **total** | **{RaceReport.Ms(caiTotal)}** | **{RaceReport.Ms(duckTotal)}** | ratio {duckTotal / caiTotal:F2}× (target: CaiScores faster, {(duckTotal > caiTotal ? "met" : "missed")}) |\n"));
    }

    /// <summary>Writes <c>{folder}-tiers.parquet</c> (personId = the primary ECID, tier) unless it is there.</summary>
    private static string EnsureTiers(string folder, int persons)
    {
        var path = folder + "-tiers.parquet";
        if (File.Exists(path))
        {
            return path;
        }

        var ids = new string[persons];
        var tiers = new string[persons];
        for (var p = 0; p < persons; p++)
        {
            ids[p] = I($"{4_521_295_818_337_221_863UL + ((ulong)p * 7_919UL):D19}{1_468_751_830_938_286_611UL - (ulong)p:D19}");
            tiers[p] = SyntheticScores.TierOf(p);
        }

        var scratch = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        using (var file = new ParquetFileWriter(scratch, [new Column<string>("personId"), new Column<string>("tier")], Compression.Snappy))
        {
            using (var rowGroup = file.AppendRowGroup())
            {
                using (var writer = rowGroup.NextColumn().LogicalWriter<string>())
                {
                    writer.WriteBatch(ids);
                }

                using (var writer = rowGroup.NextColumn().LogicalWriter<string>())
                {
                    writer.WriteBatch(tiers);
                }
            }

            file.Close();
        }

        File.Move(scratch, path, overwrite: true);
        return path;
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
