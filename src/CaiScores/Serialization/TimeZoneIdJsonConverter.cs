using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaiScores.Serialization;

/// <summary>Writes a <see cref="TimeZoneInfo"/> as its id (<c>"UTC"</c>, <c>"Europe/Berlin"</c>) and reads it back by id.</summary>
internal sealed class TimeZoneIdJsonConverter : JsonConverter<TimeZoneInfo>
{
    public override TimeZoneInfo? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var id = reader.GetString() ?? throw new JsonException("A time zone id must be a string.");
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException e)
        {
            throw new JsonException($"Unknown time zone id '{id}'.", e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TimeZoneInfo value, JsonSerializerOptions options) => writer.WriteStringValue(value.Id);
}
