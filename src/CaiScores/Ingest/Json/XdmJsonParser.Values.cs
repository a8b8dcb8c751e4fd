using System.Buffers;
using System.Text.Json;

namespace CaiScores.Ingest;

/// <summary>Scalar values: timestamps (the last one's parse reused), numbers, integers and strings (pooled when repeated).</summary>
internal sealed partial class XdmJsonParser
{
    private readonly byte[] _lastTimestampBytes = new byte[64];
    private int _lastTimestampLength = -1;
    private DateTimeOffset _lastTimestamp;
    private bool _lastTimestampHadNoOffset;

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
}
