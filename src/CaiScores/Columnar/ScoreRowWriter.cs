using System.Text;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Columnar;

/// <summary>
/// Adds rows of one instance from a columnar source (such as AEP Parquet files) to a <see cref="ScoreTableBuilder"/>
/// without an object per row: person ids, factor codes and values arrive as UTF-8 bytes and are interned.
/// </summary>
/// <remarks>
/// Call <see cref="AddRow(ReadOnlySpan{byte}, ReadOnlySpan{byte}, DateOnly?, DateTimeOffset?, double?, double?, int?, string?)"/> with the values as read; it applies the same rules as <see cref="ScoreNormalizer"/> (run from
/// <c>scoreDate</c> or <c>timestamp</c>, the out-of-range policy, duplicates) and counts everything in the builder's
/// diagnostics. When it returns true, the row's factors follow through <see cref="AddFactor"/>. Not thread-safe.
/// </remarks>
public sealed class ScoreRowWriter
{
    private readonly ScoreTableBuilder _owner;
    private readonly InstanceBuilder _instance;
    private readonly DiagnosticsCollector _diagnostics;
    private readonly ScoreNormalizer _rules;
    private bool _rowOpen;
    private DateOnly _rowRun;

    internal ScoreRowWriter(ScoreTableBuilder owner, InstanceBuilder instance)
    {
        _owner = owner;
        _instance = instance;
        _diagnostics = owner.Session.Diagnostics;
        _rules = owner.Session.Normalizer;
    }

    /// <summary>The tenant id.</summary>
    public string TenantId => _instance.TenantId;

    /// <summary>The instance key.</summary>
    public string InstanceKey => _instance.InstanceKey;

    /// <summary>The id of a factor code (UTF-8), added when new.</summary>
    /// <param name="code">The code's UTF-8 bytes.</param>
    /// <returns>The id in the table's <see cref="ScoreTable.FactorCodes"/>.</returns>
    /// <exception cref="DecoderFallbackException">The bytes are not valid UTF-8.</exception>
    public int GetFactorCodeId(ReadOnlySpan<byte> code) => _instance.Codes.GetOrAdd(code);

    /// <summary>The id of a factor value (UTF-8), added when new.</summary>
    /// <param name="value">The value's UTF-8 bytes.</param>
    /// <returns>The id in the table's <see cref="ScoreTable.FactorValues"/>.</returns>
    /// <exception cref="DecoderFallbackException">The bytes are not valid UTF-8.</exception>
    public int GetFactorValueId(ReadOnlySpan<byte> value) => _instance.Values.GetOrAdd(value);

    /// <summary>Adds one instance record.</summary>
    /// <param name="personId">The resolved person id, UTF-8 (see <see cref="PersonIdSelector"/>); empty when none could be resolved
    /// (dropped and counted as <see cref="PersonIdMiss.NoUsableId"/>; <see cref="DropRow"/> counts it under its reason).</param>
    /// <param name="scoreDate">The parsed <c>scoreDate</c>, or null when the record had none.</param>
    /// <param name="timestamp">The EE <c>timestamp</c>, or null.</param>
    /// <param name="score">The score as read.</param>
    /// <param name="probability">The probability as read.</param>
    /// <param name="percentile">The percentile score as read.</param>
    /// <param name="modelType">The <c>modelType</c>.</param>
    /// <returns>true when the row was stored and its factors should follow; false when it was dropped (counted).</returns>
    /// <exception cref="CaiIngestException">A percentile does not fit the table, under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public bool AddRow(ReadOnlySpan<byte> personId, DateOnly? scoreDate, DateTimeOffset? timestamp, double? score, double? probability, int? percentile, string? modelType) =>
        AddRow(personId, default, scoreDate, timestamp, score, probability, percentile, modelType);

