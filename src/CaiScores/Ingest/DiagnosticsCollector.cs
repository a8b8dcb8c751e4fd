namespace CaiScores.Ingest;

/// <summary>The mutable counters behind <see cref="IngestDiagnostics"/>. Not thread-safe: one per reader or loader.</summary>
internal sealed class DiagnosticsCollector(int maxRejectionSamples)
{
    private readonly List<string> _sources = [];
    private readonly List<string> _skippedFiles = [];
    private readonly List<IngestProblem> _rejections = [];
    private readonly HashSet<(string Tenant, string Instance)> _instances = [];
    private readonly HashSet<DateOnly> _runs = [];

    public long DocumentsRead;
    public long DocumentsWithoutScores;
    public long RecordsRead;
    public long RecordsSkippedByFilter;
    public long DocumentsRejected;
    public long RecordsRejected;
    public long TimestampsWithoutOffset;
    public long IdentityItemsWithoutId;
    public long DroppedNoIdentity;
    public long DroppedNoRun;
    public long RunFromTimestamp;
    public long Duplicates;
    public long DuplicatesResolved;
    public long OutOfRangeScore;
    public long OutOfRangeProbability;
    public long OutOfRangePercentile;
    public long NullFromNaN;
    public long Clamped;
    public long ExcludedOutOfRange;
    public long NullScores;
    public long NullFactorLists;
    public long UnknownImportance;
    public long RecordsNormalized;

    public void AddSource(string source) => _sources.Add(source);

    /// <summary>A file of a given folder that was not read (it holds no scores the loader reads).</summary>
    public void AddSkippedFile(string path) => _skippedFiles.Add(path);

    /// <summary>A whole document (or, when framing fails, a line or element) skipped by the reader.</summary>
    public void RejectDocument(IngestProblem problem)
    {
        DocumentsRejected++;
        Sample(problem);
    }

    /// <summary>One instance score record skipped by the normaliser.</summary>
    public void RejectRecord(IngestProblem problem)
    {
        RecordsRejected++;
        Sample(problem);
    }

    private void Sample(IngestProblem problem)
    {
        if (_rejections.Count < maxRejectionSamples)
        {
            _rejections.Add(problem);
        }
    }

    private string? _lastTenant;
    private string? _lastInstance;
    private DateOnly _lastRun;

    public void AddRun(string tenantId, string instanceKey, DateOnly run)
    {
        // Records come in long runs of one instance and date: skip the hashing when nothing changed.
        if (ReferenceEquals(tenantId, _lastTenant) && ReferenceEquals(instanceKey, _lastInstance) && run == _lastRun)
        {
            return;
        }

        (_lastTenant, _lastInstance, _lastRun) = (tenantId, instanceKey, run);
        _runs.Add(run);
        if (_instances.Count < 10_000)
        {
            _instances.Add((tenantId, instanceKey));
        }
    }

    public static string InstancePath(string tenantId, string instanceKey) => $"_{tenantId}.CustomerAI.{instanceKey}";

    public IngestDiagnostics Snapshot()
    {
        var instances = _instances.Select(i => InstancePath(i.Tenant, i.Instance)).ToArray();
        Array.Sort(instances, StringComparer.Ordinal);
        var runs = _runs.ToArray();
        Array.Sort(runs);
        return new IngestDiagnostics
        {
            Sources = [.. _sources],
            SkippedFiles = [.. _skippedFiles],
            DocumentsRead = DocumentsRead,
            DocumentsWithoutScores = DocumentsWithoutScores,
            RecordsRead = RecordsRead,
            RecordsSkippedByFilter = RecordsSkippedByFilter,
            DocumentsRejected = DocumentsRejected,
            RecordsRejected = RecordsRejected,
            TimestampsWithoutOffset = TimestampsWithoutOffset,
            Rejections = [.. _rejections],
            IdentityItemsWithoutId = IdentityItemsWithoutId,
            DroppedNoIdentity = DroppedNoIdentity,
            DroppedNoRun = DroppedNoRun,
            RunFromTimestamp = RunFromTimestamp,
            Duplicates = Duplicates,
            DuplicatesResolved = DuplicatesResolved,
            OutOfRange = new OutOfRangeCounts(OutOfRangeScore, OutOfRangeProbability, OutOfRangePercentile),
            NullFromNaN = NullFromNaN,
            Clamped = Clamped,
            ExcludedOutOfRange = ExcludedOutOfRange,
            NullScores = NullScores,
            NullFactorLists = NullFactorLists,
            UnknownImportance = UnknownImportance,
            RecordsNormalized = RecordsNormalized,
            Instances = instances,
            Runs = runs,
        };
    }
}
