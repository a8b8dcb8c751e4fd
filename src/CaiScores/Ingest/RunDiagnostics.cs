namespace CaiScores.Ingest;

/// <summary>
/// What reading did to the records of one run key (all instances together): one entry of <see cref="IngestDiagnostics.PerRun"/>.
/// </summary>
/// <remarks>
/// Counted once a record's run is known, so records dropped before (no identity, no run, rejected) are not here.
/// <c>Records = Kept + ExcludedOutOfRange</c>; of the kept, <see cref="DuplicatesResolved"/> are later dropped as duplicates.
/// </remarks>
public sealed record RunDiagnostics
{
    /// <summary>The run key (score date).</summary>
    public DateOnly Run { get; init; }

    /// <summary>Records that reached this run: kept or excluded as out of range.</summary>
    public long Records { get; init; }

    /// <summary>Records kept by the normalisation (before duplicate resolution), as <see cref="IngestDiagnostics.RecordsNormalized"/>.</summary>
    public long Kept { get; init; }

    /// <summary>Records dropped by <see cref="OutOfRangePolicy.Exclude"/>.</summary>
    public long ExcludedOutOfRange { get; init; }

    /// <summary>Values outside their range, or NaN/±∞, per field.</summary>
    public OutOfRangeCounts OutOfRange { get; init; } = OutOfRangeCounts.Zero;

    /// <summary>Records kept with a null score.</summary>
    public long NullScores { get; init; }

    /// <summary>Records kept with a null probability.</summary>
    public long NullProbabilities { get; init; }

    /// <summary>Records that shared person, instance and this run with a record seen earlier.</summary>
    public long Duplicates { get; init; }

    /// <summary>Of <see cref="Duplicates"/>, records dropped by the duplicate policy.</summary>
    public long DuplicatesResolved { get; init; }

    /// <summary>The (person, instance) keys of this run that had more than one record.</summary>
    public long DuplicateGroups { get; init; }

    /// <summary>Records kept whose <c>influentialFactors</c> was absent or null.</summary>
    public long NullFactorLists { get; init; }

    /// <summary>Records kept whose <c>influentialFactors</c> was an empty list.</summary>
    public long EmptyFactorLists { get; init; }

    /// <summary>Factors of the records kept whose <c>code</c> was null.</summary>
    public long NullFactorCodes { get; init; }

    /// <summary>
    /// How many fewer records (<see cref="Records"/>) this run has than the run before it, as a fraction of that run's:
    /// <c>(previous.Records − Records) / previous.Records</c>, computed so that an exact tenth is 0.1 (negative when it has more); null for the first run or after a run of 0 records.
    /// </summary>
    public double? RecordDropFromPrevious { get; init; }
}
