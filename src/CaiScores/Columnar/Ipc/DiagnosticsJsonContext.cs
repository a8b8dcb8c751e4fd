using System.Text.Json.Serialization;

namespace CaiScores.Columnar.Ipc;

/// <summary>
/// The table's diagnostics as JSON in an Arrow file's schema metadata (<c>cai.diagnostics</c>): the same shape as
/// <c>CaiJson</c> writes them (camelCase, nulls left out), without reaching up to the results' JSON context.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(ScoreTableDiagnostics))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
