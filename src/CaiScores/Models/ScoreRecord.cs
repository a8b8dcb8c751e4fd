using CaiScores.Internal;

namespace CaiScores.Models;

/// <summary>
/// A normalised score: one person, one instance, one scoring run. This is what the analyses consume.
/// </summary>
/// <remarks>
/// Built from a <see cref="CaiScoreRecord"/> by <see cref="Ingest.ScoreNormalizer"/>: the person id is resolved from the
/// identity map by CJA's rules, the score date is parsed, and out-of-range values are kept, clamped or excluded as
/// <c>CaiScoresOptions.OutOfRange</c> (Ingest) says. Equality is by value, including the factor list.
/// </remarks>
public sealed record ScoreRecord
{
    /// <summary>The resolved person id (the identity value, without its namespace).</summary>
    public required string PersonId { get; init; }

    /// <summary>
    /// The identity namespace <see cref="PersonId"/> was taken from (<c>ECID</c>, <c>Email</c>, …); <see langword="null"/>
    /// when not known. Set by the readers; a table keeps it per person for audience exports.
    /// </summary>
    public string? IdentityNamespace { get; init; }

    /// <summary>The XDM tenant id without its leading underscore.</summary>
    public required string TenantId { get; init; }

    /// <summary>The Customer AI instance key.</summary>
    public required string InstanceKey { get; init; }

    /// <summary>
    /// The scoring run: <see cref="ScoreDate"/> when present, else the UTC date of <see cref="Timestamp"/>. One run is one
    /// score date of one instance.
    /// </summary>
    public required DateOnly RunKey { get; init; }

    /// <summary>The parsed <c>scoreDate</c>, or <see langword="null"/> when the source had none.</summary>
    public DateOnly? ScoreDate { get; init; }

    /// <summary>The Experience Event <c>timestamp</c>; <see langword="null"/> for profile-format records.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The score, 0–100, after the out-of-range policy; <see langword="null"/> when absent or NaN.</summary>
    public double? Score { get; init; }

    /// <summary>The probability, 0–1, after the out-of-range policy; <see langword="null"/> when absent or NaN.</summary>
    public double? Probability { get; init; }

    /// <summary>The percentile, 1–100, after the out-of-range policy; <see langword="null"/> when absent.</summary>
    public int? PercentileScore { get; init; }

    /// <summary>The propensity type (<c>modelType</c>).</summary>
    public string? ModelType { get; init; }

    /// <summary>The influential factors; empty, never null.</summary>
    public IReadOnlyList<InfluentialFactor> Factors { get; init; } = [];

    /// <summary>The source record id (<c>_id</c>).</summary>
    public string? RecordId { get; init; }

    /// <summary>The record's position in read order (0-based over everything one reader read): the final tie-break.</summary>
    public long SourceOrder { get; init; }

    /// <inheritdoc />
    public bool Equals(ScoreRecord? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (PersonId == other.PersonId
                && IdentityNamespace == other.IdentityNamespace
                && TenantId == other.TenantId
                && InstanceKey == other.InstanceKey
                && RunKey == other.RunKey
                && ScoreDate == other.ScoreDate
                && Timestamp == other.Timestamp
                && Nullable.Equals(Score, other.Score)
                && Nullable.Equals(Probability, other.Probability)
                && PercentileScore == other.PercentileScore
                && ModelType == other.ModelType
                && RecordId == other.RecordId
                && SourceOrder == other.SourceOrder
                && ValueEquality.SequenceEqual(Factors, other.Factors)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(PersonId, InstanceKey, RunKey, Score, SourceOrder);
}
