using System.Diagnostics.CodeAnalysis;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// Turns <see cref="CaiScoreRecord"/>s into <see cref="ScoreRecord"/>s by DOMAIN §7.2: resolves the person id, parses the
/// score date into a run, and applies <see cref="CaiScoresOptions.OutOfRange"/>. Every record dropped or altered is counted
/// in <see cref="Diagnostics"/>. Duplicates are not resolved here (that needs all records; see <see cref="ScoreBatch"/>).
/// </summary>
/// <remarks>
/// Rules, in order:
/// <list type="number">
/// <item>No person id (see <see cref="CaiScoresOptions.IdentityNamespace"/>) → dropped, <see cref="IngestDiagnostics.DroppedNoIdentity"/>.</item>
/// <item>A <c>scoreDate</c> that does not parse (see <see cref="ScoreDates"/>) → invalid record (<see cref="CaiScoresOptions.InvalidRecords"/>).
/// No <c>scoreDate</c> → the run is the UTC date of <c>timestamp</c> (<see cref="IngestDiagnostics.RunFromTimestamp"/>); neither →
/// dropped, <see cref="IngestDiagnostics.DroppedNoRun"/>.</item>
/// <item>Score outside [0, 100], probability outside [0, 1], percentile outside [1, 100], NaN or ±∞ → counted per field, then
/// kept, clamped or the record excluded. NaN becomes null under Keep and Clamp.</item>
/// </list>
/// Not thread-safe: use one per reader or per thread.
/// </remarks>
public sealed class ScoreNormalizer
{
    private readonly string? _identityNamespace;
    private readonly OutOfRangePolicy _outOfRange;
    private readonly InvalidRecordPolicy _invalidRecords;
    private readonly DiagnosticsCollector _diagnostics;
    private long _nextOrder;
    private string? _lastScoreDateText;
    private DateOnly _lastScoreDate;

    /// <summary>Creates a normaliser with its own diagnostics.</summary>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new CaiScoresOptions()</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid; the message lists every problem.</exception>
    public ScoreNormalizer(CaiScoresOptions? options = null)
        : this(ValidatedCopy(options), null)
    {
    }

    internal ScoreNormalizer(CaiScoresOptions validated, DiagnosticsCollector? diagnostics)
    {
        _identityNamespace = validated.IdentityNamespace;
        _outOfRange = validated.OutOfRange;
        _invalidRecords = validated.InvalidRecords;
        _diagnostics = diagnostics ?? new DiagnosticsCollector(validated.MaxRejectionSamples);
    }

    /// <summary>What has been dropped, altered and counted so far.</summary>
    public IngestDiagnostics Diagnostics => _diagnostics.Snapshot();

    /// <summary>Normalises one record.</summary>
    /// <param name="record">The record as read.</param>
    /// <param name="score">The normalised score, when the record is kept.</param>
    /// <returns><see langword="false"/> when the record is dropped (counted in <see cref="Diagnostics"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is null.</exception>
    /// <exception cref="CaiIngestException">
    /// The score date does not parse and <see cref="CaiScoresOptions.InvalidRecords"/> is <see cref="InvalidRecordPolicy.Throw"/>.
    /// </exception>
    public bool TryNormalize(CaiScoreRecord record, [NotNullWhen(true)] out ScoreRecord? score)
    {
        ArgumentNullException.ThrowIfNull(record);
        var source = record.RecordId is null ? null : "record _id=" + record.RecordId;
        return TryNormalize(RawScore.From(record), source, null, out score);
    }

    internal bool TryNormalize(in RawScore record, string? source, long? line, [NotNullWhen(true)] out ScoreRecord? score)
    {
        score = null;
        var order = _nextOrder++;
        var personId = PersonIdResolver.Resolve(record.IdentityMap, _identityNamespace, out var miss, out var idNamespace);
        if (personId is null)
        {
            _diagnostics.DropNoIdentity(miss);
            return false;
        }

        DateOnly? scoreDate = null;
        if (record.ScoreDate is not null)
        {
            // Score dates are pooled strings that repeat for a whole run: parse each distinct instance once.
            var parsed = _lastScoreDate;
            if (!ReferenceEquals(record.ScoreDate, _lastScoreDateText) && !ScoreDates.TryParse(record.ScoreDate, out parsed))
            {
                var problem = new IngestProblem(
                    source,
                    line,
                    $"$._{record.TenantId}.CustomerAI.{record.InstanceKey}.scoreDate",
                    $"'{Truncate(record.ScoreDate)}' is not a date (expected yyyy-MM-dd, 'yyyy-MM-dd HH:mm:ss' or ISO 8601)");
                if (_invalidRecords == InvalidRecordPolicy.Throw)
                {
                    throw new CaiIngestException(problem);
                }

                _diagnostics.RejectRecord(problem);
                return false;
            }

            (_lastScoreDateText, _lastScoreDate) = (record.ScoreDate, parsed);
            scoreDate = parsed;
        }

        var s = record.Score;
        var p = record.Probability;
        var pct = record.Percentile;
        if (!TryApplyRules(record.TenantId, record.InstanceKey, scoreDate, record.Timestamp, ref s, ref p, ref pct, out var runKey))
        {
            return false;
        }

        CountFactors(runKey, record.Factors, record.FactorsAbsent);

        score = new ScoreRecord
        {
            PersonId = personId,
            IdentityNamespace = idNamespace,
            TenantId = record.TenantId,
            InstanceKey = record.InstanceKey,
            RunKey = runKey,
            ScoreDate = scoreDate,
            Timestamp = record.Timestamp,
            Score = s,
            Probability = p,
            PercentileScore = pct,
            ModelType = record.ModelType,
            Factors = record.Factors,
            RecordId = record.RecordId,
            SourceOrder = order,
        };
        return true;
    }

