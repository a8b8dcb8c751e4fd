using System.Globalization;
using CaiScores.Columnar;
using CaiScores.Ingest;

namespace CaiScores.Cli.Report;

/// <summary>
/// The lines on stderr that say what reading the inputs left out or let through: files in a folder that are not scores,
/// records skipped by <c>--skip-invalid</c> (with file:line for the first few), and values out of range — a warning under
/// <c>--out-of-range keep</c> (the default), since such values distort means, naming the count, the worst value and the option.
/// </summary>
internal static class InputWarnings
{
    /// <summary>How many rejected records are listed with their place.</summary>
    public const int RejectionsShown = 3;

    /// <summary>How many skipped files are named.</summary>
    public const int SkippedFilesShown = 10;

    /// <summary>Writes the lines for a load; nothing when there is nothing to say.</summary>
    /// <param name="stderr">Where to write.</param>
    /// <param name="skippedFiles">Files of the given folders that were not read as scores.</param>
    /// <param name="ingest">The diagnostics of the load.</param>
    /// <param name="policy">The out-of-range policy the load used.</param>
    /// <param name="worst">The value farthest out of range (field and value), when the caller can find it.</param>
    /// <param name="skippedTables">Arrow score tables of the folders skipped beside Parquet or JSON scores.</param>
    public static void Write(
        TextWriter stderr, IReadOnlyList<string> skippedFiles, IngestDiagnostics ingest, OutOfRangePolicy policy, (string Field, double Value)? worst, IReadOnlyList<string>? skippedTables = null)
    {
        var inv = CultureInfo.InvariantCulture;
        if (skippedFiles.Count > 0)
        {
            stderr.WriteLine(string.Create(inv, $"cai-scores: skipped {skippedFiles.Count} file(s) that are not scores: {Names(skippedFiles)}"));
        }

        if (skippedTables is { Count: > 0 })
        {
            stderr.WriteLine(string.Create(inv, $"cai-scores: skipped {skippedTables.Count} Arrow score table(s) beside the Parquet or JSON score files (name one alone to read it): {Names(skippedTables)}"));
        }

        var rejected = ingest.DocumentsRejected + ingest.RecordsRejected;
        if (rejected > 0)
        {
            var first = string.Join("; ", ingest.Rejections.Take(RejectionsShown));
            stderr.WriteLine(string.Create(inv, $"cai-scores: --skip-invalid skipped {rejected:N0} invalid record(s); {(rejected > RejectionsShown ? "the first: " : string.Empty)}{first}"));
        }

        var outOfRange = ingest.OutOfRange.Total;
        if (outOfRange > 0)
        {
            var what = string.Create(inv, $"{outOfRange:N0} value(s) out of range (score outside 0–100, probability outside 0–1, percentile outside 1–100, or NaN/∞)");
            stderr.WriteLine(policy switch
            {
                OutOfRangePolicy.Clamp => $"cai-scores: {what} were clamped to the range (--out-of-range clamp)",
                OutOfRangePolicy.Exclude => string.Create(inv, $"cai-scores: {what}: {ingest.ExcludedOutOfRange:N0} record(s) excluded (--out-of-range exclude)"),
                _ => $"cai-scores: warning: {what}{(worst is { } w ? $", the worst {w.Field} {NumberText.Format(w.Value)}" : string.Empty)}; they are kept and distort means — use --out-of-range clamp or --out-of-range exclude",
            });
        }
    }

    private static string Names(IReadOnlyList<string> files) =>
        string.Join(", ", files.Take(SkippedFilesShown)) + (files.Count > SkippedFilesShown ? " …" : string.Empty);

    /// <summary>The value farthest outside its range in a table (scores, probabilities, percentiles of every run); null for none.</summary>
    public static (string Field, double Value)? Worst(ScoreTable table)
    {
        var farthest = new Farthest();
        foreach (var run in table.Runs)
        {
            for (var p = 0; p < run.PersonCount; p++)
            {
                farthest.Consider(run.GetScore(p), run.GetProbability(p), run.GetPercentile(p));
            }
        }

        return farthest.Worst;
    }

    /// <summary>The value farthest outside its range among score records; null for none.</summary>
    public static (string Field, double Value)? Worst(IEnumerable<Models.ScoreRecord> records)
    {
        var farthest = new Farthest();
        foreach (var r in records)
        {
            farthest.Consider(r.Score, r.Probability, r.PercentileScore);
        }

        return farthest.Worst;
    }

    /// <summary>Keeps the value farthest outside its range (NaN and ±∞ farthest of all; the first of equals).</summary>
    private sealed class Farthest
    {
        private double _distance;

        public (string Field, double Value)? Worst { get; private set; }

        public void Consider(double? score, double? probability, int? percentile)
        {
            One("score", score, 0, 100);
            One("probability", probability, 0, 1);
            One("percentile", percentile, 1, 100);
        }

        private void One(string field, double? value, double min, double max)
        {
            if (value is not { } v)
            {
                return;
            }

            var d = double.IsNaN(v) ? double.PositiveInfinity : v < min ? min - v : v > max ? v - max : 0;
            if (d > _distance || (double.IsPositiveInfinity(d) && Worst is null))
            {
                (_distance, Worst) = (d, (field, v));
            }
        }
    }
}
