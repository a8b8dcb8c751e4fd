using System.Text.Json.Serialization;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Serialization;

/// <summary>
/// The source-generated System.Text.Json context for every public model and result (no reflection, trimming-safe).
/// </summary>
/// <remarks>
/// camelCase properties, enums as camelCase strings, nulls omitted. <see cref="CaiScoreRecord"/> uses
/// <see cref="CaiScoreRecordJsonConverter"/> so that it reads and writes the XDM paths
/// <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;.…</c>.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters =
    [
        typeof(CaiScoreRecordJsonConverter),
        typeof(CamelCaseEnumConverter<Importance>),
        typeof(CamelCaseEnumConverter<AuthenticatedState>),
        typeof(CamelCaseEnumConverter<XdmFormat>),
    ])]
[JsonSerializable(typeof(CaiScoreRecord))]
[JsonSerializable(typeof(IReadOnlyList<CaiScoreRecord>))]
[JsonSerializable(typeof(ScoreRecord))]
[JsonSerializable(typeof(IReadOnlyList<ScoreRecord>))]
[JsonSerializable(typeof(IngestDiagnostics))]
[JsonSerializable(typeof(ScoreTableDiagnostics))]
internal sealed partial class CaiJsonContext : JsonSerializerContext;
