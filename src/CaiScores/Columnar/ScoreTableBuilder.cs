using System.Globalization;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// Builds <see cref="ScoreTable"/>s by streaming: normalised <see cref="ScoreRecord"/>s, JSON files, or rows from a columnar
/// source through a <see cref="ScoreRowWriter"/>. Memory grows with the table being built, not with the input.
/// </summary>
/// <remarks>
/// <para>One table per instance (<c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c>). A person gets the next dense index the first
/// time one of their scores is kept; runs are ordered by score date when the table is built.</para>
/// <para>Duplicates — the same person twice in one run — are resolved as <see cref="CaiScoresOptions.Duplicates"/> says
/// (<see cref="DuplicatePolicy.LastWins"/>: the later timestamp, then the record added later; a record without a timestamp
/// counts as the earliest) and counted. <see cref="DuplicatePolicy.KeepAll"/> cannot be used: the table holds one score per
/// person and run (use <see cref="ScoreBatch"/> for event-level work).</para>
/// <para>Not thread-safe. Each builder builds once.</para>
/// </remarks>
public sealed class ScoreTableBuilder
{
    private readonly IngestSession _session;
    private readonly Dictionary<(string Tenant, string Instance), InstanceBuilder> _instances = [];
    private readonly Dictionary<(string Tenant, string Instance), ScoreRowWriter> _writers = [];
    private InstanceBuilder? _last;
    private bool _built;

    /// <summary>Creates a builder.</summary>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <exception cref="ArgumentException">The options are invalid, or <see cref="CaiScoresOptions.Duplicates"/> is <see cref="DuplicatePolicy.KeepAll"/>.</exception>
    public ScoreTableBuilder(CaiScoresOptions? options = null)
    {
        if (options?.Duplicates == DuplicatePolicy.KeepAll)
        {
            throw new ArgumentException(
                "CaiScoresOptions.Duplicates is KeepAll, but a score table holds one score per person and run; use LastWins or FirstWins (or ScoreBatch for event-level work).",
                nameof(options));
        }

        _session = new IngestSession(options);
    }

    /// <summary>The settings in use (a copy).</summary>
    public CaiScoresOptions Options => _session.Options.Clone();

    /// <summary>What has been read, dropped and counted so far.</summary>
    public IngestDiagnostics Diagnostics => _session.Diagnostics.Snapshot();

    internal IngestSession Session => _session;

    /// <summary>Adds a normalised score (as <see cref="CaiJsonReader.ReadScores"/> yields it).</summary>
    /// <param name="score">The score.</param>
    /// <returns>Whether it was stored (false when it lost against a duplicate, or its percentile does not fit; both counted).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="score"/> is null.</exception>
    public bool Add(ScoreRecord score)
    {
        ArgumentNullException.ThrowIfNull(score);
        ThrowIfBuilt();
        var instance = Instance(score.TenantId, score.InstanceKey);
        if (!TryNarrow(score.PercentileScore, score.PersonId, instance, out var percentile))
        {
            return false;
        }

        if (!instance.Store(instance.Person(score.PersonId, score.IdentityNamespace), score.RunKey, score.Score, score.Probability, percentile, score.Timestamp, score.ModelType))
        {
            return false;
        }

        foreach (var factor in score.Factors)
        {
            instance.AddFactor(factor);
        }

        return true;
    }

    /// <summary>Reads JSON files (or folders) into the builder with the builder's options; diagnostics accumulate.</summary>
    /// <param name="paths">Files, or folders whose <c>*.json</c>, <c>*.jsonl</c> and <c>*.ndjson</c> files are read (ordinal
    /// order) when they hold score records (<see cref="ScoreFiles.IsJsonScores"/>); the others are listed in <see cref="IngestDiagnostics.SkippedFiles"/>.</param>
    /// <exception cref="FileNotFoundException">A path does not exist.</exception>
    /// <exception cref="CaiIngestException">Invalid input under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public void AddJson(IEnumerable<string> paths)
    {
        ThrowIfBuilt();
        foreach (var file in ScoreBatch.ExpandPaths(paths, _session.Diagnostics))
        {
            using var reader = CaiJsonReader.Open(file, _session.Options, _session);
            foreach (var score in reader.ReadScores())
            {
                Add(score);
            }
        }
    }

