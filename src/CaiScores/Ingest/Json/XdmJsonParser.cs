using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
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
/// </remarks>
internal sealed class XdmJsonParser
{
    private readonly string? _tenantFilter;
    private readonly HashSet<string>? _instanceFilter;
    private readonly DiagnosticsCollector _diagnostics;
    private readonly Utf8StringPool _strings = new(16_384);
    private const int FactorCacheSize = 8192;
    private readonly InfluentialFactor?[] _factorCache = new InfluentialFactor?[FactorCacheSize];
    private readonly Dictionary<string, string> _tenantNames = new(StringComparer.Ordinal);
    private readonly List<InfluentialFactor> _factorScratch = new(16);
    private readonly List<IdentityItem> _identityScratch = new(4);
    private readonly List<string> _namespaceScratch = new(4);
    private readonly List<string> _seenNamespaces = new(4);
    private readonly List<IReadOnlyList<IdentityItem>> _identityListScratch = new(4);
    private readonly List<RawScore> _pending = new(2);
    private readonly List<string> _tenantScratch = new(2);
    private readonly List<string> _instanceScratch = new(2);
    private readonly PathSegment[] _path = new PathSegment[16];
    private readonly byte[] _lastTimestampBytes = new byte[64];
    private int _lastTimestampLength = -1;
    private DateTimeOffset _lastTimestamp;
    private bool _lastTimestampHadNoOffset;
    private int _pathDepth;
    private DocumentTally _tally;

    public XdmJsonParser(CaiScoresOptions options, DiagnosticsCollector diagnostics)
    {
        _tenantFilter = options.TenantId is ['_', .. var bare] ? bare : options.TenantId;
        _instanceFilter = options.InstanceKeys.Count == 0 ? null : new HashSet<string>(options.InstanceKeys, StringComparer.Ordinal);
        _diagnostics = diagnostics;
    }

    /// <summary>The JSON path of the value being read, e.g. <c>$._acme.CustomerAI.Inst.score</c>.</summary>
    public string CurrentPath
    {
        get
        {
            var sb = new StringBuilder("$");
            for (var i = 0; i < _pathDepth; i++)
            {
                var segment = _path[i];
                if (segment.Index >= 0)
                {
                    sb.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    sb.Append('.').Append(segment.Name);
                }
            }

            return sb.ToString();
        }
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
        }

