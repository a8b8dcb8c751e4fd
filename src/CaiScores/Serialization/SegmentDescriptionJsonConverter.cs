using System.Text.Json;
using System.Text.Json.Serialization;
using CaiScores.Segments;

namespace CaiScores.Serialization;

/// <summary>
/// Writes a <see cref="Segment"/> as its description (<c>"in High in run 2026-01-04"</c>): a segment is a condition with
/// closures over a table, not data, so JSON carries what it means, not how to evaluate it. Reading is refused.
/// </summary>
/// <remarks>A segment's description is the same in every culture, so the JSON never depends on the writing thread's culture.</remarks>
internal sealed class SegmentDescriptionJsonConverter : JsonConverter<Segment>
{
    public override Segment? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A segment is written as its description and cannot be read back from JSON.");

    public override void Write(Utf8JsonWriter writer, Segment value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(value.ToString());
    }
}
