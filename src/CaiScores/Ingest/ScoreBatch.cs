using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// Normalised scores held in memory with duplicates resolved (one record per person, instance and run unless
/// <see cref="DuplicatePolicy.KeepAll"/>), and the diagnostics of everything that produced them.
/// </summary>
/// <remarks>
/// Records keep input order (<see cref="ScoreRecord.SourceOrder"/> ascending). Memory is the kept records; a streaming
/// consumer that needs no duplicate resolution can use <see cref="CaiJsonReader.ReadScores"/> instead.
/// </remarks>
public sealed class ScoreBatch
{
    private ScoreBatch(IReadOnlyList<ScoreRecord> records, IngestDiagnostics diagnostics)
    {
        Records = records;
        Diagnostics = diagnostics;
    }

    /// <summary>The kept scores in input order.</summary>
    public IReadOnlyList<ScoreRecord> Records { get; }

    /// <summary>What reading, normalising and duplicate resolution did.</summary>
    public IngestDiagnostics Diagnostics { get; }

    /// <summary>Resolves duplicates among already normalised scores.</summary>
    /// <param name="scores">The scores, in read order.</param>
    /// <param name="duplicates">Which record survives. Default <see cref="DuplicatePolicy.LastWins"/>.</param>
    /// <returns>The batch; its diagnostics count only what this step did (records and duplicates).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scores"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duplicates"/> is not a defined value.</exception>
    public static ScoreBatch Create(IEnumerable<ScoreRecord> scores, DuplicatePolicy duplicates = DuplicatePolicy.LastWins)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!Enum.IsDefined(duplicates))
        {
            throw new ArgumentOutOfRangeException(nameof(duplicates), duplicates, "Not a DuplicatePolicy value.");
        }

        var collector = new DiagnosticsCollector(0);
        var resolver = new DuplicateResolver(duplicates, collector);
        foreach (var score in scores)
        {
            collector.RecordsNormalized++;
            collector.AddRun(score.TenantId, score.InstanceKey, score.RunKey);
            resolver.Add(score);
        }

        return new ScoreBatch(resolver.ToList(), collector.Snapshot());
    }

    /// <summary>Reads, normalises and de-duplicates JSON files.</summary>
    /// <param name="paths">Files, or folders whose <c>*.json</c>, <c>*.jsonl</c> and <c>*.ndjson</c> files are read (recursively,
    /// ordinal path order) when they hold score records; the folders' other files are listed in <see cref="IngestDiagnostics.SkippedFiles"/>.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>The batch with the diagnostics of the whole load.</returns>
    /// <exception cref="ArgumentException">No path given, or <paramref name="options"/> invalid.</exception>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public static ScoreBatch Load(IEnumerable<string> paths, CaiScoresOptions? options = null)
    {
        var session = new IngestSession(options);
        var resolver = new DuplicateResolver(session.Options.Duplicates, session.Diagnostics);
        foreach (var file in ExpandPaths(paths, session.Diagnostics))
        {
            using var reader = CaiJsonReader.Open(file, options, session);
            foreach (var score in reader.ReadScores())
            {
                resolver.Add(score);
            }
        }

        return new ScoreBatch(resolver.ToList(), session.Diagnostics.Snapshot());
    }

    /// <summary>Reads, normalises and de-duplicates one JSON file or folder.</summary>
    /// <param name="path">A file or folder (see <see cref="Load(IEnumerable{string}, CaiScoresOptions?)"/>).</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public static ScoreBatch Load(string path, CaiScoresOptions? options = null) => Load([path], options);

    /// <summary>Reads, normalises and de-duplicates JSON files asynchronously.</summary>
    /// <param name="paths">Files or folders (see <see cref="Load(IEnumerable{string}, CaiScoresOptions?)"/>).</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The batch with the diagnostics of the whole load.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public static async Task<ScoreBatch> LoadAsync(IEnumerable<string> paths, CaiScoresOptions? options = null, CancellationToken cancellationToken = default)
    {
        var session = new IngestSession(options);
        var resolver = new DuplicateResolver(session.Options.Duplicates, session.Diagnostics);
        foreach (var file in ExpandPaths(paths, session.Diagnostics))
        {
            var reader = CaiJsonReader.Open(file, options, session);
            await using (reader.ConfigureAwait(false))
            {
                await foreach (var score in reader.ReadScoresAsync(cancellationToken).ConfigureAwait(false))
                {
                    resolver.Add(score);
                }
            }
        }

        return new ScoreBatch(resolver.ToList(), session.Diagnostics.Snapshot());
    }

    /// <summary>Reads, normalises and de-duplicates one JSON file or folder asynchronously.</summary>
    /// <param name="path">A file or folder.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="FileNotFoundException">The path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public static Task<ScoreBatch> LoadAsync(string path, CaiScoresOptions? options = null, CancellationToken cancellationToken = default) =>
        LoadAsync([path], options, cancellationToken);

    /// <summary>
    /// The JSON files of the given paths: a file as it is; a folder's <c>*.json</c>, <c>*.jsonl</c> and <c>*.ndjson</c>
    /// files that hold score records (<see cref="ScoreFiles.IsJsonScores"/>), the folder's other files counted in
    /// <see cref="IngestDiagnostics.SkippedFiles"/>.
    /// </summary>
    /// <exception cref="ArgumentException">No file to read; the message names the files skipped.</exception>
    internal static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, DiagnosticsCollector diagnostics)
    {
        var skipped = new List<string>();
        var files = ScoreFiles.Expand(paths, f => ScoreFiles.IsJsonFile(f) && ScoreFiles.IsJsonScores(f), skipped);
        skipped.ForEach(diagnostics.AddSkippedFile);
        return files.Count > 0 ? files
            : skipped.Count == 0 ? throw new ArgumentException("No JSON input files were found in the given paths.", nameof(paths))
            : throw new ArgumentException($"No JSON score files were found in the given paths; skipped {skipped.Count} file(s) that are not JSON scores: {ScoreFiles.List(skipped)}", nameof(paths));
    }

    /// <summary>Keeps one record per (person, tenant, instance, run), or all of them, in input order.</summary>
    private sealed class DuplicateResolver(DuplicatePolicy policy, DiagnosticsCollector diagnostics)
    {
        private readonly List<ScoreRecord?> _records = [];
        private readonly Dictionary<Key, int> _index = [];
        private readonly HashSet<Key> _duplicated = [];

        public void Add(ScoreRecord score)
        {
            var key = new Key(score.PersonId, score.TenantId, score.InstanceKey, score.RunKey);
            if (!_index.TryGetValue(key, out var existing))
            {
                _index.Add(key, _records.Count);
                _records.Add(score);
                return;
            }

            diagnostics.CountDuplicate(score.RunKey, resolved: policy != DuplicatePolicy.KeepAll, firstOfKey: _duplicated.Add(key));
            if (policy == DuplicatePolicy.KeepAll)
            {
                _records.Add(score);
                return;
            }

            var current = _records[existing]!;
            if (Wins(score, current))
            {
                _records[existing] = null;
                _index[key] = _records.Count;
                _records.Add(score);
            }
        }

        public List<ScoreRecord> ToList()
        {
            var list = new List<ScoreRecord>(_index.Count);
            foreach (var r in _records)
            {
                if (r is not null)
                {
                    list.Add(r);
                }
            }

            return list;
        }

        /// <summary>LastWins: later timestamp, then later read. FirstWins: earlier timestamp, then earlier read.</summary>
        private bool Wins(ScoreRecord candidate, ScoreRecord current)
        {
            var c = Nullable.Compare(candidate.Timestamp, current.Timestamp);
            if (c == 0)
            {
                c = candidate.SourceOrder.CompareTo(current.SourceOrder);
            }

            return policy == DuplicatePolicy.LastWins ? c > 0 : c < 0;
        }

        private readonly record struct Key(string PersonId, string TenantId, string InstanceKey, DateOnly Run);
    }
}
