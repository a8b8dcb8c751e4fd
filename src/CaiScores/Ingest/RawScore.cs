using CaiScores.Models;

namespace CaiScores.Ingest;

/// <summary>
/// One instance score as parsed, before it becomes a <see cref="CaiScoreRecord"/> or a <see cref="ScoreRecord"/>: the
/// parser's output, so that reading normalised scores allocates no intermediate record.
/// </summary>
internal struct RawScore
{
    public string TenantId;
    public string InstanceKey;
    public string? RecordId;
    public DateTimeOffset? Timestamp;
    public IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> IdentityMap;
    public double? Score;
    public double? Probability;
    public int? Percentile;
    public string? ScoreDate;
    public string? ModelType;
    public IReadOnlyList<InfluentialFactor> Factors;

    /// <summary>Whether <c>influentialFactors</c> was absent or null in the source (<see cref="Factors"/> is then empty).</summary>
    public bool FactorsAbsent;

    public static RawScore From(CaiScoreRecord record) => new()
    {
        TenantId = record.TenantId,
        InstanceKey = record.InstanceKey,
        RecordId = record.RecordId,
        Timestamp = record.Timestamp,
        IdentityMap = record.IdentityMap,
        Score = record.Score,
        Probability = record.Probability,
        Percentile = record.PercentileScore,
        ScoreDate = record.ScoreDate,
        ModelType = record.ModelType,
        Factors = record.InfluentialFactors,
    };

    public readonly CaiScoreRecord ToRecord() => new()
    {
        TenantId = TenantId,
        InstanceKey = InstanceKey,
        RecordId = RecordId,
        Timestamp = Timestamp,
        IdentityMap = IdentityMap,
        Score = Score,
        Probability = Probability,
        PercentileScore = Percentile,
        ScoreDate = ScoreDate,
        ModelType = ModelType,
        InfluentialFactors = Factors,
    };
}
