using CaiScores.Models;
using Microsoft.Extensions.Options;

namespace CaiScores.Ingest;

/// <summary>
/// Opens readers and loads batches with one set of <see cref="CaiScoresOptions"/>: the service that
/// <see cref="CaiScoresServiceCollectionExtensions.AddCaiScores"/> registers. Thread-safe; each call gets its own state.
/// </summary>
public sealed class CaiScoreLoader
{
    private readonly CaiScoresOptions _options;

    /// <summary>Creates a loader with the given settings.</summary>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>. Copied.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message lists every problem.</exception>
    public CaiScoreLoader(CaiScoresOptions? options = null)
    {
        _options = options?.Clone() ?? new CaiScoresOptions();
        _options.Validate();
    }

    /// <summary>Creates a loader from the options system (used by dependency injection).</summary>
    /// <param name="options">The configured options.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public CaiScoreLoader(IOptions<CaiScoresOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    /// <summary>The settings this loader uses (a copy; changing it has no effect).</summary>
    public CaiScoresOptions Options => _options.Clone();

    /// <summary>Opens a JSON Lines or JSON array file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>A reader; dispose it.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public CaiJsonReader OpenJson(string path) => CaiJsonReader.Open(path, _options);

    /// <summary>Reads JSON from a stream.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="sourceName">The name used in diagnostics and errors.</param>
    /// <param name="leaveOpen">Whether disposing the reader leaves the stream open. Default <see langword="false"/>.</param>
    /// <returns>A reader; dispose it.</returns>
    public CaiJsonReader OpenJson(Stream stream, string sourceName, bool leaveOpen = false) =>
        new(stream, sourceName, _options, leaveOpen);

    /// <summary>Reads, normalises and de-duplicates JSON files or folders.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public Task<ScoreBatch> LoadJsonAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default) =>
        ScoreBatch.LoadAsync(paths, _options, cancellationToken);

    /// <summary>Creates a normaliser with these settings.</summary>
    /// <returns>A new <see cref="ScoreNormalizer"/> for turning <see cref="CaiScoreRecord"/>s into <see cref="ScoreRecord"/>s.</returns>
    public ScoreNormalizer CreateNormalizer() => new(_options);
}
