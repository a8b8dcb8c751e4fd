using System.Globalization;
using CaiScores.Segments;

namespace CaiScores.Overlaps;

/// <summary>
/// Settings of <see cref="Venn.Compute"/> and <see cref="SetIntersections.Compute"/>; each property states its default.
/// Immutable once built; validated when used, every problem reported in one message.
/// </summary>
public sealed record OverlapOptions
{
    /// <summary>
    /// The base: the persons the sets are taken within (the universe of the diagram). Every set is intersected with it,
    /// so counts, shares and the persons of each region are of base persons only, and <see cref="Venn.Outside"/> is the
    /// base persons in no set. Looks at the runs of <see cref="Range"/> (else every run), like the sets.
    /// </summary>
    /// <value>Default null: every person scored in a run of the scope (for the whole table, every person of the table) —
    /// CJA's People counted over the reporting window.</value>
    public Segment? Base { get; init; }

    /// <summary>
    /// The reporting window: only persons scored in a run whose score date is in it are counted, and conditions without a
    /// run of their own look at those runs only ("High in any run of January"). A condition given a run looks at that
    /// run even when it is outside the window (but still counts only persons scored inside it).
    /// </summary>
    /// <value>Default null: every run of the table. A window holding no run gives an empty base (all counts 0), not an error.</value>
    public DateRange? Range { get; init; }

    /// <summary>Threads to count on. Results are identical for any value (integer counts of fixed chunks).</summary>
    /// <value>Default 1 (the calling thread only); at least 1. The sets' segments are evaluated on the calling thread.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static OverlapOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid OverlapOptions: {string.Join("; ", errors)}.", "options");
        }
    }
}
