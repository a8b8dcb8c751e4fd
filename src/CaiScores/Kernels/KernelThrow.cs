using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaiScores.Kernels;

/// <summary>
/// Throws for every kernel, out of line so that the hot methods stay small: a kernel checks its spans and calls one of
/// these, which builds the message only when it throws.
/// </summary>
internal static class KernelThrow
{
    // Merging states (StateMerge).
    [DoesNotReturn]
    public static void LengthMismatch(string parameter, int expected, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} elements (a state of the same plan), got {actual}."), parameter);

    // Bitmaps and counters (BitmapKernels, CohortBitmaps, Selection.AtLeast, BucketCounter, ValueMoments).
    [DoesNotReturn]
    public static void CountsLength(int expected, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} counters (one more than the edges), got {actual}."), "counts");

    [DoesNotReturn]
    public static void BitmapTooShort(int expectedWords, int actualWords) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The bitmap needs {expectedWords} words, got {actualWords}."), "destination");

    [DoesNotReturn]
    public static void BitmapLengths(int left, int right, int destination) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Bitmaps of {left} and {right} words into {destination}: the operands must have the same length and the destination at least that."), "destination");

    // Byte codes (BucketCodes, HistogramCodes, ByteCodes).
    [DoesNotReturn]
    public static void PlanesTooShort(int codes, int planeCount, int stride, int planes) =>
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"{codes} codes into {planeCount} planes of {stride} words need at most {stride * 64} codes and {planeCount * stride} words; got {planes} words."),
            "planes");

    [DoesNotReturn]
    public static void CodesTooShort(int values, int codes) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{values} values need {values} codes; got {codes}."), "codes");

    [DoesNotReturn]
    public static void TooManyEdges(int edges, int max) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Need 1 to {max} edges (a bucket per byte code); got {edges}."), "edges");

    [DoesNotReturn]
    public static void NotUniform() =>
        throw new ArgumentException("The arithmetic method needs evenly spaced edges (see BucketCodes.TryUniform).", "edges");

    [DoesNotReturn]
    public static void BadLayout(string problem) => throw new ArgumentException(problem, "layout");

    // Grouped aggregation (GroupedBucketAggregator).
    [DoesNotReturn]
    public static void GroupedShapes() =>
        throw new ArgumentException("The grouped aggregation's spans disagree: bitmaps need a word per 64 rows, groups and second values a slot per row, accumulators one slot per key.");

    // Factor counting (FactorCounter, FactorTally, ValueTally).
    [DoesNotReturn]
    public static void TooManyGroupEdges(int edges) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"At most {FactorCounter.MaxEdges} edges (32 groups); got {edges}."), "edges");

    [DoesNotReturn]
    public static void GroupsTooShort(int values, int groups) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected at least {values} group bytes (one per value), got {groups}."), "groups");

    [DoesNotReturn]
    public static void BadRange(int first, int count) =>
        throw new ArgumentOutOfRangeException(nameof(count), string.Create(CultureInfo.InvariantCulture, $"Items {first} + {count}: both must be non-negative."));

    [DoesNotReturn]
    public static void RowsTooShort(int first, int count, int groups, int offsets) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Items {first} + {count} need {count} group bytes and {first + count + 1} offsets; a row set has {groups} and {offsets}."), "rows");

    [DoesNotReturn]
    public static void BadSelection(int selection, int cells) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Counting values in the same walk needs dense value tallies and a selection entry per cell ({cells}); got {selection}."), "selection");

    [DoesNotReturn]
    public static void BadTallyShape(int groups, int slots) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A tally of {groups} × {slots} cells does not fit (groups 1…32, slots ≥ 1, and the same shape to merge)."), "tally");

    // Selection (DoubleSelector, Int16Selector).
    [DoesNotReturn]
    public static void Rank(long rank, long valid) =>
        throw new ArgumentOutOfRangeException(nameof(rank), rank, string.Create(CultureInfo.InvariantCulture, $"A rank is 1 (the largest) to {valid} (the number of valid values that are numbers)."));

    [DoesNotReturn]
    public static void ResultsLength(int expected, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} results (one per rank), got {actual}."), "results");
}
