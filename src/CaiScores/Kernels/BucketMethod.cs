namespace CaiScores.Kernels;

/// <summary>How <see cref="BucketCodes"/> finds a value's bucket.</summary>
internal enum BucketMethod
{
    /// <summary>Arithmetic when the edges are evenly spaced (<see cref="BucketCodes.TryUniform"/>), else compares.</summary>
    Auto = 0,

    /// <summary>One compare per edge, the true ones summed: bucket = number of edges at or below the value.</summary>
    Compares = 1,

    /// <summary><c>floor((v − first) / step) + 1</c>, clamped, then corrected by one compare with each neighbouring edge.</summary>
    Arithmetic = 2,
}
