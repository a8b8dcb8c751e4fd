using System.Text;
using CaiScores.Internal;

namespace CaiScores.Models;

/// <summary>
/// One Customer AI score for one person and one instance, as it appears in a CAI output dataset of either format.
/// </summary>
/// <remarks>
/// <para>
/// The XDM document nests the score object under <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c>; this record keeps the
/// tenant and instance as <see cref="TenantId"/> and <see cref="InstanceKey"/> and the score fields flat, and writes them back
/// to the same paths (see <see cref="Serialization.CaiJsonContext"/>). A document holding several instances becomes one record
/// per instance.
/// </para>
/// <para>
/// Values are kept as the source gave them: no range checks, no parsing of <see cref="ScoreDate"/>, no identity resolution.
/// <see cref="Ingest.ScoreNormalizer"/> turns records into <see cref="ScoreRecord"/>s with those rules applied.
/// </para>
/// <para>
/// Equality is by value, including the contents of <see cref="IdentityMap"/> (namespace order ignored, item order kept) and
/// <see cref="InfluentialFactors"/> (order kept). <c>_repo</c> and other system or unknown fields are not modelled.
/// </para>
/// </remarks>
public sealed record CaiScoreRecord
{
    /// <summary>The XDM tenant id without its leading underscore, e.g. <c>acme</c> for the <c>_acme</c> object.</summary>
    public required string TenantId { get; init; }

    /// <summary>The instance key under <c>CustomerAI</c>, e.g. <c>PurchasePropensityWebsite</c>.</summary>
    public required string InstanceKey { get; init; }

    /// <summary>The record id (<c>_id</c>), or <see langword="null"/> when absent.</summary>
    public string? RecordId { get; init; }

    /// <summary>
    /// The event time (<c>timestamp</c>) of the Experience Event format, which Customer AI sets to the score date;
    /// <see langword="null"/> in the profile format.
    /// </summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>
    /// The person's identities: namespace code (e.g. <c>ECID</c>) → identity items. Empty, never null, when absent.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> IdentityMap { get; init; } = EmptyIdentityMap;

    /// <summary>Relative likelihood versus the scored population, 0–100 (<c>score</c>). Not a probability.</summary>
    public double? Score { get; init; }

    /// <summary>The probability of reaching the goal within the outcome window, 0–1 (<c>probability</c>).</summary>
    public double? Probability { get; init; }

    /// <summary>The rank versus the other scored profiles, 1–100 (<c>percentileScore</c>); 99 beats 99 % of them.</summary>
    public int? PercentileScore { get; init; }

    /// <summary>
    /// The score date as the source wrote it (<c>scoreDate</c>), e.g. <c>2021-08-07</c> or <c>2021-08-07 00:00:00</c>.
    /// Parse it with <see cref="ScoreDates.TryParse(string?, out DateOnly)"/>.
    /// </summary>
    public string? ScoreDate { get; init; }

    /// <summary>The propensity type (<c>modelType</c>), e.g. <c>conversion</c> or <c>churn</c>.</summary>
    public string? ModelType { get; init; }

    /// <summary>The predicted reasons (<c>influentialFactors</c>). Empty, never null, when absent.</summary>
    public IReadOnlyList<InfluentialFactor> InfluentialFactors { get; init; } = [];

    /// <summary>
    /// <see cref="XdmFormat.ExperienceEvent"/> when the record has a <see cref="Timestamp"/>, else
    /// <see cref="XdmFormat.Profile"/>.
    /// </summary>
    public XdmFormat Format => Timestamp is null ? XdmFormat.Profile : XdmFormat.ExperienceEvent;

    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>> EmptyIdentityMap =
        new Dictionary<string, IReadOnlyList<IdentityItem>>(0);

    /// <inheritdoc />
    public bool Equals(CaiScoreRecord? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (TenantId == other.TenantId
                && InstanceKey == other.InstanceKey
                && RecordId == other.RecordId
                && Timestamp == other.Timestamp
                && Nullable.Equals(Score, other.Score)
                && Nullable.Equals(Probability, other.Probability)
                && PercentileScore == other.PercentileScore
                && ScoreDate == other.ScoreDate
                && ModelType == other.ModelType
                && ValueEquality.SequenceEqual(InfluentialFactors, other.InfluentialFactors)
                && ValueEquality.DictionaryOfListsEqual(IdentityMap, other.IdentityMap)));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(TenantId, InstanceKey, RecordId, Timestamp, Score, Probability, ScoreDate, InfluentialFactors.Count);

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("TenantId = ").Append(TenantId)
            .Append(", InstanceKey = ").Append(InstanceKey)
            .Append(", RecordId = ").Append(RecordId)
            .Append(", Timestamp = ").Append(Timestamp?.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", Identities = ").Append(IdentityMap.Count)
            .Append(", Score = ").Append(Score?.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", Probability = ").Append(Probability?.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
            .Append(", PercentileScore = ").Append(PercentileScore)
            .Append(", ScoreDate = ").Append(ScoreDate)
            .Append(", ModelType = ").Append(ModelType)
            .Append(", InfluentialFactors = ").Append(InfluentialFactors.Count);
        return true;
    }
}
