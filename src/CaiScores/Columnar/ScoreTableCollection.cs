using System.Collections;
using CaiScores.Ingest;

namespace CaiScores.Columnar;

/// <summary>The score tables of one load: one per Customer AI instance, in ordinal order of their XDM paths.</summary>
public sealed class ScoreTableCollection : IReadOnlyList<ScoreTable>
{
    private readonly ScoreTable[] _tables;

    internal ScoreTableCollection(ScoreTable[] tables, IngestDiagnostics diagnostics)
    {
        _tables = tables;
        Diagnostics = diagnostics;
    }

    /// <summary>What reading the input did, over all instances.</summary>
    public IngestDiagnostics Diagnostics { get; }

    /// <inheritdoc />
    public int Count => _tables.Length;

    /// <inheritdoc />
    public ScoreTable this[int index] => _tables[index];

    /// <summary>The table of an instance.</summary>
    /// <param name="instanceKey">The instance key (any tenant; use <see cref="Find"/> to name the tenant too).</param>
    /// <exception cref="KeyNotFoundException">No such instance, or it exists under several tenants.</exception>
    public ScoreTable this[string instanceKey]
    {
        get
        {
            var matches = _tables.Where(t => t.InstanceKey == instanceKey).ToArray();
            return matches.Length switch
            {
                1 => matches[0],
                0 => throw new KeyNotFoundException($"No instance '{instanceKey}'; the input holds {Describe()}."),
                _ => throw new KeyNotFoundException($"The instance '{instanceKey}' exists under several tenants; the input holds {Describe()}."),
            };
        }
    }

    /// <summary>The table of an instance of a tenant, or null.</summary>
    /// <param name="tenantId">The tenant id (without its underscore).</param>
    /// <param name="instanceKey">The instance key.</param>
    public ScoreTable? Find(string tenantId, string instanceKey) =>
        _tables.FirstOrDefault(t => t.TenantId == tenantId && t.InstanceKey == instanceKey);

    /// <summary>The only table, for inputs that hold one instance.</summary>
    /// <exception cref="InvalidOperationException">The input held no instance, or several.</exception>
    public ScoreTable Single() => _tables.Length switch
    {
        1 => _tables[0],
        0 => throw new InvalidOperationException("The input held no Customer AI scores."),
        _ => throw new InvalidOperationException(
            $"The input holds {Describe()}; pick one with CaiScoresOptions.InstanceKeys (and TenantId) or index the collection."),
    };

    /// <inheritdoc />
    public IEnumerator<ScoreTable> GetEnumerator() => ((IEnumerable<ScoreTable>)_tables).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private string Describe() => _tables.Length == 0 ? "no instance" : string.Join(", ", _tables.Select(t => t.InstancePath));
}
