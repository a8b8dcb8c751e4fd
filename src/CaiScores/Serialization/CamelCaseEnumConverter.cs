using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaiScores.Serialization;

/// <summary>Writes and reads an enum as its camelCase name (<c>high</c>, <c>loggedOut</c>), matching XDM spellings.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class CamelCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
