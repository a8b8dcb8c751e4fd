using System.Runtime.CompilerServices;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>The person index, run columns and factor dictionaries of one instance while its table is built.</summary>
internal sealed class InstanceBuilder(string tenantId, string instanceKey, DuplicatePolicy duplicates, DiagnosticsCollector diagnostics)
{
    private const int FactorCacheSize = 4096;
    private readonly Dictionary<DateOnly, RunBuilder> _runs = [];
    private readonly (InfluentialFactor? Factor, int Code, int Value)[] _factorCache = new (InfluentialFactor?, int, int)[FactorCacheSize];
    private RunBuilder? _lastRun;
    private int _capacity = 1024;
    private int _lastPerson = -1;
    private HashSet<(int Person, DateOnly Run)>? _duplicated;

    public string TenantId { get; } = tenantId;

    public string InstanceKey { get; } = instanceKey;

    public StringDictionary Persons { get; } = new(1024);

    public StringDictionary Codes { get; } = new(64);

    public StringDictionary Values { get; } = new(256);

    /// <summary>The identity namespace of each person, from the first record that gave their id.</summary>
    public PersonNamespacesBuilder Namespaces { get; } = new();

    /// <summary>Stores a normalised row unless it loses against a duplicate already stored; true when its factors follow.</summary>
    public bool Store(int person, DateOnly run, double? score, double? probability, short? percentile, DateTimeOffset? timestamp, string? modelType)
    {
        var builder = Run(run);
        long? micros = timestamp is { } ts ? Timestamps.ToMicros(ts) : null;
        if (builder.IsPresent(person))
        {
            diagnostics.CountDuplicate(run, resolved: true, firstOfKey: (_duplicated ??= []).Add((person, run)));

            // Later timestamp wins under LastWins (earlier under FirstWins); a missing one is the earliest; on a tie the
            // record added later wins under LastWins and the one added first under FirstWins.
            var c = Nullable.Compare(micros, builder.TimestampOf(person));
            var wins = duplicates == DuplicatePolicy.LastWins ? c >= 0 : c < 0;
            if (!wins)
            {
                return false;
            }
        }

        builder.SetRow(person, score, probability, percentile, micros, modelType);
        return true;
    }

    public int Person(ReadOnlySpan<byte> utf8, ReadOnlySpan<byte> identityNamespace)
    {
        var person = Person(utf8);
        Namespaces.Set(person, identityNamespace);
        return person;
    }

    public int Person(string personId, string? identityNamespace)
    {
        var person = Person(personId);
        Namespaces.Set(person, identityNamespace);
        return person;
    }

    public int Person(ReadOnlySpan<byte> utf8)
    {
        // Exports list persons in the same order run after run: try the one after the last before hashing, a
        // sequential read where a probe into a table of millions would miss the cache.
        var next = _lastPerson + 1;
        if (next < Persons.Count && Persons.GetUtf8(next).SequenceEqual(utf8))
        {
            return _lastPerson = next;
        }

        var index = Persons.GetOrAdd(utf8);
        EnsureCapacity(index);
        return _lastPerson = index;
    }

    public int Person(string personId)
    {
        var index = Persons.GetOrAdd(personId);
        EnsureCapacity(index);
        return index;
    }

    public void AddFactor(int code, int value, Importance importance) => _lastRun!.AddFactor(code, value, importance);

    /// <summary>Adds a factor object, mapping its code and value through a small cache keyed by the (shared) instance.</summary>
    public void AddFactor(InfluentialFactor factor)
    {
        ref var slot = ref _factorCache[RuntimeHelpers.GetHashCode(factor) & (FactorCacheSize - 1)];
        if (!ReferenceEquals(slot.Factor, factor))
        {
            slot = (factor, factor.Code is null ? -1 : Codes.GetOrAdd(factor.Code), factor.Value is null ? -1 : Values.GetOrAdd(factor.Value));
        }

        _lastRun!.AddFactor(slot.Code, slot.Value, factor.Importance);
    }

    public ScoreTable Build(IngestDiagnostics ingest)
    {
        var persons = Persons.Freeze();
        var ordered = _runs.Values.OrderBy(r => r.ScoreDate).ToArray();
        var runs = new ScoreRun[ordered.Length];
        long conflicts = 0;
        for (var r = 0; r < ordered.Length; r++)
        {
            conflicts += ordered[r].ModelTypeConflicts;
            runs[r] = new ScoreRun(r, ordered[r].ScoreDate, persons.Count, ordered[r].Build(persons.Count));
        }

        _runs.Clear();
        return new ScoreTable(TenantId, InstanceKey, persons, runs, Codes.Freeze(), Values.Freeze(), PersonAttributes.None, ScoreTableDiagnostics.Compute(ingest, persons.Count, runs, conflicts))
        {
            PersonNamespaces = Namespaces.Build(persons.Count),
        };
    }

    private RunBuilder Run(DateOnly date)
    {
        if (_lastRun is not null && _lastRun.ScoreDate == date)
        {
            return _lastRun;
        }

        if (!_runs.TryGetValue(date, out var run))
        {
            run = new RunBuilder(date, _capacity, Persons.Count);
            _runs.Add(date, run);
        }

        return _lastRun = run;
    }

    private void EnsureCapacity(int index)
    {
        if (index < _capacity)
        {
            return;
        }

        _capacity = checked(_capacity * 2);
        foreach (var run in _runs.Values)
        {
            run.Grow(_capacity);
        }
    }
}
