using System.Text.Json.Serialization.Metadata;

namespace CaiScores.Serialization;

/// <summary>
/// The rules <see cref="CaiJson.Options"/> adds on top of the generated contract of <see cref="CaiJsonContext"/> for the
/// analysis results (not for the XDM models and ingest types, whose JSON is unchanged).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><description>A <see cref="double"/> or <see cref="Nullable{Double}"/> that is NaN or ±∞ is omitted, like a null:
/// a share, rate or lift without a value is absent rather than the string <c>"NaN"</c> that a consumer would have to
/// special-case. A JSON number in a result is therefore always finite.</description></item>
/// <item><description>The acronym NaN is one word in camelCase: <c>NaNCount</c> is written <c>nanCount</c>, not
/// <c>naNCount</c>.</description></item>
/// </list>
/// </remarks>
internal static class ResultContract
{
    public static void Apply(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !IsResultType(typeInfo.Type))
        {
            return;
        }

        foreach (var property in typeInfo.Properties)
        {
            if (property.Name.StartsWith("naN", StringComparison.Ordinal))
            {
                property.Name = "nan" + property.Name[3..];
            }

            if (property.PropertyType == typeof(double) || property.PropertyType == typeof(double?))
            {
                property.ShouldSerialize = static (_, value) => value is double v && double.IsFinite(v);
            }
        }
    }

    private static bool IsResultType(Type type) =>
        type.Namespace is { } ns && ns.StartsWith("CaiScores.", StringComparison.Ordinal)
        && ns is not "CaiScores.Models" and not "CaiScores.Ingest";
}
