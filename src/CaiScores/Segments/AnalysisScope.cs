using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.Segments;

/// <summary>
/// What an analysis looks at: the runs <c>[FromRun, ToRun)</c> of a table inside its date range, and the persons of its
/// segment (null filter = everyone). Analyses mask every column with <see cref="Mask"/> so that a kernel sees only the
/// persons who matched.
/// </summary>
internal sealed class AnalysisScope
{
    private AnalysisScope(ScoreTable table, int fromRun, int toRun, PersonSet? filter)
    {
        Table = table;
        FromRun = fromRun;
        ToRun = toRun;
        Filter = filter;
    }

    public ScoreTable Table { get; }

    public int FromRun { get; }

    public int ToRun { get; }

    public int RunCount => ToRun - FromRun;

    public int Persons => Table.Persons.Count;

    /// <summary>The persons of the segment, or null for everyone.</summary>
    public PersonSet? Filter { get; }

    /// <summary>The runs whose score date is in <paramref name="range"/> (all when null), and the segment evaluated on them.</summary>
    public static AnalysisScope Create(ScoreTable table, DateRange? range, Segment? segment)
    {
        ArgumentNullException.ThrowIfNull(table);
        var from = 0;
        var to = table.Runs.Count;
        if (range is not null)
        {
            while (from < to && table.Runs[from].ScoreDate < range.Start)
            {
                from++;
            }

            while (to > from && table.Runs[to - 1].ScoreDate >= range.End)
            {
                to--;
            }
        }

        return new AnalysisScope(table, from, to, segment?.Evaluate(new SegmentScope(table, from, to)));
    }

    /// <summary>
    /// One run, and the segment evaluated on the whole table: an analysis of one run has the whole table as its reporting
    /// window (as a CJA report of one <c>scoreDate</c> item inside a wider date range), so a condition without a run of its
    /// own looks at every run. Analyses with a date range use <see cref="Create"/>.
    /// </summary>
    public static AnalysisScope ForRun(ScoreTable table, int run, Segment? segment) =>
        new(table, run, run + 1, segment?.Evaluate(new SegmentScope(table, 0, table.Runs.Count)));

    /// <summary>
    /// <paramref name="bitmap"/> (an Arrow bitmap of the table's persons) AND the segment; the bitmap's
    /// own words when there is no segment and it is long enough (no copy).
    /// </summary>
    public ReadOnlySpan<byte> Mask(ReadOnlySpan<byte> bitmap)
    {
        if (Filter is null)
        {
            return bitmap;
        }

        var words = new ulong[BitmapKernels.WordLength(Persons)];
        Words.CopyBitmap(words, bitmap, Persons);
        BitmapKernels.And(words, Filter.Words, words);
        return System.Runtime.InteropServices.MemoryMarshal.AsBytes(words.AsSpan())[..Bitmaps.ByteLength(Persons)];
    }
}
