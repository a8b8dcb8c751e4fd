using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaiScores.Kernels;

/// <summary>Throws for the kernels, out of line so that the hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void CountsLength(int expected, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} counters (one more than the edges), got {actual}."), "counts");

    [DoesNotReturn]
    public static void BitmapTooShort(int expectedWords, int actualWords) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The bitmap needs {expectedWords} words, got {actualWords}."), "destination");

    [DoesNotReturn]
    public static void BitmapLengths(int left, int right, int destination) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Bitmaps of {left} and {right} words into {destination}: the operands must have the same length and the destination at least that."), "destination");

    [DoesNotReturn]
    public static void GroupedShapes() =>
        throw new ArgumentException("The grouped aggregation's spans disagree: bitmaps need a word per 64 rows, groups and second values a slot per row, accumulators one slot per key.");
}
