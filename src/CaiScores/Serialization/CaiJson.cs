using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CaiScores.Serialization;

/// <summary>
/// JSON for every public model and result, through a source-generated System.Text.Json context (no reflection,
/// trimming- and AOT-safe).
/// </summary>
/// <remarks>
/// camelCase properties, enums as camelCase strings, nulls omitted, non-finite doubles as <c>"NaN"</c>/<c>"Infinity"</c>.
/// A <see cref="Models.CaiScoreRecord"/> is written as its XDM document (<c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;.…</c>,
/// see <see cref="CaiScoreRecordJsonConverter"/>), so that what we write reads back equal, field for field.
/// </remarks>
public static class CaiJson
{
    /// <summary>
    /// Options bound to the source-generated context. Read-only; pass them to <see cref="JsonSerializer"/>, or combine their
    /// <see cref="JsonSerializerOptions.TypeInfoResolver"/> with your own context.
    /// </summary>
    public static JsonSerializerOptions Options => CaiJsonContext.Default.Options;

    /// <summary>The generated metadata for <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <returns>The type info.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of this library's serializable types.</exception>
    public static JsonTypeInfo<T> TypeInfo<T>() =>
        CaiJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).FullName} is not serializable by CaiScores' JSON context.");

    /// <summary>Serialises a value to a JSON string.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text (compact).</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Deserialises a value from JSON text.</summary>
    /// <typeparam name="T">A model or result type of this library.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The JSON is malformed or does not fit <typeparamref name="T"/>.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not serializable here.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());
}
