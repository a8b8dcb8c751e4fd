using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CaiScores.Kernels;

/// <summary>Throws for the bucket-code and histogram kernels, out of line so that the hot methods stay small.</summary>
internal static class KernelThrow
{
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
}
