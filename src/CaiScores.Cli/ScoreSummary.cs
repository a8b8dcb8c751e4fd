using System.Globalization;
using CaiScores.Ingest;

namespace CaiScores.Cli;

/// <summary>
/// Prints what was read and, per instance and run, the scored people and mean score and probability. (Bucketed
/// distributions, trends and flows arrive with the analysis engine.)
/// </summary>
internal static class ScoreSummary
{
    public static async Task WriteAsync(ScoreBatch batch, TextWriter stdout)
    {
        var d = batch.Diagnostics;
        var inv = CultureInfo.InvariantCulture;
        await stdout.WriteLineAsync(string.Create(inv, $"read {d.RecordsRead:N0} score records from {d.Sources.Count} file(s); kept {batch.Records.Count:N0}")).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(inv, $"dropped: no identity {d.DroppedNoIdentity:N0}, no run {d.DroppedNoRun:N0}, invalid documents {d.DocumentsRejected:N0}, invalid records {d.RecordsRejected:N0}, duplicates {d.DuplicatesResolved:N0}, out of range excluded {d.ExcludedOutOfRange:N0}")).ConfigureAwait(false);
        await stdout.WriteLineAsync(string.Create(inv, $"counted: out of range {d.OutOfRange.Total:N0}, null scores {d.NullScores:N0}, unknown importance {d.UnknownImportance:N0}")).ConfigureAwait(false);
        foreach (var problem in d.Rejections.Take(5))
        {
            await stdout.WriteLineAsync("  rejected " + problem).ConfigureAwait(false);
        }

        await stdout.WriteLineAsync().ConfigureAwait(false);
        await stdout.WriteLineAsync($"{"instance",-45} {"run",-10} {"people",10} {"mean score",11} {"mean prob.",11}").ConfigureAwait(false);
        var groups = batch.Records
            .GroupBy(r => (r.TenantId, r.InstanceKey, r.RunKey))
            .OrderBy(g => g.Key.TenantId, StringComparer.Ordinal).ThenBy(g => g.Key.InstanceKey, StringComparer.Ordinal).ThenBy(g => g.Key.RunKey);
        foreach (var g in groups)
        {
            var people = g.Select(r => r.PersonId).Distinct(StringComparer.Ordinal).Count();
            var scores = g.Where(r => r.Score is not null).Select(r => r.Score!.Value).ToList();
            var probabilities = g.Where(r => r.Probability is not null).Select(r => r.Probability!.Value).ToList();
            var instance = $"_{g.Key.TenantId}.CustomerAI.{g.Key.InstanceKey}";
            await stdout.WriteLineAsync(string.Create(inv,
                $"{instance,-45} {g.Key.RunKey:yyyy-MM-dd} {people,10:N0} {Mean(scores),11} {Mean(probabilities, "F4"),11}")).ConfigureAwait(false);
        }
    }

    private static string Mean(List<double> values, string format = "F2") =>
        values.Count == 0 ? "-" : NumberText.Format(values.Average(), format);
}
