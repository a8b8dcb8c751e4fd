using System.Buffers;
using System.Text.Json;

namespace CaiScores.Ingest;

/// <summary>
/// Which files of a folder are score files: the loaders that take folders (<see cref="ScoreBatch"/>,
/// <see cref="Columnar.ScoreTableBuilder.AddJson(IEnumerable{string})"/>, <c>CaiParquet.Load</c>) read only those and list
/// the others in <see cref="IngestDiagnostics.SkippedFiles"/>, so the files analyses leave beside an export (a chart, a
/// result as JSON or CSV) do not stop the next load.
/// </summary>
public static class ScoreFiles
{
    /// <summary>How much of a JSON file <see cref="IsJsonScores"/> looks at: its first record must start within it.</summary>
    public const int SniffBytes = 1 << 20;

    /// <summary>
    /// Whether a JSON, JSON Lines or JSON array file holds Customer AI score records, judged from its first record: an
    /// object with an <c>identityMap</c>, a <c>_&lt;tenant&gt;</c> object holding <c>CustomerAI</c>, or a flattened
    /// <c>….CustomerAI.…</c> name at its top level.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>
    /// False when the first record is a JSON value of another shape (a result, a chart specification, a number); true when
    /// it is a score record, and also when the file cannot tell — empty, malformed at the start, or a first record longer
    /// than <see cref="SniffBytes"/> — so that reading it reports the problem with its place.
    /// </returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static bool IsJsonScores(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = File.OpenRead(path);

        // Most first records are a few KiB: look at 64 KiB, and only when that does not decide at up to SniffBytes.
        for (var window = 64 * 1024; ; window = SniffBytes)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(window);
            try
            {
                file.Position = 0;
                var length = file.ReadAtLeast(buffer.AsSpan(0, window), window, throwOnEndOfStream: false);
                var start = buffer.AsSpan(0, length).StartsWith("\uFEFF"u8) ? 3 : 0;
                var isFinal = length < window;
                if (FirstRecordIsScores(buffer.AsSpan(start, length - start), isFinal) is { } decided)
                {
                    return decided;
                }

                if (isFinal || window == SniffBytes)
                {
                    return true; // empty, or a first record too long to judge: the reader reports what it finds
                }
            }
            catch (JsonException)
            {
                return true; // malformed: the reader names the place
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>
    /// The files of the given paths: a file as it is (always taken); a folder's files, recursively in ordinal path order,
    /// that <paramref name="isScoreFile"/> accepts, the others added to <paramref name="skipped"/>.
    /// </summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="isScoreFile">Whether a file found in a folder is to be read.</param>
    /// <param name="skipped">Receives the files of folders not taken; may be null.</param>
    /// <returns>The files to read, in the order of <paramref name="paths"/>.</returns>
    /// <exception cref="FileNotFoundException">A path is neither a file nor a folder.</exception>
    /// <exception cref="ArgumentException">A path is null or empty.</exception>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths, Func<string, bool> isScoreFile, ICollection<string>? skipped = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(isScoreFile);
        var files = new List<string>();
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(paths));
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (isScoreFile(file))
                    {
                        files.Add(file);
                    }
                    else
                    {
                        skipped?.Add(file);
                    }
                }
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No such file or folder: '{path}'.", path);
            }
        }

        return files;
    }

    /// <summary>Whether a path has a JSON extension: <c>.json</c>, <c>.jsonl</c> or <c>.ndjson</c> (any case).</summary>
    internal static bool IsJsonFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skipped files as a message names them: the first ten, then "…".</summary>
    internal static string List(IReadOnlyCollection<string> files) =>
        string.Join(", ", files.Take(10)) + (files.Count > 10 ? ", …" : string.Empty);

    /// <summary>True or false when the first record decides; null when the data end before it does.</summary>
    private static bool? FirstRecordIsScores(ReadOnlySpan<byte> data, bool isFinal)
    {
        var reader = new Utf8JsonReader(data, isFinal, default);
        if (!reader.Read())
        {
            return null; // empty
        }

        if (reader.TokenType == JsonTokenType.StartArray && !reader.Read())
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return null; // an empty array holds nothing to judge
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (true)
        {
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return false; // the whole first record was seen
            }

            var name = reader.GetString()!;
            if (name == "identityMap" || name.Contains(".CustomerAI.", StringComparison.Ordinal) || name.EndsWith(".CustomerAI", StringComparison.Ordinal))
            {
                return true;
            }

            if (!reader.Read())
            {
                return null;
            }

            if (name.StartsWith('_') && reader.TokenType == JsonTokenType.StartObject)
            {
                var depth = reader.CurrentDepth;
                while (reader.Read() && reader.CurrentDepth > depth)
                {
                    if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1 && reader.ValueTextEquals("CustomerAI"u8))
                    {
                        return true;
                    }

                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        return null;
                    }
                }

                if (reader.CurrentDepth > depth || reader.TokenType != JsonTokenType.EndObject)
                {
                    return null;
                }
            }
            else if (!reader.TrySkip())
            {
                return null;
            }
        }
    }
}
