namespace CaiScores.Ingest;

/// <summary>The mutable counters behind <see cref="IngestDiagnostics"/>. Not thread-safe: one per reader or loader.</summary>
internal sealed class DiagnosticsCollector(int maxRejectionSamples)
{
    private readonly List<string> _sources = [];
    private readonly List<string> _skippedFiles = [];
    private readonly List<IngestProblem> _rejections = [];
    private readonly HashSet<(string Tenant, string Instance)> _instances = [];
    private readonly HashSet<DateOnly> _runs = [];
    private readonly Dictionary<DateOnly, RunCounters> _perRun = [];
    private RunCounters? _lastCounters;

    public long DocumentsRead;
    public long DocumentsWithoutScores;
    public long RecordsRead;
    public long RecordsSkippedByFilter;
    public long DocumentsRejected;
    public long RecordsRejected;
    public long TimestampsWithoutOffset;
    public long IdentityItemsWithoutId;
    public long DroppedNoIdentity;
    public long DroppedNoIdentityMap;
    public long DroppedNoUsableId;
    public long DroppedNoPrimary;
    public long DroppedNoRun;
    public long RunFromTimestamp;
    public long Duplicates;
    public long DuplicatesResolved;
    public long DuplicateGroups;
    public long OutOfRangeScore;
    public long OutOfRangeProbability;
    public long OutOfRangePercentile;
    public long NullFromNaN;
    public long Clamped;
    public long ExcludedOutOfRange;
    public long NullScores;
    public long NullProbabilities;
    public long NullFactorLists;
    public long EmptyFactorLists;
    public long NullFactorCodes;
    public long UnknownImportance;
    public long RecordsNormalized;

    public void AddSource(string source) => _sources.Add(source);

    /// <summary>A file of a given folder that was not read (it holds no scores the loader reads).</summary>
    public void AddSkippedFile(string path) => _skippedFiles.Add(path);
    /// <summary>A record dropped because no person id could be resolved, counted under its reason.</summary>
    public void DropNoIdentity(PersonIdMiss reason)
    {
        DroppedNoIdentity++;
        switch (reason)
        {
            case PersonIdMiss.NoIdentityMap:
                DroppedNoIdentityMap++;
                break;
            case PersonIdMiss.NoPrimary:
                DroppedNoPrimary++;
                break;
            default:
                DroppedNoUsableId++;
                break;
        }
    }

    /// <summary>The counters of one run, created when first asked for.</summary>
    public RunCounters Run(DateOnly run)
    {
        if (_lastCounters is { } last && last.Run == run)
        {
            return last;
        }

        if (!_perRun.TryGetValue(run, out var counters))
        {
            counters = new RunCounters(run);
            _perRun.Add(run, counters);
        }

        return _lastCounters = counters;
    }

    /// <summary>A duplicate of a record seen earlier in <paramref name="run"/>; <paramref name="firstOfKey"/> when its key had none before.</summary>
    public void CountDuplicate(DateOnly run, bool resolved, bool firstOfKey)
    {
        var counters = Run(run);
        Duplicates++;
        counters.Duplicates++;
        if (resolved)
        {
            DuplicatesResolved++;
            counters.DuplicatesResolved++;
        }

        if (firstOfKey)
        {
            DuplicateGroups++;
            counters.DuplicateGroups++;
        }
    }

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
            DroppedNoIdentityMap = DroppedNoIdentityMap,
            DroppedNoUsableId = DroppedNoUsableId,
            DroppedNoPrimary = DroppedNoPrimary,
            DroppedNoRun = DroppedNoRun,
            RunFromTimestamp = RunFromTimestamp,
            Duplicates = Duplicates,
            DuplicatesResolved = DuplicatesResolved,
            DuplicateGroups = DuplicateGroups,
            OutOfRange = new OutOfRangeCounts(OutOfRangeScore, OutOfRangeProbability, OutOfRangePercentile),
            NullFromNaN = NullFromNaN,
            Clamped = Clamped,
            ExcludedOutOfRange = ExcludedOutOfRange,
            NullScores = NullScores,
            NullProbabilities = NullProbabilities,
            NullFactorLists = NullFactorLists,
            EmptyFactorLists = EmptyFactorLists,
            NullFactorCodes = NullFactorCodes,
            UnknownImportance = UnknownImportance,
            RecordsNormalized = RecordsNormalized,
            Instances = instances,
            Runs = runs,
            PerRun = PerRunSnapshot(),
        };
    }

    private RunDiagnostics[] PerRunSnapshot()
    {
        var runs = _perRun.Values.OrderBy(r => r.Run).ToArray();
        var result = new RunDiagnostics[runs.Length];
        for (var i = 0; i < runs.Length; i++)
        {
            var r = runs[i];
            var previous = i == 0 ? 0 : runs[i - 1].Records;
            result[i] = new RunDiagnostics
            {
                Run = r.Run,
                Records = r.Records,
                Kept = r.Kept,
                ExcludedOutOfRange = r.ExcludedOutOfRange,
                OutOfRange = new OutOfRangeCounts(r.OutOfRangeScore, r.OutOfRangeProbability, r.OutOfRangePercentile),
                NullScores = r.NullScores,
                NullProbabilities = r.NullProbabilities,
                Duplicates = r.Duplicates,
                DuplicatesResolved = r.DuplicatesResolved,
                DuplicateGroups = r.DuplicateGroups,
                NullFactorLists = r.NullFactorLists,
                EmptyFactorLists = r.EmptyFactorLists,
                NullFactorCodes = r.NullFactorCodes,
                RecordDropFromPrevious = previous == 0 ? null : (double)(previous - r.Records) / previous,
            };
        }

        return result;
    }
}

/// <summary>The mutable counters behind one <see cref="RunDiagnostics"/>.</summary>
internal sealed class RunCounters(DateOnly run)
{
    public DateOnly Run { get; } = run;

    public long Records;
    public long Kept;
    public long ExcludedOutOfRange;
    public long OutOfRangeScore;
    public long OutOfRangeProbability;
    public long OutOfRangePercentile;
    public long NullScores;
    public long NullProbabilities;
    public long Duplicates;
    public long DuplicatesResolved;
    public long DuplicateGroups;
    public long NullFactorLists;
    public long EmptyFactorLists;
    public long NullFactorCodes;
}
