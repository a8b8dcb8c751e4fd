using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Json;
using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>Influential factors: the list under an instance, each factor's importance, and identical factors shared between records.</summary>
internal sealed partial class XdmJsonParser
{
    private const int FactorCacheSize = 8192;
    private readonly InfluentialFactor?[] _factorCache = new InfluentialFactor?[FactorCacheSize];
    private readonly List<InfluentialFactor> _factorScratch = new(16);

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
}
