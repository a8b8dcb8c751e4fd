using System.Text.Json.Serialization;
using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Cohorts;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Flows;
using CaiScores.Histograms;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Overlaps;
using CaiScores.ReasonCodes;
using CaiScores.Targeting;
using CaiScores.Transitions;
using CaiScores.Trends;

namespace CaiScores.Serialization;

/// <summary>
/// The source-generated System.Text.Json context for every public model and result (no reflection, trimming-safe).
/// </summary>
/// <remarks>
/// camelCase properties, enums as camelCase strings, nulls omitted. <see cref="CaiScoreRecord"/> uses
/// <see cref="CaiScoreRecordJsonConverter"/> so that it reads and writes the XDM paths
/// <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;.…</c>. A <see cref="TimeZoneInfo"/> is written as its id and a
/// segment as its description (see <see cref="TimeZoneIdJsonConverter"/>, <see cref="SegmentDescriptionJsonConverter"/>).
/// <see cref="CaiJson.Options"/> adds the result rules of <see cref="ResultContract"/> on top of this context; use those
/// options, not <c>Default</c>, so that results are written the documented way.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    Converters =
    [
        typeof(CaiScoreRecordJsonConverter),
        typeof(TimeZoneIdJsonConverter),
        typeof(SegmentDescriptionJsonConverter),
        typeof(CamelCaseEnumConverter<Importance>),
        typeof(CamelCaseEnumConverter<AuthenticatedState>),
        typeof(CamelCaseEnumConverter<XdmFormat>),
        typeof(CamelCaseEnumConverter<PropensityKind>),
        typeof(CamelCaseEnumConverter<ScoreField>),
        typeof(CamelCaseEnumConverter<DistributionMetric>),
        typeof(CamelCaseEnumConverter<HistogramMetric>),
        typeof(CamelCaseEnumConverter<CountingMethod>),
        typeof(CamelCaseEnumConverter<TrendGranularity>),
        typeof(CamelCaseEnumConverter<DayOfWeek>),
        typeof(CamelCaseEnumConverter<ImportanceFilter>),
        typeof(CamelCaseEnumConverter<TargetingMethod>),
        typeof(CamelCaseEnumConverter<TransitionStateKind>),
        typeof(CamelCaseEnumConverter<FlowNodeKind>),
        typeof(CamelCaseEnumConverter<FlowAnchorKind>),
        typeof(CamelCaseEnumConverter<CohortGranularity>),
        typeof(CamelCaseEnumConverter<CohortType>),
    ])]
[JsonSerializable(typeof(CaiScoreRecord))]
[JsonSerializable(typeof(IReadOnlyList<CaiScoreRecord>))]
[JsonSerializable(typeof(ScoreRecord))]
[JsonSerializable(typeof(IReadOnlyList<ScoreRecord>))]
[JsonSerializable(typeof(IngestDiagnostics))]
[JsonSerializable(typeof(ScoreTableDiagnostics))]
[JsonSerializable(typeof(ScoringSummary))]
[JsonSerializable(typeof(ScoreDistribution))]
[JsonSerializable(typeof(RunSummary))]
[JsonSerializable(typeof(MetricHistogram))]
[JsonSerializable(typeof(ScoreTrend))]
[JsonSerializable(typeof(ReasonCodeTable))]
[JsonSerializable(typeof(TopPercentSelection))]
[JsonSerializable(typeof(Audience))]
[JsonSerializable(typeof(TransitionMatrix))]
[JsonSerializable(typeof(TransitionSeries))]
[JsonSerializable(typeof(BucketFlow))]
[JsonSerializable(typeof(Venn))]
[JsonSerializable(typeof(SetIntersections))]
[JsonSerializable(typeof(CohortTable))]
[JsonSerializable(typeof(ModelEvaluation))]
[JsonSerializable(typeof(PerformanceSummary))]
[JsonSerializable(typeof(SuccessEventsByBucket))]
[JsonSerializable(typeof(BucketScheme))]
[JsonSerializable(typeof(BucketSchemeJson))]
[JsonSerializable(typeof(Bucket))]
internal sealed partial class CaiJsonContext : JsonSerializerContext;
