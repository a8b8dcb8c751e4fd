using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Serialization;

/// <summary>
/// Reads and writes a <see cref="CaiScoreRecord"/> as the XDM document Customer AI writes:
/// <c>{ "_id", "timestamp", "identityMap", "_&lt;tenant&gt;": { "CustomerAI": { "&lt;instance&gt;": { … } } } }</c>.
/// </summary>
/// <remarks>
/// Null values are omitted. A non-finite score or probability is written as the string <c>"NaN"</c>, <c>"Infinity"</c> or
/// <c>"-Infinity"</c>, which the readers accept back. Reading a document that holds more or less than one instance fails;
/// use <see cref="CaiJsonReader"/> for those.
/// </remarks>
public sealed class CaiScoreRecordJsonConverter : JsonConverter<CaiScoreRecord>
{
    /// <inheritdoc />
    public override CaiScoreRecord? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var collector = new DiagnosticsCollector(0);
        var parser = new XdmJsonParser(new CaiScoresOptions(), collector);
        List<RawScore> records;
        try
        {
            records = parser.ParseDocument(ref reader);
        }
        catch (XdmParseException e)
        {
            throw new JsonException($"{e.JsonPath}: {e.Message}", e);
        }

        if (records.Count != 1)
        {
            throw new JsonException(
                $"A CaiScoreRecord document must hold exactly one _<tenant>.CustomerAI.<instance> object, found {records.Count.ToString(CultureInfo.InvariantCulture)}; use CaiJsonReader to read several.");
        }

        return records[0].ToRecord();
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CaiScoreRecord value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.RecordId is not null)
        {
            writer.WriteString("_id"u8, value.RecordId);
        }

        if (value.Timestamp is { } timestamp)
        {
            writer.WriteString("timestamp"u8, timestamp);
        }

        writer.WriteStartObject("identityMap"u8);
        foreach (var (ns, items) in value.IdentityMap)
        {
            writer.WriteStartArray(ns);
            foreach (var item in items)
            {
                writer.WriteStartObject();
                writer.WriteString("id"u8, item.Id);
                writer.WriteString("authenticatedState"u8, item.AuthenticatedState switch
                {
                    AuthenticatedState.Authenticated => "authenticated"u8,
                    AuthenticatedState.LoggedOut => "loggedOut"u8,
                    _ => "ambiguous"u8,
                });
                writer.WriteBoolean("primary"u8, item.Primary);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteStartObject("_" + value.TenantId);
        writer.WriteStartObject("CustomerAI"u8);
        writer.WriteStartObject(value.InstanceKey);
        WriteDouble(writer, "score"u8, value.Score);
        WriteDouble(writer, "probability"u8, value.Probability);
        if (value.PercentileScore is { } percentile)
        {
            writer.WriteNumber("percentileScore"u8, percentile);
        }

        if (value.ScoreDate is not null)
        {
            writer.WriteString("scoreDate"u8, value.ScoreDate);
        }

        if (value.ModelType is not null)
        {
            writer.WriteString("modelType"u8, value.ModelType);
        }

        writer.WriteStartArray("influentialFactors"u8);
        foreach (var factor in value.InfluentialFactors)
        {
            writer.WriteStartObject();
            if (factor.Code is not null)
            {
                writer.WriteString("code"u8, factor.Code);
            }

            if (factor.Value is not null)
            {
                writer.WriteString("value"u8, factor.Value);
            }

            if (factor.Importance != Importance.Unspecified)
            {
                writer.WriteString("importance"u8, factor.Importance switch
                {
                    Importance.Low => "low"u8,
                    Importance.Medium => "medium"u8,
                    _ => "high"u8,
                });
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        if (value is not { } v)
        {
            return;
        }

        if (double.IsFinite(v))
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(v) ? "NaN"u8 : v > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
    }
}
