using CaiScores.Internal;

namespace CaiScores.Ingest;

/// <summary>
/// What reading and normalising did to the input: every record dropped, altered or skipped is counted here (DOMAIN §7.5).
/// </summary>
/// <remarks>An immutable snapshot; a reader's <c>Diagnostics</c> property returns a fresh one each time.</remarks>
public sealed class IngestDiagnostics : IEquatable<IngestDiagnostics>
{
    /// <summary>An empty instance (nothing read).</summary>
    public static IngestDiagnostics Empty { get; } = new();

    /// <summary>The sources read (file paths or stream names), in order.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>
    /// Files found in the given folders and not read because they hold no scores the loader reads: another format by
    /// extension, or content that is not Customer AI score records (a JSON file whose first record has neither an
    /// <c>identityMap</c> nor a <c>_&lt;tenant&gt;.CustomerAI</c> object; a Parquet file without those columns), in
    /// ordinal path order. A file named explicitly is always read.
    /// </summary>
    public IReadOnlyList<string> SkippedFiles { get; init; } = [];

    /// <summary>Top-level JSON objects read (a document may hold 0, 1 or several instance scores).</summary>
    public long DocumentsRead { get; init; }

    /// <summary>Documents with no <c>_&lt;tenant&gt;.CustomerAI</c> object at all; they yield nothing.</summary>
    public long DocumentsWithoutScores { get; init; }

    /// <summary>Instance score records read (one per document and instance), before normalisation.</summary>
    public long RecordsRead { get; init; }

    /// <summary>Score records of another tenant or instance than <see cref="CaiScoresOptions.TenantId"/> / <see cref="CaiScoresOptions.InstanceKeys"/> asked for.</summary>
    public long RecordsSkippedByFilter { get; init; }

    /// <summary>
    /// Documents the reader skipped as invalid under <see cref="InvalidRecordPolicy.Skip"/>: malformed JSON, a value that does
    /// not fit the schema, an oversized line. A document may have held several instance records; none of them is read.
    /// </summary>
    public long DocumentsRejected { get; init; }

    /// <summary>
    /// Instance score records the normaliser skipped as invalid under <see cref="InvalidRecordPolicy.Skip"/> (an unparseable
    /// <c>scoreDate</c>). Counted in <see cref="RecordsRead"/>, unlike the records of a rejected document.
    /// </summary>
    public long RecordsRejected { get; init; }

    /// <summary>
    /// EE <c>timestamp</c>s written without a UTC offset (or as a bare date), read as UTC rather than in the machine's zone.
    /// </summary>
    public long TimestampsWithoutOffset { get; init; }

    /// <summary>The first rejected documents and records (up to <see cref="CaiScoresOptions.MaxRejectionSamples"/>), each with its location.</summary>
    public IReadOnlyList<IngestProblem> Rejections { get; init; } = [];

    /// <summary>Identity items ignored because their <c>id</c> was null or empty.</summary>
    public long IdentityItemsWithoutId { get; init; }

    /// <summary>
    /// Records dropped because no person id could be resolved from the identity map (CJA ignores such rows): the sum of
    /// <see cref="DroppedNoIdentityMap"/>, <see cref="DroppedNoUsableId"/> and <see cref="DroppedNoPrimary"/>.
    /// </summary>
    public long DroppedNoIdentity { get; init; }

    /// <summary>Of <see cref="DroppedNoIdentity"/>, records with no identity item at all (<see cref="PersonIdMiss.NoIdentityMap"/>).</summary>
    public long DroppedNoIdentityMap { get; init; }

    /// <summary>Of <see cref="DroppedNoIdentity"/>, records whose items hold no usable id (<see cref="PersonIdMiss.NoUsableId"/>).</summary>
    public long DroppedNoUsableId { get; init; }

    /// <summary>Of <see cref="DroppedNoIdentity"/>, records with several ids and none primary (<see cref="PersonIdMiss.NoPrimary"/>).</summary>
    public long DroppedNoPrimary { get; init; }

    /// <summary>Records dropped because they had neither a <c>scoreDate</c> nor a <c>timestamp</c>, so no run.</summary>
    public long DroppedNoRun { get; init; }

    /// <summary>Records whose run came from <c>timestamp</c> because <c>scoreDate</c> was absent.</summary>
    public long RunFromTimestamp { get; init; }

    /// <summary>Records that shared person, instance and run with a record seen earlier.</summary>
    public long Duplicates { get; init; }

    /// <summary>Of <see cref="Duplicates"/>, records dropped by <see cref="DuplicatePolicy.LastWins"/> or <see cref="DuplicatePolicy.FirstWins"/>.</summary>
    public long DuplicatesResolved { get; init; }

    /// <summary>The (person, instance, run) keys that had more than one record: a key read three times is one group and two <see cref="Duplicates"/>.</summary>
    public long DuplicateGroups { get; init; }

    /// <summary>Values outside their range, or NaN/±∞, per field (counted under every <see cref="OutOfRangePolicy"/>).</summary>
    public OutOfRangeCounts OutOfRange { get; init; } = OutOfRangeCounts.Zero;

    /// <summary>NaN values turned into null under <see cref="OutOfRangePolicy.Keep"/> or <see cref="OutOfRangePolicy.Clamp"/>.</summary>
    public long NullFromNaN { get; init; }

    /// <summary>Values changed by <see cref="OutOfRangePolicy.Clamp"/>.</summary>
    public long Clamped { get; init; }

    /// <summary>Records dropped by <see cref="OutOfRangePolicy.Exclude"/>.</summary>
    public long ExcludedOutOfRange { get; init; }

    /// <summary>Records kept with a null score (after NaN handling); analyses show them as "No value".</summary>
    public long NullScores { get; init; }

