namespace CaiScores.Benchmarks.Guard;

/// <summary>
/// Marks a benchmark method as a kernel the guard (<c>-- guard</c>) checks against its class's <c>Baseline</c>: at the
/// guard's size (1,000,000 rows) the kernel's median must be at least <see cref="MinSpeedup"/> times faster than the
/// baseline's, measured in the same process, and it may allocate at most <paramref name="maxAllocatedBytes"/> per operation.
/// </summary>
/// <param name="maxAllocatedBytes">
/// The allocation budget per operation at the guard's size, in bytes: the measured allocation with some room (a result
/// object, per-chunk states), far below one allocation per row, so a kernel that starts allocating per row fails.
/// </param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class GuardedAttribute(long maxAllocatedBytes) : Attribute
{
    /// <summary>The speedup the issue asks of every kernel against its naive baseline.</summary>
    public const double DefaultMinSpeedup = 3;

    /// <summary>Gets the allocation budget per operation at the guard's size, in bytes.</summary>
    public long MaxAllocatedBytes { get; } = maxAllocatedBytes;

    /// <summary>
    /// Gets or sets the least speedup over the baseline (baseline median / kernel median). Default
    /// <see cref="DefaultMinSpeedup"/>; a lower one needs <see cref="Why"/>.
    /// </summary>
    public double MinSpeedup { get; set; } = DefaultMinSpeedup;

    /// <summary>Gets or sets why this kernel's <see cref="MinSpeedup"/> is below the default (shown in the guard's table).</summary>
    public string? Why { get; set; }

    /// <summary>
    /// Gets or sets whether this is the guard's canary: a kernel built to fail both checks, which the guard requires to
    /// fail (so a guard that cannot fail fails).
    /// </summary>
    public bool Canary { get; set; }
}