        _pending.Add(score);
    }

    private IReadOnlyList<InfluentialFactor> ReadFactors(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            _tally.NullFactorLists++;
            return [];
        }

        Expect(ref reader, JsonTokenType.StartArray, "an array of influential factors");
        _factorScratch.Clear();
        var index = 0;
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            PushIndex(index++);
            Expect(ref reader, JsonTokenType.StartObject, "an influential factor object { code, value, importance }");
            string? code = null, value = null;
            var importance = Importance.Unspecified;
            var seen = Seen.None;
            while (Next(ref reader) == JsonTokenType.PropertyName)
            {
                switch (XdmFields.Classify(ref reader))
                {
                    case XdmField.Code:
                        Push("code", ref seen, Seen.Code, ref reader);
                        code = ReadOptionalString(ref reader, pooled: true);
                        break;
                    case XdmField.Value:
                        Push("value", ref seen, Seen.Value, ref reader);
                        value = ReadScalarText(ref reader);
                        break;
                    case XdmField.Importance:
                        Push("importance", ref seen, Seen.Importance, ref reader);
                        importance = ReadImportance(ref reader);
                        break;
                    default:
                        SkipUnknown(ref reader);
                        break;
                }

                Pop();
            }

            _factorScratch.Add(InternFactor(code, value, importance));
            Pop();
        }

        return _factorScratch.Count == 0 ? [] : _factorScratch.ToArray();
    }

    /// <summary>
    /// Shares identical factors between records through a direct-mapped cache keyed by the (pooled, so reference-equal)
    /// code and value strings: a miss just allocates, a collision just replaces.
    /// </summary>
    private InfluentialFactor InternFactor(string? code, string? value, Importance importance)
    {
        var hash = (uint)HashCode.Combine(RuntimeHelpers.GetHashCode(code), RuntimeHelpers.GetHashCode(value), (int)importance);
        ref var slot = ref _factorCache[hash & (FactorCacheSize - 1)];
        if (slot is not null && ReferenceEquals(slot.Code, code) && ReferenceEquals(slot.Value, value) && slot.Importance == importance)
        {
            return slot;
        }

        slot = new InfluentialFactor { Code = code, Value = value, Importance = importance };
        return slot;
    }

    private Importance ReadImportance(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Importance.Unspecified;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error($"expected \"low\", \"medium\" or \"high\", found {Describe(ref reader)}");
        }

        var parsed = ParseImportance(ref reader);
        if (parsed == Importance.Unspecified)
        {
            _tally.UnknownImportance++;
        }

        return parsed;
    }

    private static Importance ParseImportance(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return reader.GetString()!.ToUpperInvariant() switch
            {
                "HIGH" => Importance.High,
                "MEDIUM" => Importance.Medium,
                "LOW" => Importance.Low,
                _ => Importance.Unspecified,
            };
        }

        // ASCII case-insensitive: OR-ing 0x20 lower-cases letters (and maps no other byte of these lengths onto them).
        var s = reader.ValueSpan;
        return s.Length switch
        {
            3 => (s[0] | 0x20) == 'l' && (s[1] | 0x20) == 'o' && (s[2] | 0x20) == 'w' ? Importance.Low : Importance.Unspecified,
            4 => (BinaryPrimitives.ReadUInt32LittleEndian(s) | 0x20202020u) == 0x68676968u ? Importance.High : Importance.Unspecified,
            6 => (BinaryPrimitives.ReadUInt32LittleEndian(s) | 0x20202020u) == 0x6964656Du && (s[4] | 0x20) == 'u' && (s[5] | 0x20) == 'm'
                ? Importance.Medium : Importance.Unspecified,
            _ => Importance.Unspecified,
        };
    }

    private IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> ReadIdentityMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return CaiScoreRecord.EmptyIdentityMap;
        }

        Expect(ref reader, JsonTokenType.StartObject, "an object of identity namespaces");
        _namespaceScratch.Clear();
        _seenNamespaces.Clear();
        _identityListScratch.Clear();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var ns = PropertyName(ref reader, pooled: true);
            PushName(ns);
            CheckUnique(_seenNamespaces, ns);
            reader.Read();
            if (reader.TokenType != JsonTokenType.Null)
            {
                Expect(ref reader, JsonTokenType.StartArray, "an array of identity items");
                _identityScratch.Clear();
                var index = 0;
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    PushIndex(index++);
                    var item = ReadIdentityItem(ref reader);
                    if (item is not null)
                    {
                        _identityScratch.Add(item);
                    }

                    Pop();
                }

                _namespaceScratch.Add(ns);
                _identityListScratch.Add(_identityScratch.Count == 0 ? [] : _identityScratch.ToArray());
            }

            Pop();
        }

        return _namespaceScratch.Count == 0
            ? CaiScoreRecord.EmptyIdentityMap
            : new CompactIdentityMap(_namespaceScratch.ToArray(), _identityListScratch.ToArray());
    }

    private IdentityItem? ReadIdentityItem(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an identity item { id, authenticatedState, primary }");
        string? id = null;
        var state = AuthenticatedState.Ambiguous;
        var primary = false;
        var seen = Seen.None;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            switch (XdmFields.Classify(ref reader))
            {
                case XdmField.ItemId:
                    Push("id", ref seen, Seen.Code, ref reader);
                    id = ReadOptionalString(ref reader, pooled: false);
                    break;
                case XdmField.AuthenticatedState:
                    Push("authenticatedState", ref seen, Seen.Value, ref reader);
                    state = ReadAuthenticatedState(ref reader);
                    break;
                case XdmField.Primary:
                    Push("primary", ref seen, Seen.Importance, ref reader);
                    primary = reader.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False or JsonTokenType.Null => false,
                        _ => throw Error($"expected true or false, found {Describe(ref reader)}"),
                    };
                    break;
                default:
                    SkipUnknown(ref reader);
                    break;
            }

            Pop();
        }

        if (string.IsNullOrEmpty(id))
        {
            _tally.IdentityItemsWithoutId++;
            return null;
        }

        return new IdentityItem { Id = id, AuthenticatedState = state, Primary = primary };
    }

    private AuthenticatedState ReadAuthenticatedState(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return AuthenticatedState.Ambiguous;
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString()!;
            if (text.Equals("ambiguous", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.Ambiguous;
            }

            if (text.Equals("authenticated", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.Authenticated;
            }

            if (text.Equals("loggedOut", StringComparison.OrdinalIgnoreCase))
            {
                return AuthenticatedState.LoggedOut;
            }
        }

        throw Error($"expected \"ambiguous\", \"authenticated\" or \"loggedOut\", found {Describe(ref reader)}");
    }

    private DateTimeOffset? ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error($"expected an ISO 8601 date-time, found {Describe(ref reader)}");
        }

        // Every record of a run carries the same timestamp: reuse the last parse when the bytes repeat.
        var cacheable = !reader.HasValueSequence && reader.ValueSpan.Length <= _lastTimestampBytes.Length;
        if (cacheable)
        {
            var span = reader.ValueSpan;
            if (span.Length == _lastTimestampLength && span.SequenceEqual(_lastTimestampBytes.AsSpan(0, _lastTimestampLength)))
            {
                _tally.TimestampsWithoutOffset += _lastTimestampHadNoOffset ? 1 : 0;
                return _lastTimestamp;
            }
        }

        // Utf8JsonReader reads a date-time without an offset in the machine's local zone, which would make the result depend
        // on where it runs. XDM timestamps carry one ("Z" in AEP exports); one without is taken as UTC, and counted.
        if (!reader.TryGetDateTime(out var dateTime))
        {
            throw Error($"expected an ISO 8601 date-time, found {Describe(ref reader)}");
        }

        var noOffset = dateTime.Kind == DateTimeKind.Unspecified;
        var parsed = noOffset ? new DateTimeOffset(dateTime, TimeSpan.Zero) : ParseWithOffset(ref reader);
        _tally.TimestampsWithoutOffset += noOffset ? 1 : 0;
        if (cacheable)
        {
            reader.ValueSpan.CopyTo(_lastTimestampBytes);
            _lastTimestampLength = reader.ValueSpan.Length;
            _lastTimestamp = parsed;
            _lastTimestampHadNoOffset = noOffset;
        }

        return parsed;
    }

    private DateTimeOffset ParseWithOffset(ref Utf8JsonReader reader) =>
        reader.TryGetDateTimeOffset(out var value) ? value : throw Error($"expected an ISO 8601 date-time, found {Describe(ref reader)}");

    private double? ReadDouble(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetDouble(out var value):
                return value;
            case JsonTokenType.String when !reader.HasValueSequence && !reader.ValueIsEscaped:
                // The named literals System.Text.Json writes for non-finite doubles; anything else is not a number.
                var span = reader.ValueSpan;
                if (span.SequenceEqual("NaN"u8))
                {
                    return double.NaN;
                }

                if (span.SequenceEqual("Infinity"u8))
                {
                    return double.PositiveInfinity;
                }

                if (span.SequenceEqual("-Infinity"u8))
                {
                    return double.NegativeInfinity;
                }

                break;
        }

        throw Error($"expected a number, found {Describe(ref reader)}");
    }

    private int? ReadInt(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out var value))
            {
                return value;
            }

            // 96.0 is an integer written as a double; 96.5 is not.
            if (reader.TryGetDouble(out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
            {
                return (int)d;
            }
        }

        throw Error($"expected an integer, found {Describe(ref reader)}");
    }

    private string? ReadOptionalString(ref Utf8JsonReader reader, bool pooled) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => StringValue(ref reader, pooled),
        _ => throw Error($"expected a string, found {Describe(ref reader)}"),
    };

    /// <summary>A factor value: a string as is, a number or boolean as its JSON text.</summary>
    private string? ReadScalarText(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => StringValue(ref reader, pooled: true),
        JsonTokenType.Number => _strings.Get(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw Error($"expected a string, number or boolean, found {Describe(ref reader)}"),
    };

    private string StringValue(ref Utf8JsonReader reader, bool pooled)
    {
        if (!pooled || reader.HasValueSequence || reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }

        return _strings.Get(reader.ValueSpan);
    }

    private string PropertyName(ref Utf8JsonReader reader, bool pooled) => StringValue(ref reader, pooled);

    /// <summary>Skips an unknown property's value (still syntax- and depth-checked), with its name on the path.</summary>
    private void SkipUnknown(ref Utf8JsonReader reader)
    {
        PushName(PropertyName(ref reader, pooled: true));
        reader.Read();
        reader.Skip();
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType;
    }

    private void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw Error($"expected {what}, found {Describe(ref reader)}");
        }
    }

    /// <summary>
    /// A repeated key would make two conflicting records (or identity lists) out of one document, and which one wins would be
    /// an accident of the parser: reject it. The current name is already on the path.
    /// </summary>
    private void CheckUnique(List<string> seen, string name)
    {
        foreach (var s in seen)
        {
            if (string.Equals(s, name, StringComparison.Ordinal))
            {
                throw Error($"the property '{name}' appears twice");
            }
        }

        seen.Add(name);
    }

    private void Push(string name, ref Seen seen, Seen flag, ref Utf8JsonReader reader)
    {
        PushName(name);
        if ((seen & flag) != 0)
        {
            throw Error($"the property '{name}' appears twice");
        }

        seen |= flag;
        reader.Read();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void PushName(string name)
    {
        if (_pathDepth < _path.Length)
        {
            _path[_pathDepth] = new PathSegment(name, -1);
        }

        _pathDepth++;
    }

    private void PushIndex(int index)
    {
        if (_pathDepth < _path.Length)
        {
            _path[_pathDepth] = new PathSegment(null, index);
        }

        _pathDepth++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pop() => _pathDepth--;

    private XdmParseException Error(string message) => new(CurrentPath, message);

    private static string Describe(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                var text = reader.GetString() ?? string.Empty;
                return text.Length > 40 ? $"the string \"{text[..40]}…\"" : $"the string \"{text}\"";
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                return "the number " + Encoding.UTF8.GetString(raw, 0, Math.Min(raw.Length, 40));
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return "null";
            case JsonTokenType.StartObject:
                return "an object";
            case JsonTokenType.StartArray:
                return "an array";
            default:
                return reader.TokenType.ToString();
        }
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

    private readonly record struct PathSegment(string? Name, int Index);

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

/// <summary>A value in a well-formed document that does not fit the CAI schema.</summary>
internal sealed class XdmParseException(string jsonPath, string message) : Exception(message)
{
    public string JsonPath { get; } = jsonPath;
}
