using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaiScores.Serialization;

/// <summary>
/// JSON for every public model and result, through a source-generated System.Text.Json context (no reflection,
/// trimming- and AOT-safe). The property names, order and meaning of every result are documented in <c>docs/json.md</c>,
/// with a JSON Schema per result in <c>docs/schemas/</c>.
/// </summary>
/// <remarks>
/// <para>camelCase properties in declaration order, enums as camelCase strings, dates as <c>yyyy-MM-dd</c>, nulls omitted.
/// In a result a NaN or infinite <see cref="double"/> is omitted too (a JSON number in a result is always finite), and the
/// acronym NaN is written <c>nan</c> (<c>nanCount</c>). Members that are not data are not written: person bitmaps, spans,
/// derived duplicates; a segment is written as its description and a time zone as its id.</para>
/// <para>A <see cref="Models.CaiScoreRecord"/> is written as its XDM document (<c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;.…</c>,
/// see <see cref="CaiScoreRecordJsonConverter"/>), so that what we write reads back equal, field for field; there, and in the
/// other models, a non-finite double is written as <c>"NaN"</c>/<c>"Infinity"</c>.</para>
/// <para>Results are written, not read: the analysis result classes have no public constructor, so
/// <see cref="Deserialize{T}(string)"/> refuses them with a <see cref="NotSupportedException"/>; their row records (and the
/// models) read back.</para>
/// </remarks>
public static class CaiJson
{
    private static readonly JsonSerializerOptions CompactOptions = CreateOptions(indented: false);
    private static readonly JsonSerializerOptions IndentedOptions = CreateOptions(indented: true);

    /// <summary>
    /// Options bound to the source-generated context, compact. Read-only; pass them to <see cref="JsonSerializer"/>, or copy
    /// them (<c>new JsonSerializerOptions(CaiJson.Options)</c>) to change formatting. Their resolver is the context only: a
    /// type this library does not declare serializable is refused, never reflected over.
    /// </summary>
    public static JsonSerializerOptions Options => CompactOptions;

    /// <summary>The generated metadata for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <returns>The type info.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of this library's serializable types.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() => TypeInfo<T>(CompactOptions);

    /// <summary>Serialises a value to a compact JSON string.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text (compact).</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>(CompactOptions));

    /// <summary>Serialises a value to a JSON string, compact or indented.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="indented"><see langword="true"/> for two-space indentation (<c>\n</c> line ends on .NET 9 and later).</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static string Serialize<T>(T value, bool indented) =>
        JsonSerializer.Serialize(value, TypeInfo<T>(indented ? IndentedOptions : CompactOptions));

    /// <summary>Writes a value as UTF-8 JSON to a stream (a response body, a file).</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="utf8Json">The output; left open, not flushed beyond the JSON written.</param>
    /// <param name="value">The value.</param>
    /// <param name="indented"><see langword="true"/> for two-space indentation (<c>\n</c> line ends on .NET 9 and later); default compact.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static void Write<T>(Stream utf8Json, T value, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, value, TypeInfo<T>(indented ? IndentedOptions : CompactOptions));
    }

    /// <summary>Writes a value to a <see cref="Utf8JsonWriter"/>, e.g. as a property value inside a larger document.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="writer">The writer; its own options decide indentation.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static void Write<T>(Utf8JsonWriter writer, T value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, value, TypeInfo<T>(CompactOptions));
    }

    /// <summary>Deserialises a value from JSON text.</summary>
    /// <typeparam name="T">A model type, or a result's row record.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The JSON is malformed or does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here, or is an analysis result
    /// (results are written, not read).</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>(CompactOptions));

    private static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) =>
        options.TryGetTypeInfo(typeof(T), out var info) && info is JsonTypeInfo<T> typed
            ? typed
            : throw new NotSupportedException($"{typeof(T).FullName} is not serializable by CaiScores' JSON context.");

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions(CaiJsonContext.Default.Options)
        {
            TypeInfoResolver = CaiJsonContext.Default.WithAddedModifier(ResultContract.Apply),
            WriteIndented = indented,
        };
#if NET9_0_OR_GREATER
        options.NewLine = "\n";
#endif
        options.MakeReadOnly();
        return options;
    }
}
