using CaiScores.Ingest;

namespace CaiScores.Columnar;

/// <summary>
/// Loads score tables from files or folders in one format, with the options it was made with: the service a reporting
/// application asks for, whatever the format. <c>AddCaiScores()</c> registers the JSON one; <c>AddCaiScoresParquet()</c>
/// (package CaiScores.Parquet) replaces it with the Parquet one, and the code that uses it does not change.
/// </summary>
/// <remarks>Implementations are thread-safe: each call reads on its own state.</remarks>
public interface IScoreTableSource
{
    /// <summary>The format read: <c>json</c> or <c>parquet</c>.</summary>
    string Format { get; }

    /// <summary>The options the tables are read with (a copy).</summary>
    CaiScoresOptions Options { get; }

    /// <summary>Loads every file given, and every file of the format under each folder given, into one table per instance.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <returns>The tables, one per tenant and instance, ordinal order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="paths"/> is null.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>; the message names the file and where.</exception>
    ScoreTableCollection Load(IEnumerable<string> paths);
}
