using CaiScores.Ingest;

namespace CaiScores.Columnar;

/// <summary>What a <see cref="ScoreTable"/> was built from and what it holds (DOMAIN §7.5); carried into every analysis result.</summary>
public sealed record ScoreTableDiagnostics
{
    /// <summary>What reading and normalising the input did (shared by the tables of one load).</summary>
    public IngestDiagnostics Ingest { get; init; } = IngestDiagnostics.Empty;

    /// <summary>Persons in the table's person index.</summary>
    public int Persons { get; init; }

    /// <summary>Score rows stored (persons scored, summed over runs).</summary>
    public long ScoreRows { get; init; }

    /// <summary>Persons scored in exactly one run.</summary>
    public long PersonsInOneRunOnly { get; init; }

    /// <summary>Per run (in run order), the persons of the index not scored in it.</summary>
    public IReadOnlyList<long> PersonsMissingFromRun { get; init; } = [];

    /// <summary>Records whose <c>modelType</c> differed from the first one of their run (the run keeps the first).</summary>
    public long ModelTypeConflicts { get; init; }

    /// <summary>Attribute rows read and joined, and the ones that matched no person (set by <see cref="ScoreTable.WithAttributes"/>).</summary>
    public AttributeDiagnostics Attributes { get; init; } = AttributeDiagnostics.None;

    /// <inheritdoc />
    public bool Equals(ScoreTableDiagnostics? other) =>
        other is not null
        && Persons == other.Persons
        && ScoreRows == other.ScoreRows
        && PersonsInOneRunOnly == other.PersonsInOneRunOnly
        && PersonsMissingFromRun.SequenceEqual(other.PersonsMissingFromRun)
        && ModelTypeConflicts == other.ModelTypeConflicts
        && Attributes == other.Attributes
        && Ingest.Equals(other.Ingest);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Persons, ScoreRows, PersonsInOneRunOnly);

    internal static ScoreTableDiagnostics Compute(IngestDiagnostics ingest, int persons, IReadOnlyList<ScoreRun> runs, long modelTypeConflicts)
    {
        var missing = new long[runs.Count];
        long rows = 0;
        for (var r = 0; r < runs.Count; r++)
        {
            rows += runs[r].PresentCount;
            missing[r] = persons - runs[r].PresentCount;
        }

        // Persons in exactly one run: "seen once" minus "seen twice or more", word by word over the presence bitmaps.
        var words = (persons + 63) / 64;
        var once = new ulong[words];
        var twice = new ulong[words];
        foreach (var run in runs)
        {
            var presence = run.Presence;
            for (var w = 0; w < words; w++)
            {
                var bits = ReadWord(presence, w);
                twice[w] |= once[w] & bits;
                once[w] |= bits;
            }
        }

        long onlyOnce = 0;
        for (var w = 0; w < words; w++)
        {
            onlyOnce += System.Numerics.BitOperations.PopCount(once[w] & ~twice[w]);
        }

        return new ScoreTableDiagnostics
        {
            Ingest = ingest,
            Persons = persons,
            ScoreRows = rows,
            PersonsInOneRunOnly = onlyOnce,
            PersonsMissingFromRun = missing,
            ModelTypeConflicts = modelTypeConflicts,
        };
    }

    private static ulong ReadWord(ReadOnlySpan<byte> bitmap, int word)
    {
        var start = word * 8;
        if (start + 8 <= bitmap.Length)
        {
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bitmap[start..]);
        }

        ulong value = 0;
        for (var i = start; i < bitmap.Length; i++)
        {
            value |= (ulong)bitmap[i] << (8 * (i - start));
        }

        return value;
    }
}

/// <summary>What joining person attributes did.</summary>
/// <param name="RowsRead">Attribute rows read (one per person, attribute and date).</param>
/// <param name="RowsUnmatched">Rows whose person is not in the table (ignored).</param>
/// <param name="RowsReplaced">Rows that repeated a person, attribute and date seen before (the later one is kept).</param>
/// <param name="UnmatchedSamples">The first unmatched person ids (at most 10).</param>
public sealed record AttributeDiagnostics(long RowsRead, long RowsUnmatched, long RowsReplaced, IReadOnlyList<string> UnmatchedSamples)
{
    /// <summary>No attributes joined.</summary>
    public static AttributeDiagnostics None { get; } = new(0, 0, 0, []);

    /// <inheritdoc />
    public bool Equals(AttributeDiagnostics? other) =>
        other is not null && RowsRead == other.RowsRead && RowsUnmatched == other.RowsUnmatched && RowsReplaced == other.RowsReplaced
        && UnmatchedSamples.SequenceEqual(other.UnmatchedSamples);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RowsRead, RowsUnmatched, RowsReplaced);
}
