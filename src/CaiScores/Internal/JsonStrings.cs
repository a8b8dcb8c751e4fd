using System.Text;
using System.Text.Json;

namespace CaiScores.Internal;

/// <summary>A list of strings as a JSON array, for metadata values (no reflection, any character allowed).</summary>
internal static class JsonStrings
{
    public static string Write(IEnumerable<string> values)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The strings of a JSON array of strings, or null when the text is not one.</summary>
    public static List<string>? TryRead(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var result = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                result.Add(item.GetString()!);
            }

            return result;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
