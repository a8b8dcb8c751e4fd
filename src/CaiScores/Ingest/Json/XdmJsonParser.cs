using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using CaiScores.Internal;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// Parses one XDM document (a CAI profile or Experience Event record) into <see cref="CaiScoreRecord"/>s, one per
/// instance found under <c>_&lt;tenant&gt;.CustomerAI</c>. Hand-written over <see cref="Utf8JsonReader"/>: no reflection,
/// repeated strings and factors shared. Not thread-safe; one per reader.
/// </summary>
/// <remarks>
/// Problems throw <see cref="XdmParseException"/> carrying the JSON path; syntax errors surface as <see cref="JsonException"/>
/// from the reader and are located by the caller. Unknown properties are skipped (still syntax-checked, depth-limited).
/// This file walks the document, its tenants and instances; the other parts read the identity map, the influential
/// factors and scalar values, and keep the JSON path that errors carry.
/// </remarks>
internal sealed partial class XdmJsonParser
{
    private readonly string? _tenantFilter;
    private readonly HashSet<string>? _instanceFilter;
    private readonly DiagnosticsCollector _diagnostics;
    private readonly Utf8StringPool _strings = new(16_384);
    private readonly Dictionary<string, string> _tenantNames = new(StringComparer.Ordinal);
    private readonly List<RawScore> _pending = new(2);
    private readonly List<string> _tenantScratch = new(2);
    private readonly List<string> _instanceScratch = new(2);
    private DocumentTally _tally;

    public XdmJsonParser(CaiScoresOptions options, DiagnosticsCollector diagnostics)
    {
        _tenantFilter = options.TenantId is ['_', .. var bare] ? bare : options.TenantId;
        _instanceFilter = options.InstanceKeys.Count == 0 ? null : new HashSet<string>(options.InstanceKeys, StringComparer.Ordinal);
        _diagnostics = diagnostics;
    }

    /// <summary>
    /// Reads one document; the reader is positioned before or on its <c>StartObject</c>. Returns one score per instance
    /// found, in document order, in a list that is reused by the next call.
    /// </summary>
    public List<RawScore> ParseDocument(ref Utf8JsonReader reader)
    {
        try
        {
            return ParseDocumentCore(ref reader);
        }
        catch (Exception e) when (e is InvalidOperationException or DecoderFallbackException)
        {
            // Utf8JsonReader checks structure, not the text inside strings: invalid UTF-8, or an escaped lone surrogate,
            // surfaces only when a string is decoded. Never replaced by U+FFFD: the value would silently differ.
            throw Error("a string holds invalid UTF-8 or an unpaired surrogate escape");
        }
    }

    private List<RawScore> ParseDocumentCore(ref Utf8JsonReader reader)
    {
        _pathDepth = 0;
        _pending.Clear();
        _tally = default;
        if (reader.TokenType == JsonTokenType.None)
        {
            reader.Read();
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"a record must be a JSON object, found {Describe(ref reader)}");
        }

        string? recordId = null;
        DateTimeOffset? timestamp = null;
        IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> identityMap = CaiScoreRecord.EmptyIdentityMap;
        var seen = Seen.None;
        var sawCustomerAI = false;
        _tenantScratch.Clear();

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var field = XdmFields.Classify(ref reader);
            if (field == XdmField.Id)
            {
                Push("_id", ref seen, Seen.Id, ref reader);
                recordId = ReadOptionalString(ref reader, pooled: false);
            }
            else if (field == XdmField.Timestamp)
            {
                Push("timestamp", ref seen, Seen.Timestamp, ref reader);
                timestamp = ReadTimestamp(ref reader);
            }
            else if (field == XdmField.IdentityMap)
            {
                Push("identityMap", ref seen, Seen.IdentityMap, ref reader);
                identityMap = ReadIdentityMap(ref reader);
            }
            else if (IsTenantName(ref reader))
            {
                var property = PropertyName(ref reader, pooled: true);
                var tenant = TenantOf(property);
                PushName(property);
                CheckUnique(_tenantScratch, property);
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    sawCustomerAI |= ReadTenant(ref reader, tenant);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                PushName(PropertyName(ref reader, pooled: true));
                reader.Read();
                reader.Skip();
            }