    /// <summary>Adds one instance record whose person id came from a known identity namespace.</summary>
    /// <param name="personId">The resolved person id, UTF-8 (see <see cref="PersonIdSelector"/>); empty when none could be resolved
    /// (dropped and counted as <see cref="PersonIdMiss.NoUsableId"/>; <see cref="DropRow"/> counts it under its reason).</param>
    /// <param name="identityNamespace">The namespace code the id came from, UTF-8 (<c>ECID</c>); empty when not known. The
    /// table keeps the first one a person is given (<see cref="ScoreTable.GetIdentityNamespace"/>).</param>
    /// <param name="scoreDate">The parsed <c>scoreDate</c>, or null when the record had none.</param>
    /// <param name="timestamp">The EE <c>timestamp</c>, or null.</param>
    /// <param name="score">The score as read.</param>
    /// <param name="probability">The probability as read.</param>
    /// <param name="percentile">The percentile score as read.</param>
    /// <param name="modelType">The <c>modelType</c>.</param>
    /// <returns>true when the row was stored and its factors should follow; false when it was dropped (counted).</returns>
    /// <exception cref="CaiIngestException">A percentile does not fit the table, under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public bool AddRow(ReadOnlySpan<byte> personId, ReadOnlySpan<byte> identityNamespace, DateOnly? scoreDate, DateTimeOffset? timestamp, double? score, double? probability, int? percentile, string? modelType)
    {
        _rowOpen = false;
        _diagnostics.RecordsRead++;
        if (personId.IsEmpty)
        {
            _diagnostics.DropNoIdentity(PersonIdMiss.NoUsableId);
            return false;
        }

        if (!_rules.TryApplyRules(TenantId, InstanceKey, scoreDate, timestamp, ref score, ref probability, ref percentile, out var run))
        {
            return false;
        }

        _rowRun = run;

        short? narrowed = null;
        if (percentile is { } pct)
        {
            // The person id is decoded only for the message of a percentile that does not fit.
            if (pct is < short.MinValue or > short.MaxValue && !_owner.TryNarrow(pct, Encoding.UTF8.GetString(personId), _instance, out narrowed))
            {
                return false;
            }

            narrowed = (short)pct;
        }

        _rowOpen = _instance.Store(_instance.Person(personId, identityNamespace), run, score, probability, narrowed, timestamp, modelType);
        return _rowOpen;
    }

    /// <summary>Adds an influential factor to the row just stored.</summary>
    /// <param name="codeId">From <see cref="GetFactorCodeId"/>, or −1 for a null code.</param>
    /// <param name="valueId">From <see cref="GetFactorValueId"/>, or −1 for a null value.</param>
    /// <param name="importance">The importance.</param>
    /// <exception cref="InvalidOperationException">The last <see cref="AddRow(ReadOnlySpan{byte}, ReadOnlySpan{byte}, DateOnly?, DateTimeOffset?, double?, double?, int?, string?)"/> did not store a row.</exception>
    public void AddFactor(int codeId, int valueId, Importance importance)
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("AddFactor follows an AddRow that returned true.");
        }

        if (codeId < 0)
        {
            _diagnostics.NullFactorCodes++;
            _diagnostics.Run(_rowRun).NullFactorCodes++;
        }

        _instance.AddFactor(codeId, valueId, importance);
    }

    /// <summary>
    /// Counts a record read whose person id could not be resolved (dropped): in <see cref="IngestDiagnostics.RecordsRead"/>,
    /// <see cref="IngestDiagnostics.DroppedNoIdentity"/> and the counter of <paramref name="reason"/>.
    /// </summary>
    /// <param name="reason">Why: <see cref="PersonIdSelector.Miss"/>; <see cref="PersonIdMiss.None"/> counts as <see cref="PersonIdMiss.NoUsableId"/>.</param>
    public void DropRow(PersonIdMiss reason)
    {
        _rowOpen = false;
        _diagnostics.RecordsRead++;
        _diagnostics.DropNoIdentity(reason);
    }

    /// <summary>
    /// Counts a record that was read but cannot be used (an unparseable <c>scoreDate</c>, say): throws under
    /// <see cref="InvalidRecordPolicy.Throw"/>, else counts it in <see cref="IngestDiagnostics.RecordsRead"/> and
    /// <see cref="IngestDiagnostics.RecordsRejected"/>.
    /// </summary>
    /// <param name="problem">Where (source, row number as line, column path) and what.</param>
    /// <exception cref="CaiIngestException">Under <see cref="InvalidRecordPolicy.Throw"/>.</exception>
    public void RejectRow(IngestProblem problem)
    {
        _rowOpen = false;
        _diagnostics.RecordsRead++;
        _owner.Reject(problem);
    }

    /// <summary>Counts a record whose <c>influentialFactors</c> was null or absent (overall, and in the run of the row just stored when it was stored).</summary>
    public void CountNullFactorList()
    {
        _diagnostics.NullFactorLists++;
        if (_rowOpen)
        {
            _diagnostics.Run(_rowRun).NullFactorLists++;
        }
    }

    /// <summary>Counts the row just stored as having an empty <c>influentialFactors</c> list.</summary>
    /// <exception cref="InvalidOperationException">The last <see cref="AddRow(ReadOnlySpan{byte}, ReadOnlySpan{byte}, DateOnly?, DateTimeOffset?, double?, double?, int?, string?)"/> did not store a row.</exception>
    public void CountEmptyFactorList()
    {
        if (!_rowOpen)
        {
            throw new InvalidOperationException("CountEmptyFactorList follows an AddRow that returned true.");
        }

        _diagnostics.EmptyFactorLists++;
        _diagnostics.Run(_rowRun).EmptyFactorLists++;
    }

    /// <summary>Counts a factor whose importance was not low, medium or high (read as <see cref="Importance.Unspecified"/>).</summary>
    public void CountUnknownImportance() => _diagnostics.UnknownImportance++;
}
