using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Ingest;
using CaiScores.Outcomes;
using CaiScores.Parquet;

namespace CaiScores.Cli.Report;

/// <summary>
/// Reads a report's inputs: score files or folders (Parquet, JSON Lines / JSON, or one Arrow IPC table), the optional person
/// attributes and outcomes (Parquet, CSV or JSON Lines). The format is chosen by the file extension.
/// </summary>
internal sealed class ReportInput
{
    public required ScoreTable Table { get; init; }

    public required IReadOnlyList<string> ScoreFiles { get; init; }

    /// <summary>Files of the given folders that were not read: not scores, or Arrow score tables beside raw score files.</summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    public string? AttributesFile { get; init; }

    public OutcomeEvents? Outcomes { get; init; }

    public string? OutcomesFile { get; init; }

    /// <summary>The out-of-range policy the scores were read with (an Arrow table is read as saved).</summary>
    public OutOfRangePolicy OutOfRange { get; init; }

    /// <summary>
    /// Reads everything; <paramref name="instance"/> picks a model when the inputs hold several. What reading left out or
    /// let through (skipped records, out-of-range values) is written to <paramref name="warnings"/>.
    /// </summary>
    public static ReportInput Load(
        IReadOnlyList<string> paths, string? attributes, string? outcomes, string? instance, Progress progress, InputSettings? settings = null, TextWriter? warnings = null)
    {
        settings ??= InputSettings.Default;
        var files = ScoreInputFiles.Find(paths);
        progress.Report($"reading {files.Files.Count} score file(s)");
        var table = PickInstance(LoadScores(files, settings.Scores), instance, files.Files);
        if (warnings is not null)
        {
            InputWarnings.Write(warnings, files.Skipped, table.Diagnostics.Ingest, settings.Scores.OutOfRange, table.Diagnostics.Ingest.OutOfRange.Total > 0 ? InputWarnings.Worst(table) : null, files.SkippedTables);
        }

        if (attributes is not null)
        {
            progress.Report("reading attributes from " + attributes);
            Exists(attributes);
            var columns = settings.AttributeColumns;
            try
            {
                table = table.WithAttributes(Extension(attributes) == ".parquet" ? ParquetAttributeReader.Read(attributes, columns) : AttributeReader.Read(attributes, columns));
            }
            catch (CaiIngestException e)
            {
                throw InputSettings.ForAttributes(e);
            }
        }

        OutcomeEvents? joined = null;
        if (outcomes is not null)
        {
            progress.Report("reading outcomes from " + outcomes);
            Exists(outcomes);
            var columns = settings.OutcomeColumns;
            try
            {
                joined = OutcomeEvents.Join(table, Extension(outcomes) == ".parquet" ? ParquetOutcomeReader.Read(outcomes, columns) : OutcomeReader.Read(outcomes, columns));
            }
            catch (CaiIngestException e)
            {
                throw InputSettings.ForOutcomes(e);
            }
        }

        return new ReportInput { Table = table, ScoreFiles = files.Files, SkippedFiles = [.. files.Skipped, .. files.SkippedTables], AttributesFile = attributes, Outcomes = joined, OutcomesFile = outcomes, OutOfRange = settings.Scores.OutOfRange };
    }

    private static IReadOnlyList<ScoreTable> LoadScores(ScoreInputFiles files, CaiScoresOptions options)
    {
        if (files.ArrowTable is { } arrow)
        {
            return [ScoreTableArrow.Load(arrow)];
        }

        var scores = new ScoreTableBuilder(options);
        if (files.Json is { Count: > 0 } json)
        {
            scores.AddJson(json);
        }

        if (files.Parquet is { Count: > 0 } parquet)
        {
            CaiParquet.AddTo(scores, parquet);
        }

        return scores.Build();
    }

    private static ScoreTable PickInstance(IReadOnlyList<ScoreTable> tables, string? instance, IReadOnlyList<string> files)
    {
        var names = string.Join(", ", tables.Select(t => t.InstanceKey));
        if (instance is not null)
        {
            return tables.FirstOrDefault(t => t.InstanceKey == instance || t.InstancePath == instance)
                ?? throw new UsageException($"--instance {instance}: the inputs hold {(tables.Count == 0 ? "no instance" : names)}");
        }

        return tables.Count switch
        {
            0 => throw new InputException(NoScores(tables, files)),
            1 => tables[0],
            _ => throw new UsageException($"the inputs hold {tables.Count} instances ({names}); pick one with --instance"),
        };
    }

    /// <summary>Why no table came out: the files read and, for JSON and Parquet, what the records were dropped for.</summary>
    private static string NoScores(IReadOnlyList<ScoreTable> tables, IReadOnlyList<string> files)
    {
        var named = string.Join(", ", files.Take(InputWarnings.SkippedFilesShown)) + (files.Count > InputWarnings.SkippedFilesShown ? " …" : string.Empty);
        var why = tables is ScoreTableCollection { Diagnostics: var d }
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $": {d.RecordsRead:N0} score record(s) read from {d.DocumentsRead:N0} document(s) ({d.DocumentsWithoutScores:N0} without a CustomerAI object); dropped: no identity {d.DroppedNoIdentity:N0}, no run {d.DroppedNoRun:N0}, filtered {d.RecordsSkippedByFilter:N0}, out of range {d.ExcludedOutOfRange:N0}, invalid {d.DocumentsRejected + d.RecordsRejected:N0}")
            : string.Empty;
        return $"the inputs ({named}) hold no score record{why}";
    }

    private static void Exists(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException($"{path}: no such file{(Directory.Exists(path) ? " (it is a folder)" : string.Empty)}");
        }
    }

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}

/// <summary>Input the report cannot use: exit code 1, one line.</summary>
internal sealed class InputException(string message) : Exception(message);