    /// <summary>
    /// The rules after the person id and score-date parsing, shared by every source (JSON records here, columnar sources
    /// through <see cref="Columnar.ScoreTableBuilder"/>): the run, the range policy, null scores; counted.
    /// </summary>
    /// <returns>false when the record is dropped (no run, or excluded as out of range).</returns>
    internal bool TryApplyRules(
        string tenantId,
        string instanceKey,
        DateOnly? scoreDate,
        DateTimeOffset? timestamp,
        ref double? score,
        ref double? probability,
        ref int? percentile,
        out DateOnly runKey)
    {
        if (scoreDate is { } date)
        {
            runKey = date;
        }
        else if (timestamp is { } ts)
        {
            runKey = DateOnly.FromDateTime(ts.UtcDateTime);
            _diagnostics.RunFromTimestamp++;
        }
        else
        {
            runKey = default;
            _diagnostics.DroppedNoRun++;
            return false;
        }

        var run = _diagnostics.Run(runKey);
        run.Records++;
        var outOfRange = false;
        score = CheckDouble(score, 0, 100, ref _diagnostics.OutOfRangeScore, ref run.OutOfRangeScore, ref outOfRange);
        probability = CheckDouble(probability, 0, 1, ref _diagnostics.OutOfRangeProbability, ref run.OutOfRangeProbability, ref outOfRange);
        if (percentile is { } v && v is < 1 or > 100)
        {
            _diagnostics.OutOfRangePercentile++;
            run.OutOfRangePercentile++;
            outOfRange = true;
            if (_outOfRange == OutOfRangePolicy.Clamp)
            {
                percentile = Math.Clamp(v, 1, 100);
                _diagnostics.Clamped++;
            }
        }

        if (outOfRange && _outOfRange == OutOfRangePolicy.Exclude)
        {
            _diagnostics.ExcludedOutOfRange++;
            run.ExcludedOutOfRange++;
            return false;
        }

        if (score is null)
        {
            _diagnostics.NullScores++;
            run.NullScores++;
        }

        if (probability is null)
        {
            _diagnostics.NullProbabilities++;
            run.NullProbabilities++;
        }

        _diagnostics.RecordsNormalized++;
        run.Kept++;
        _diagnostics.AddRun(tenantId, instanceKey, runKey);
        return true;
    }

    /// <summary>Counts a kept record's factor list (absent or null, empty) and its factors with a null code, overall and in its run.</summary>
    internal void CountFactors(DateOnly runKey, IReadOnlyList<InfluentialFactor>? factors, bool absent)
    {
        var run = _diagnostics.Run(runKey);
        if (absent || factors is null)
        {
            run.NullFactorLists++;
            return;
        }

        if (factors.Count == 0)
        {
            _diagnostics.EmptyFactorLists++;
            run.EmptyFactorLists++;
            return;
        }

        foreach (var factor in factors)
        {
            if (factor.Code is null)
            {
                _diagnostics.NullFactorCodes++;
                run.NullFactorCodes++;
            }
        }
    }

    private double? CheckDouble(double? value, double min, double max, ref long counter, ref long runCounter, ref bool outOfRange)
    {
        if (value is not { } v || (v >= min && v <= max))
        {
            return value;
        }

        counter++;
        runCounter++;
        outOfRange = true;
        if (double.IsNaN(v))
        {
            if (_outOfRange == OutOfRangePolicy.Exclude)
            {
                return null;
            }

            _diagnostics.NullFromNaN++;
            return null;
        }

        if (_outOfRange == OutOfRangePolicy.Clamp)
        {
            _diagnostics.Clamped++;
            return Math.Clamp(v, min, max);
        }

        return v;
    }

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static CaiScoresOptions ValidatedCopy(CaiScoresOptions? options)
    {
        var copy = options?.Clone() ?? new CaiScoresOptions();
        copy.Validate();
        return copy;
    }
}
