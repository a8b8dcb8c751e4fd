using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaiScores.Kernels;

/// <summary>Throws for the kernels, out of line so that the hot methods stay small.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void CountsLength(int expected, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Expected {expected} counters (one more than the edges), got {actual}."), "counts");
}