    /// <summary>Reads JSON files (or folders) asynchronously; see <see cref="AddJson(IEnumerable{string})"/>.</summary>
    /// <param name="paths">Files or folders.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when everything was read.</returns>
    public async Task AddJsonAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ThrowIfBuilt();
        foreach (var file in ScoreBatch.ExpandPaths(paths, _session.Diagnostics))
        {
            var reader = CaiJsonReader.Open(file, _session.Options, _session);
            await using (reader.ConfigureAwait(false))
            {
                await foreach (var score in reader.ReadScoresAsync(cancellationToken).ConfigureAwait(false))
                {
                    Add(score);
                }
            }
        }
    }

    /// <summary>
    /// A writer for rows of one instance from a columnar source (values as read; the builder applies the normalisation
    /// rules). Instances excluded by <see cref="CaiScoresOptions.TenantId"/> or <see cref="CaiScoresOptions.InstanceKeys"/>
    /// get no writer: the source should skip them and count them with <see cref="CountSkippedByFilter"/>.
    /// </summary>
    /// <param name="tenantId">The tenant id, without its leading underscore.</param>
    /// <param name="instanceKey">The instance key.</param>
    /// <returns>The writer, or null when the options filter this instance out.</returns>
    public ScoreRowWriter? GetWriter(string tenantId, string instanceKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(instanceKey);
        ThrowIfBuilt();
        var options = _session.Options;
        var tenantFilter = options.TenantId is ['_', .. var bare] ? bare : options.TenantId;
        if ((tenantFilter is not null && !string.Equals(tenantFilter, tenantId, StringComparison.Ordinal))
            || (options.InstanceKeys.Count > 0 && !options.InstanceKeys.Contains(instanceKey)))
        {
            return null;
        }

        if (!_writers.TryGetValue((tenantId, instanceKey), out var writer))
        {
            writer = new ScoreRowWriter(this, Instance(tenantId, instanceKey));
            _writers.Add((tenantId, instanceKey), writer);
        }

        return writer;
    }

    /// <summary>Records a source (file) in the diagnostics.</summary>
    /// <param name="name">The file path or stream name.</param>
    public void AddSource(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _session.Diagnostics.AddSource(name);
    }

    /// <summary>Records a file of a given folder that a source did not read because it holds no scores (in <see cref="IngestDiagnostics.SkippedFiles"/>).</summary>
    /// <param name="path">The file.</param>
    public void AddSkippedFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _session.Diagnostics.AddSkippedFile(path);
    }

    /// <summary>Counts documents (source rows) read by a columnar source, whatever they held.</summary>
    /// <param name="documents">The number of rows read.</param>
    /// <param name="withoutScores">Of those, rows that held no Customer AI object at all.</param>
    public void CountDocuments(long documents, long withoutScores = 0)
    {
        _session.Diagnostics.DocumentsRead += documents;
        _session.Diagnostics.DocumentsWithoutScores += withoutScores;
    }

    /// <summary>Counts instance records skipped because the options filter their tenant or instance out.</summary>
    /// <param name="records">The number of records skipped.</param>
    public void CountSkippedByFilter(long records) => _session.Diagnostics.RecordsSkippedByFilter += records;

    /// <summary>
    /// Reports an invalid record found by a columnar source: throws <see cref="CaiIngestException"/> under
    /// <see cref="InvalidRecordPolicy.Throw"/>, else counts it in <see cref="IngestDiagnostics.RecordsRejected"/>.
    /// </summary>
    /// <param name="problem">Where and what.</param>
    /// <exception cref="CaiIngestException">Under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public void Reject(IngestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (_session.Options.InvalidRecords == InvalidRecordPolicy.Throw)
        {
            throw new CaiIngestException(problem);
        }

        _session.Diagnostics.RejectRecord(problem);
    }

    /// <summary>Builds one table per instance, in ordinal order of their XDM paths. The builder cannot be used afterwards.</summary>
    /// <returns>The tables, with the diagnostics of the whole load.</returns>
    public ScoreTableCollection Build()
    {
        ThrowIfBuilt();
        _built = true;
        var ingest = _session.Diagnostics.Snapshot();
        var tables = _instances.Values
            .OrderBy(i => i.TenantId, StringComparer.Ordinal)
            .ThenBy(i => i.InstanceKey, StringComparer.Ordinal)
            .Select(i => i.Build(ingest))
            .ToArray();
        _instances.Clear();
        _writers.Clear();
        return new ScoreTableCollection(tables, ingest);
    }

    internal bool TryNarrow(int? percentile, object person, InstanceBuilder instance, out short? narrowed)
    {
        narrowed = null;
        if (percentile is not { } value)
        {
            return true;
        }

        if (value is < short.MinValue or > short.MaxValue)
        {
            Reject(new IngestProblem(
                null,
                null,
                $"$._{instance.TenantId}.CustomerAI.{instance.InstanceKey}.percentileScore",
                string.Create(CultureInfo.InvariantCulture, $"percentileScore {value} of person '{person}' does not fit a score table (−32768…32767); set OutOfRange to Clamp or Exclude")));
            return false;
        }

        narrowed = (short)value;
        return true;
    }

    internal InstanceBuilder Instance(string tenantId, string instanceKey)
    {
        if (_last is not null && ReferenceEquals(_last.TenantId, tenantId) && ReferenceEquals(_last.InstanceKey, instanceKey))
        {
            return _last;
        }

        if (!_instances.TryGetValue((tenantId, instanceKey), out var instance))
        {
            instance = new InstanceBuilder(tenantId, instanceKey, _session.Options.Duplicates, _session.Diagnostics);
            _instances.Add((tenantId, instanceKey), instance);
        }

        return _last = instance;
    }

    private void ThrowIfBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException("This ScoreTableBuilder has built its tables already; create a new one.");
        }
    }
}
