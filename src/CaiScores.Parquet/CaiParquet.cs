using Apache.Arrow.Types;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Parquet.Reading;
using ParquetSharp.Arrow;

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
    /// <summary>
    /// Reads Parquet files, or folders of them (<c>*.parquet</c>, recursively, in ordinal path order), into tables. From a
    /// folder only score files are read (<see cref="IsScoreFile"/>); its other files (attribute or outcome Parquet files, CSV,
    /// charts) are listed in <see cref="IngestDiagnostics.SkippedFiles"/>. A file named explicitly is always read.
    /// </summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>One table per instance, with the diagnostics of the whole load.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="ArgumentException">No Parquet score file was found (the message names the files skipped).</exception>
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
        var skipped = new List<string>();
        var files = ScoreFiles.Expand(paths, f => f.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) && IsScoreFile(f), skipped);
        skipped.ForEach(builder.AddSkippedFile);
        if (files.Count == 0)
        {
            throw new ArgumentException(
                skipped.Count == 0 ? "No Parquet files were found in the given paths."
                : $"No Parquet score files were found in the given paths; skipped {skipped.Count} file(s) that are not Parquet scores: {string.Join(", ", skipped.Take(10))}{(skipped.Count > 10 ? ", …" : string.Empty)}",
                nameof(paths));
        }

        foreach (var file in files)
        {
            AepFileReader.Read(file, builder, options);
        }
    }

    /// <summary>
    /// Whether a Parquet file holds Customer AI scores, judged from its schema: an <c>identityMap</c> column or a
    /// <c>_&lt;tenant&gt;</c> struct holding <c>CustomerAI</c>. A file that cannot be opened as Parquet counts as one, so that
    /// reading it reports the problem.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <returns>False for a readable Parquet file of other data (attributes, outcomes, a result table).</returns>
    public static bool IsScoreFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FileReader reader;
        try
        {
            reader = new FileReader(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return true;
        }

        using (reader)
        {
            return reader.Schema.FieldsList.Any(f =>
                f.Name == "identityMap"
                || (f.Name.StartsWith('_') && f.DataType is StructType s && s.Fields.Any(c => c.Name == "CustomerAI")));
        }
    }
}
