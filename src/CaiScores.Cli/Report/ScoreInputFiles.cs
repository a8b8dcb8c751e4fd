using Apache.Arrow.Ipc;
using CaiScores.Ingest;
using CaiScores.Parquet;

namespace CaiScores.Cli.Report;

/// <summary>
/// The score files of a report's inputs. A file named on the command line must be a score file, else the error names it
/// and says why. From a folder (read recursively, in ordinal path order) only score files are taken — by extension and by
/// a cheap look at the content (a Parquet or JSON file that holds no Customer AI records, an Arrow file that is a result
/// rather than a score table) — and the others are listed as skipped. An Arrow score table is read on its own: in a folder
/// that also holds Parquet or JSON scores it is skipped (listed apart), named explicitly beside other files it is an error.
/// </summary>
internal sealed class ScoreInputFiles
{
    private static readonly string[] ParquetExtensions = [".parquet"];
    private static readonly string[] JsonExtensions = [".jsonl", ".json", ".ndjson"];
    private static readonly string[] ArrowExtensions = [".arrow", ".arrows", ".ipc", ".feather"];

    /// <summary>The files to read, in the order found.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Files of the folders that are not scores.</summary>
    public List<string> Skipped { get; } = [];

    /// <summary>Arrow score tables of the folders skipped because the folder also held Parquet or JSON scores.</summary>
    public List<string> SkippedTables { get; } = [];

    /// <summary>The one Arrow score table to read, when the inputs are one.</summary>
    public string? ArrowTable => Files is [var only] && IsArrow(only) ? only : null;

    /// <summary>The files of a kind.</summary>
    public List<string> Json => [.. Files.Where(f => JsonExtensions.Contains(Extension(f)))];

    /// <inheritdoc cref="Json"/>
    public List<string> Parquet => [.. Files.Where(f => ParquetExtensions.Contains(Extension(f)))];

    /// <summary>Finds the score files of the given paths.</summary>
    /// <exception cref="InputException">A path is missing, a named file is not a score file, or a folder holds none.</exception>
    /// <exception cref="UsageException">An Arrow table was named beside other score files.</exception>
    public static ScoreInputFiles Find(IReadOnlyList<string> paths)
    {
        var found = new ScoreInputFiles();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                found.AddFolder(path);
            }
            else if (!File.Exists(path))
            {
                throw new InputException($"{path}: no such file");
            }
            else
            {
                found.Files.Add(WhyNotScores(path) is { } why ? throw new InputException($"{path}: {why}") : path);
            }
        }

        if (found.Files.Count > 1 && found.Files.FirstOrDefault(IsArrow) is { } arrow)
        {
            throw new UsageException($"{arrow}: an Arrow IPC score table is read on its own; give it without other score files");
        }

        return found;
    }

    private void AddFolder(string folder)
    {
        var scores = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            (WhyNotScores(file) is null ? scores : Skipped).Add(file);
        }

        var tables = scores.Where(IsArrow).ToList();
        if (tables.Count > 0 && tables.Count < scores.Count)
        {
            // Raw scores beside a saved table: the raw files are the source.
            SkippedTables.AddRange(tables);
            scores.RemoveAll(IsArrow);
        }

        if (scores.Count == 0)
        {
            var skipped = Skipped.Where(f => f.StartsWith(folder, StringComparison.Ordinal)).ToList();
            throw new InputException($"{folder}: the folder holds no score file (.parquet, .jsonl, .json, .ndjson or .arrow with Customer AI scores){(skipped.Count > 0 ? $"; skipped {skipped.Count} file(s) that are not scores: {string.Join(", ", skipped.Take(InputWarnings.SkippedFilesShown))}" : string.Empty)}");
        }

        Files.AddRange(scores);
    }

    /// <summary>Why a file is not a score file the report reads, or null when it is one.</summary>
    private static string? WhyNotScores(string path)
    {
        var extension = Extension(path);
        if (ParquetExtensions.Contains(extension))
        {
            return CaiParquet.IsScoreFile(path) ? null : "not a Customer AI score file (no identityMap column and no _<tenant>.CustomerAI columns)";
        }

        if (JsonExtensions.Contains(extension))
        {
            return ScoreFiles.IsJsonScores(path) ? null : "not a Customer AI score file (its first record has no identityMap and no _<tenant>.CustomerAI object)";
        }

        if (ArrowExtensions.Contains(extension))
        {
            return IsArrowScoreTable(path) ? null : "not a score table saved by cai-scores or ScoreTableArrow.Save (no cai.layout in its schema; result tables are not read)";
        }

        return "cannot tell the format from the extension (use .parquet, .jsonl, .json, .ndjson or .arrow)";
    }

    /// <summary>Whether an Arrow IPC file or stream is a saved score table (its schema has <c>cai.layout</c>); an unreadable one counts, so reading it names the problem.</summary>
    private static bool IsArrowScoreTable(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var magic = new byte[6];
            var n = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            using ArrowStreamReader reader = n == 6 && magic.AsSpan().SequenceEqual("ARROW1"u8)
                ? new ArrowFileReader(stream, leaveOpen: true)
                : new ArrowStreamReader(stream, leaveOpen: true);
            return reader.Schema?.Metadata?.ContainsKey("cai.layout") ?? true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return true;
        }
    }

    private static bool IsArrow(string path) => ArrowExtensions.Contains(Extension(path));

    private static string Extension(string path) => Path.GetExtension(path).ToLowerInvariant();
}
