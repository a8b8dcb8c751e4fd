using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Parquet.Reading;

namespace CaiScores.Parquet;

/// <summary>
/// Reads Adobe Experience Platform Customer AI score exports — the <c>part-*.snappy.parquet</c> files of a profile or
/// Experience Event score dataset — straight into <see cref="ScoreTable"/>s.
/// </summary>
/// <remarks>
/// <para>The nested XDM shape is expected: <c>identityMap</c> (map of namespace → list of {id, authenticatedState, primary}),
/// <c>timestamp</c> (EE format), and for each instance <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c> with <c>score</c>,
/// <c>probability</c>, <c>percentileScore</c>, <c>scoreDate</c>, <c>modelType</c> and <c>influentialFactors</c>
/// (list of {code, value, importance}). Only those columns are read, one row group at a time; no object is made per row.</para>
/// <para>The same normalisation as for JSON applies (<see cref="ScoreNormalizer"/>): person id by CJA's identity rules, run
/// from <c>scoreDate</c> (else the UTC date of <c>timestamp</c>), out-of-range policy, duplicates, every drop counted. A
/// record-level problem (an unparseable <c>scoreDate</c>) follows <see cref="CaiScoresOptions.InvalidRecords"/>, with the
/// file, the row number (as the line) and the column path. A file-level problem — not Parquet, truncated, corrupt, a
/// required column (<c>identityMap</c>, an instance's <c>score</c>) missing, a column of the wrong type — always throws
/// <see cref="CaiIngestException"/> naming the file and, where it applies, the column path.</para>
/// </remarks>
public static class CaiParquet
{
    /// <summary>Reads Parquet files, or folders of them (<c>*.parquet</c>, recursively, in ordinal path order), into tables.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>One table per instance, with the diagnostics of the whole load.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="ArgumentException">No Parquet file was found.</exception>
    /// <exception cref="CaiIngestException">A file cannot be read as AEP score data (see remarks).</exception>
    public static ScoreTableCollection Load(IEnumerable<string> paths, CaiScoresOptions? options = null)
    {
        var builder = new ScoreTableBuilder(options);
        AddTo(builder, paths);
        return builder.Build();
    }

    /// <summary>Reads one Parquet file or folder into tables.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The tables.</returns>
    public static ScoreTableCollection Load(string path, CaiScoresOptions? options = null) => Load([path], options);

    /// <summary>Reads Parquet files or folders into a builder (so that several sources, JSON included, make one load).</summary>
    /// <param name="builder">The builder; its options apply.</param>
    /// <param name="paths">Files or folders.</param>
    public static void AddTo(ScoreTableBuilder builder, IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Options;
        foreach (var file in ExpandPaths(paths))
        {
            AepFileReader.Read(file, builder, options);
        }
    }

    internal static List<string> ExpandPaths(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(paths));
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
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

        return files.Count > 0 ? files : throw new ArgumentException("No Parquet files were found in the given paths.", nameof(paths));
    }
}
