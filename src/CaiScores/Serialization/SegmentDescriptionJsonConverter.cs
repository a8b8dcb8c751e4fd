using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using CaiScores.Segments;

namespace CaiScores.Serialization;

/// <summary>
/// Writes a <see cref="Segment"/> as its description (<c>"in High in run 2026-01-04"</c>): a segment is a condition with
/// closures over a table, not data, so JSON carries what it means, not how to evaluate it. Reading is refused.
/// </summary>
/// <remarks>
/// The description is produced under the invariant culture (a segment's <see cref="object.ToString"/> formats counts with
/// the current culture), so the JSON never depends on the culture of the thread that writes it.
/// </remarks>
internal sealed class SegmentDescriptionJsonConverter : JsonConverter<Segment>
{
    public override Segment? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new JsonException("A segment is written as its description and cannot be read back from JSON.");

    public override void Write(Utf8JsonWriter writer, Segment value, JsonSerializerOptions options)
    {
        var culture = CultureInfo.CurrentCulture;
        string description;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            description = value.ToString();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        writer.WriteStringValue(description);
    }
}
