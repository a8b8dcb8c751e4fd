using System.Text.Json;

namespace CaiScores.Columnar;

/// <summary>
/// A JSON Lines file of person objects: one object per line with a non-empty <c>personId</c> string; blank lines are
/// skipped but counted, so a problem names the line as an editor shows it.
/// </summary>
internal static class PersonJsonLines
{
    /// <summary>The lines that are not blank, with their numbers counted from 1; lazily.</summary>
    public static IEnumerable<(string Text, long Number)> NonBlank(IEnumerable<string> lines)
    {
        long number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (line, number);
            }
        }
    }

    /// <summary>
    /// Parses a line as a JSON object, hands each property but <c>personId</c> to <paramref name="read"/> in document order
    /// (with its path, <c>$.name</c>), and returns the person id.
    /// </summary>
    /// <param name="line">The line's text.</param>
    /// <param name="source">The file, for problems.</param>
    /// <param name="lineNumber">The line's number, for problems.</param>
    /// <param name="what">What a line holds, for the message "an {what} line must be a JSON object".</param>
    /// <param name="read">Reads one other property; it may throw a located problem of its own.</param>
    /// <returns>The person id, not empty.</returns>
    /// <exception cref="Ingest.CaiIngestException">The line is not valid JSON or not an object, its <c>personId</c> is not a
    /// non-empty string, or it has none (checked after every other property was read).</exception>
    public static string ReadObject(string line, string source, long lineNumber, string what, Action<JsonProperty, string> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw PersonFile.Problem(source, lineNumber, null, "malformed JSON: " + e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw PersonFile.Problem(source, lineNumber, "$", $"an {what} line must be a JSON object");
            }

            string? personId = null;
            foreach (var property in root.EnumerateObject())
            {
                var path = "$." + property.Name;
                if (property.NameEquals(PersonFile.PersonIdName))
                {
                    personId = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
                    if (string.IsNullOrEmpty(personId))
                    {
                        throw PersonFile.Problem(source, lineNumber, path, "personId must be a non-empty string");
                    }
                }
                else
                {
                    read(property, path);
                }
            }

            return personId ?? throw PersonFile.Problem(source, lineNumber, "$", "the line has no personId");
        }
    }

    /// <summary>A JSON value kind as messages name it (<c>string</c>, <c>array</c>, …).</summary>
    public static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
