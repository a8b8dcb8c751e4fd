using System.Text.Json;

namespace CaiScores.Columnar;

/// <summary>
/// A JSON Lines file of person objects: one object per line with a non-empty person id (a string or a number, under the
/// property <see cref="PersonFileColumns"/> names or detects on the first line); blank lines are skipped but counted, so a
/// problem names the line as an editor shows it.
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

    /// <summary>The property names of a line's object, in document order (to resolve the columns on the first line).</summary>
    /// <exception cref="Ingest.CaiIngestException">The line is not valid JSON or not an object.</exception>
    public static List<string> PropertyNames(string line, string source, long lineNumber, string what)
    {
        using var document = Parse(line, source, lineNumber, what);
        return [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>
    /// Parses a line as a JSON object, hands each property but the person id <paramref name="idName"/> to
    /// <paramref name="read"/> in document order (with its path, <c>$.name</c>), and returns the person id.
    /// </summary>
    /// <param name="line">The line's text.</param>
    /// <param name="source">The file, for problems.</param>
    /// <param name="lineNumber">The line's number, for problems.</param>
    /// <param name="what">What a line holds, for the message "an {what} line must be a JSON object".</param>
    /// <param name="idName">The person id property (matched ordinally, as the first line wrote it).</param>
    /// <param name="read">Reads one other property; it may throw a located problem of its own.</param>
    /// <returns>The person id, not empty (a number's JSON text).</returns>
    /// <exception cref="Ingest.CaiIngestException">The line is not valid JSON or not an object, its person id is not a
    /// non-empty string or a number, or it has none (checked after every other property was read).</exception>
    public static string ReadObject(string line, string source, long lineNumber, string what, string idName, Action<JsonProperty, string> read)
    {
        using (var document = Parse(line, source, lineNumber, what))
        {
            var root = document.RootElement;
            string? personId = null;
            foreach (var property in root.EnumerateObject())
            {
                var path = "$." + property.Name;
                if (property.NameEquals(idName))
                {
                    personId = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        _ => null,
                    };
                    if (string.IsNullOrEmpty(personId))
                    {
                        throw PersonFile.Problem(source, lineNumber, path, $"{idName} must be a non-empty string or a number");
                    }
                }
                else
                {
                    read(property, path);
                }
            }

            return personId ?? throw PersonFile.Problem(source, lineNumber, "$", $"the line has no {idName}");
        }
    }

    private static JsonDocument Parse(string line, string source, long lineNumber, string what)
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

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw PersonFile.Problem(source, lineNumber, "$", $"an {what} line must be a JSON object");
        }

        return document;
    }

    /// <summary>A JSON value kind as messages name it (<c>string</c>, <c>array</c>, …).</summary>
    public static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();
}