            Pop();
        }

        // Counted only now, so that a document rejected half-way leaves no partial counts behind.
        _diagnostics.DocumentsRead++;
        _diagnostics.RecordsSkippedByFilter += _tally.SkippedByFilter;
        _diagnostics.NullFactorLists += _tally.NullFactorLists;
        _diagnostics.UnknownImportance += _tally.UnknownImportance;
        _diagnostics.IdentityItemsWithoutId += _tally.IdentityItemsWithoutId;
        _diagnostics.TimestampsWithoutOffset += _tally.TimestampsWithoutOffset;
        if (!sawCustomerAI)
        {
            _diagnostics.DocumentsWithoutScores++;
        }

        foreach (ref var p in CollectionsMarshal.AsSpan(_pending))
        {
            p.RecordId = recordId;
            p.Timestamp = timestamp;
            p.IdentityMap = identityMap;
        }

        _diagnostics.RecordsRead += _pending.Count;
        return _pending;
    }

    /// <summary>"_acme" → "acme", allocated once per distinct (pooled) property name.</summary>
    private string TenantOf(string property)
    {
        if (!_tenantNames.TryGetValue(property, out var tenant))
        {
            tenant = property[1..];
            if (_tenantNames.Count < 1024)
            {
                _tenantNames.Add(property, tenant);
            }
        }

        return tenant;
    }

    private static bool IsTenantName(ref Utf8JsonReader reader)
    {
        // Any other top-level "_x" object may be a tenant; "_repo" and system columns simply hold no CustomerAI.
        if (reader.ValueIsEscaped)
        {
            return reader.GetString() is ['_', _, ..];
        }

        var span = reader.HasValueSequence ? reader.ValueSequence.FirstSpan : reader.ValueSpan;
        return span.Length > 1 && span[0] == (byte)'_';
    }

    /// <returns>Whether the tenant object held a CustomerAI object.</returns>
    private bool ReadTenant(ref Utf8JsonReader reader, string tenant)
    {
        var found = false;
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (XdmFields.Classify(ref reader) != XdmField.CustomerAI)
            {
                PushName(PropertyName(ref reader, pooled: true));
                reader.Read();
                reader.Skip();
                Pop();
                continue;
            }

            Push("CustomerAI", ref seen, Seen.CustomerAI, ref reader);
            if (reader.TokenType == JsonTokenType.Null)
            {
                Pop();
                continue;
            }

            Expect(ref reader, JsonTokenType.StartObject, "an object of Customer AI instances");
            found = true;
            var tenantWanted = _tenantFilter is null || string.Equals(_tenantFilter, tenant, StringComparison.Ordinal);
            _instanceScratch.Clear();
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                var instance = PropertyName(ref reader, pooled: true);
                PushName(instance);
                CheckUnique(_instanceScratch, instance);
                reader.Read();
                if (!tenantWanted || (_instanceFilter is not null && !_instanceFilter.Contains(instance)))
                {
                    reader.Skip();
                    _tally.SkippedByFilter++;
                }
                else
                {
                    Expect(ref reader, JsonTokenType.StartObject, "an object with the instance's score fields");
                    ReadInstance(ref reader, tenant, instance);
                }

                Pop();
            }

            Pop();
        }

        return found;
    }

    private void ReadInstance(ref Utf8JsonReader reader, string tenant, string instance)
    {
        var score = new RawScore { TenantId = tenant, InstanceKey = instance, Factors = [], IdentityMap = CaiScoreRecord.EmptyIdentityMap };
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            switch (XdmFields.Classify(ref reader))
            {
                case XdmField.Score:
                    Push("score", ref seen, Seen.Score, ref reader);
                    score.Score = ReadDouble(ref reader);
                    break;
                case XdmField.Probability:
                    Push("probability", ref seen, Seen.Probability, ref reader);
                    score.Probability = ReadDouble(ref reader);
                    break;
                case XdmField.PercentileScore:
                    Push("percentileScore", ref seen, Seen.Percentile, ref reader);
                    score.Percentile = ReadInt(ref reader);
                    break;
                case XdmField.ScoreDate:
                    Push("scoreDate", ref seen, Seen.ScoreDate, ref reader);
                    score.ScoreDate = ReadOptionalString(ref reader, pooled: true);
                    break;
                case XdmField.ModelType:
                    Push("modelType", ref seen, Seen.ModelType, ref reader);
                    score.ModelType = ReadOptionalString(ref reader, pooled: true);
                    break;
                case XdmField.InfluentialFactors:
                    Push("influentialFactors", ref seen, Seen.Factors, ref reader);
                    score.Factors = ReadFactors(ref reader);
                    score.FactorsAbsent = reader.TokenType == JsonTokenType.Null;
                    break;
                default:
                    SkipUnknown(ref reader);
                    break;
            }

            Pop();
        }

        if ((seen & Seen.Factors) == 0)
        {
            _tally.NullFactorLists++;
            score.FactorsAbsent = true;
        }

        _pending.Add(score);
    }

    [Flags]
    private enum Seen
    {
        None = 0,
        Id = 1,
        Timestamp = 2,
        IdentityMap = 4,
        Score = 8,
        Probability = 16,
        Percentile = 32,
        ScoreDate = 64,
        ModelType = 128,
        Factors = 256,
        Code = 512,
        Value = 1024,
        Importance = 2048,
        CustomerAI = 4096,
    }

    /// <summary>The current document's counts, committed to the diagnostics when it parses completely.</summary>
    private struct DocumentTally
    {
        public int SkippedByFilter;
        public int NullFactorLists;
        public int UnknownImportance;
        public int IdentityItemsWithoutId;
        public int TimestampsWithoutOffset;
    }
}