    /// <summary>Records kept with a null probability (after NaN handling).</summary>
    public long NullProbabilities { get; init; }

    /// <summary>Records whose <c>influentialFactors</c> was absent or null (they count in a bucket, not in a factor table).</summary>
    public long NullFactorLists { get; init; }

    /// <summary>Records kept (see <see cref="RecordsNormalized"/>) whose <c>influentialFactors</c> was an empty list.</summary>
    public long EmptyFactorLists { get; init; }

    /// <summary>Factors of the records kept whose <c>code</c> was null (they count under no code in a factor table).</summary>
    public long NullFactorCodes { get; init; }

    /// <summary>Factors whose <c>importance</c> was text other than low, medium or high, read as <see cref="Models.Importance.Unspecified"/>.</summary>
    public long UnknownImportance { get; init; }

    /// <summary>Normalised records produced (after every drop above, before duplicate resolution).</summary>
    public long RecordsNormalized { get; init; }

    /// <summary>The instances seen, as XDM paths <c>_&lt;tenant&gt;.CustomerAI.&lt;instance&gt;</c>, ordinal order.</summary>
    public IReadOnlyList<string> Instances { get; init; } = [];

    /// <summary>The scoring runs (run keys) seen across instances, ascending.</summary>
    public IReadOnlyList<DateOnly> Runs { get; init; } = [];

    /// <summary>
    /// The counters per run key, ascending (instances of one run together): what happened to the records once their run
    /// was known. Records dropped before that (no identity, no run, rejected) are only in the counters above. Filled by the
    /// JSON and Parquet loads; a table built from <see cref="Models.ScoreRecord"/>s (already normalised) fills only the
    /// duplicate counters.
    /// </summary>
    public IReadOnlyList<RunDiagnostics> PerRun { get; init; } = [];

    /// <summary>
    /// The runs that hold at least <paramref name="atLeast"/> (a fraction) fewer records than the run before them
    /// (<see cref="RunDiagnostics.RecordDropFromPrevious"/>): a partial export or a failed scoring run, worth a warning.
    /// </summary>
    /// <param name="atLeast">The smallest drop flagged, from 0 to 1; default 0.1 (10 % fewer).</param>
    /// <returns>The flagged runs, ascending; empty when none.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="atLeast"/> is NaN or outside [0, 1].</exception>
    public IReadOnlyList<RunDiagnostics> RunsWithRecordDrop(double atLeast = 0.1)
    {
        if (!(atLeast >= 0 && atLeast <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(atLeast), atLeast, "The drop is a fraction from 0 to 1 (0.1 for 10 % fewer records).");
        }

        return [.. PerRun.Where(r => r.RecordDropFromPrevious >= atLeast)];
    }

    /// <summary>Value equality: every count and every list (sources, skipped files, rejections, instances, runs, runs' counters) element by element.</summary>
    /// <param name="other">The diagnostics to compare with.</param>
    /// <returns><see langword="true"/> when every property is equal.</returns>
    public bool Equals(IngestDiagnostics? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && DocumentsRead == other.DocumentsRead
            && DocumentsWithoutScores == other.DocumentsWithoutScores
            && RecordsRead == other.RecordsRead
            && RecordsSkippedByFilter == other.RecordsSkippedByFilter
            && DocumentsRejected == other.DocumentsRejected
            && RecordsRejected == other.RecordsRejected
            && TimestampsWithoutOffset == other.TimestampsWithoutOffset
            && IdentityItemsWithoutId == other.IdentityItemsWithoutId
            && DroppedNoIdentity == other.DroppedNoIdentity
            && DroppedNoIdentityMap == other.DroppedNoIdentityMap
            && DroppedNoUsableId == other.DroppedNoUsableId
            && DroppedNoPrimary == other.DroppedNoPrimary
            && DroppedNoRun == other.DroppedNoRun
            && RunFromTimestamp == other.RunFromTimestamp
            && Duplicates == other.Duplicates
            && DuplicatesResolved == other.DuplicatesResolved
            && DuplicateGroups == other.DuplicateGroups
            && OutOfRange == other.OutOfRange
            && NullFromNaN == other.NullFromNaN
            && Clamped == other.Clamped
            && ExcludedOutOfRange == other.ExcludedOutOfRange
            && NullScores == other.NullScores
            && NullProbabilities == other.NullProbabilities
            && NullFactorLists == other.NullFactorLists
            && EmptyFactorLists == other.EmptyFactorLists
            && NullFactorCodes == other.NullFactorCodes
            && UnknownImportance == other.UnknownImportance
            && RecordsNormalized == other.RecordsNormalized
            && ValueEquality.SequenceEqual(Sources, other.Sources)
            && ValueEquality.SequenceEqual(SkippedFiles, other.SkippedFiles)
            && ValueEquality.SequenceEqual(Rejections, other.Rejections)
            && ValueEquality.SequenceEqual(Instances, other.Instances)
            && ValueEquality.SequenceEqual(Runs, other.Runs)
            && ValueEquality.SequenceEqual(PerRun, other.PerRun));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as IngestDiagnostics);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(RecordsRead, RecordsNormalized, DocumentsRead, Sources.Count);
}

/// <summary>Out-of-range counts per field.</summary>
/// <param name="Score">Scores outside 0–100, NaN or ±∞.</param>
/// <param name="Probability">Probabilities outside 0–1, NaN or ±∞.</param>
/// <param name="Percentile">Percentiles outside 1–100.</param>
public sealed record OutOfRangeCounts(long Score, long Probability, long Percentile)
{
    /// <summary>All zero.</summary>
    public static OutOfRangeCounts Zero { get; } = new(0, 0, 0);

    /// <summary>The sum of the three counts.</summary>
    public long Total => Score + Probability + Percentile;
}
