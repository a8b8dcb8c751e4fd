namespace CaiScores.Ingest;

/// <summary>What to do with a score, probability or percentile outside its documented range, or NaN/±∞ (DOMAIN §7.2).</summary>
public enum OutOfRangePolicy
{
    /// <summary>
    /// Keep the value as read (default). CJA's open-ended first and last buckets absorb it, as they would in Workspace.
    /// NaN is not a number and becomes <see langword="null"/> ("No value"); ±∞ are kept.
    /// </summary>
    Keep = 0,

    /// <summary>Clamp to the range (score 0–100, probability 0–1, percentile 1–100); ±∞ clamp to the bound; NaN becomes null.</summary>
    Clamp = 1,

    /// <summary>Drop the whole record when any of its values is out of range, NaN or ±∞.</summary>
    Exclude = 2,
}

/// <summary>Which record survives when one person has several records for the same instance and run (DOMAIN §7.2).</summary>
public enum DuplicatePolicy
{
    /// <summary>Keep the record with the latest timestamp, then the one read last (default).</summary>
    LastWins = 0,

    /// <summary>Keep the record with the earliest timestamp, then the one read first.</summary>
    FirstWins = 1,

    /// <summary>Keep every record (CJA fidelity: every row is an event; People still counts each person once).</summary>
    KeepAll = 2,
}

/// <summary>What to do with a record that cannot be read faithfully (malformed JSON, a wrong type, an unparseable date).</summary>
public enum InvalidRecordPolicy
{
    /// <summary>Stop with a <see cref="CaiIngestException"/> naming the source, line and JSON path (default).</summary>
    Throw = 0,

    /// <summary>
    /// Skip the record, count it in <see cref="IngestDiagnostics.DocumentsRejected"/> (a document the reader could not read)
    /// or <see cref="IngestDiagnostics.RecordsRejected"/> (an instance record the normaliser could not), and keep the first
    /// problems in
    /// <see cref="IngestDiagnostics.Rejections"/>. Only possible where reading can resume (always in JSON Lines, where the
    /// next line starts afresh; in a JSON array a syntax error ends the input).
    /// </summary>
    Skip = 1,
}

/// <summary>The layout of a JSON input.</summary>
public enum JsonInputFormat
{
    /// <summary>Decide from the first non-blank character: <c>[</c> means a JSON array, anything else JSON Lines (default).</summary>
    Auto = 0,

    /// <summary>One JSON object per line (AEP's preferred single-line JSON batch form). Blank lines are ignored.</summary>
    JsonLines = 1,

    /// <summary>One JSON array of objects.</summary>
    JsonArray = 2,
}
