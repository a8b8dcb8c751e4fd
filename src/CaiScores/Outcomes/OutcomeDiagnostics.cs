namespace CaiScores.Outcomes;

/// <summary>What <see cref="OutcomeEvents.Join"/> read, joined, and could not join.</summary>
/// <param name="RecordsRead">Outcome records read.</param>
/// <param name="RecordsJoined">Records whose person is in the table (kept).</param>
/// <param name="RecordsUnknownPerson">Records whose person id is not in the table: counted here, never joined.</param>
/// <param name="UnknownPersons">Distinct person ids among <paramref name="RecordsUnknownPerson"/>.</param>
/// <param name="UnknownPersonSamples">The first unknown person ids, in order of appearance (at most 10).</param>
public sealed record OutcomeDiagnostics(long RecordsRead, long RecordsJoined, long RecordsUnknownPerson, long UnknownPersons, IReadOnlyList<string> UnknownPersonSamples)
{
    /// <summary>The most unknown person ids kept in <see cref="UnknownPersonSamples"/>.</summary>
    public const int MaxSamples = 10;

    /// <inheritdoc />
    public bool Equals(OutcomeDiagnostics? other) =>
        other is not null && RecordsRead == other.RecordsRead && RecordsJoined == other.RecordsJoined
        && RecordsUnknownPerson == other.RecordsUnknownPerson && UnknownPersons == other.UnknownPersons
        && UnknownPersonSamples.SequenceEqual(other.UnknownPersonSamples);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RecordsRead, RecordsJoined, RecordsUnknownPerson, UnknownPersons);
}
