using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Overlaps;

/// <summary>
/// CJA's Venn visualisation: 1 to 3 sets (filters) and the People metric — each set's size, every exclusive region
/// (<c>A only</c>, <c>A ∩ B only</c> …), every inclusive intersection (<c>A ∩ B</c>, whatever C), the union and the
/// base persons in no set. The persons of any area are available as a <see cref="PersonSet"/> or a <see cref="Segment"/>.
/// </summary>
/// <remarks>
/// <para>A set is a segment (e.g. "High in run 1" = <c>Segment.InBucket(BucketScheme.Cai, "High", run1)</c>, or "High in any
/// run of the range" without a run) taken within the base: by default every person scored in a run of the scope
/// (<see cref="OverlapOptions.Range"/>, else the whole table). Counts are People — distinct persons, each in exactly one
/// region. A person with a null or NaN score is in no score bucket, so in no bucket set; a person not scored in a run is
/// in no set of that run, and a person not scored anywhere in the scope is not counted at all.</para>
/// <para>A set that is empty is allowed: it counts 0 and its regions are empty. Regions partition the union
/// (<c>Σ Regions = Union</c>) and an intersection is the sum of the regions containing it.</para>
/// <para>Cost: the segments' evaluation (one pass per condition over the run columns), then one pass over the set
/// bitmaps counting the regions as popcounts of word combinations (<c>a &amp; b &amp; ~c</c> …); no per-person work.</para>
/// </remarks>
public sealed class Venn
{
    /// <summary>The most sets a Venn shows (CJA's limit: up to 3 filters).</summary>
    public const int MaxSets = 3;

    private readonly OverlapData _data;

    /// <summary>
    /// The one way a <see cref="Venn"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal Venn(OverlapData data)
    {
        _data = data;
        Sets = data.SetRows();
        var exclusive = new List<OverlapRegion>();
        var inclusive = new List<OverlapRegion>();
        foreach (var members in Combinations(data.SetCount))
        {
            exclusive.Add(data.Row(members, exclusive: true));
            if (System.Numerics.BitOperations.PopCount((uint)members) > 1)
            {
                inclusive.Add(data.Row(members, exclusive: false));
            }
        }

        Regions = exclusive;
        Intersections = inclusive;
    }

    /// <summary>The sets' names, in the order given.</summary>
    public IReadOnlyList<string> Names => _data.Names;

    /// <summary>Each set's size (its base persons), in the order given: inclusive rows of degree 1.</summary>
    public IReadOnlyList<OverlapRegion> Sets { get; }

    /// <summary>
    /// Every exclusive region (the persons in these sets and in no other), empty ones included: 1, 3 or 7 rows, by degree
    /// and then in the order the sets were given (<c>A only, B only, C only, A ∩ B only, A ∩ C only, B ∩ C only, A ∩ B ∩ C</c>).
    /// </summary>
    public IReadOnlyList<OverlapRegion> Regions { get; }

    /// <summary>
    /// Every inclusive intersection of two or more sets (the persons in all of them, whatever else), in the same order:
    /// none for one set, <c>A ∩ B</c> for two, <c>A ∩ B, A ∩ C, B ∩ C, A ∩ B ∩ C</c> for three.
    /// </summary>
    public IReadOnlyList<OverlapRegion> Intersections { get; }

    /// <summary>Base persons in at least one set (the sum of <see cref="Regions"/>).</summary>
    public long Union => _data.Union;

    /// <summary>Base persons in no set (<see cref="BaseCount"/> − <see cref="Union"/>).</summary>
    public long Outside => _data.Outside;

    /// <summary>The base persons: scored in a run of the scope and in <see cref="OverlapOptions.Base"/>.</summary>
    public long BaseCount => _data.BaseCount;

    /// <summary>The score dates of the runs in the scope, ascending.</summary>
    public IReadOnlyList<DateOnly> Runs => _data.Runs;

    /// <summary>The reporting window asked for, or null for the whole table.</summary>
    public DateRange? Range => _data.Range;

    /// <summary>The diagnostics of the table the Venn was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics => _data.Diagnostics;

    /// <summary>Computes a Venn of 1 to 3 sets.</summary>
    /// <param name="table">The table.</param>
    /// <param name="sets">1 to <see cref="MaxSets"/> sets with distinct names.</param>
    /// <param name="options">The base, the window and the threads; default every person of the table, one thread.</param>
    /// <returns>The Venn.</returns>
    /// <exception cref="ArgumentException">No set, more than 3, a null set, a set without a name or a segment, or two with the
    /// same name (parameter <c>sets</c>; the message lists every problem); invalid options (parameter <c>options</c>); a
    /// segment names a run, bucket or attribute the table does not have.</exception>
    public static Venn Compute(ScoreTable table, IReadOnlyList<OverlapSet> sets, OverlapOptions? options = null) =>
        new(OverlapData.Compute(table, sets, options, MaxSets, nameof(Venn)));

    /// <summary>The base persons of a region, an intersection or a set of this Venn.</summary>
    /// <param name="region">One of <see cref="Regions"/>, <see cref="Intersections"/> or <see cref="Sets"/>.</param>
    /// <returns>The persons, over the table's person index (<see cref="PersonSet.GetIds"/> gives their ids).</returns>
    /// <exception cref="ArgumentException">The region's <see cref="OverlapRegion.Members"/> is not a combination of these sets.</exception>
    public PersonSet GetPersons(OverlapRegion region) => _data.Persons(region, nameof(region));

    /// <summary>The persons of a region, an intersection or a set as a segment, to filter any other analysis of the table.</summary>
    /// <param name="region">One of <see cref="Regions"/>, <see cref="Intersections"/> or <see cref="Sets"/>.</param>
    /// <returns><c>Segment.Of(GetPersons(region))</c>.</returns>
    public Segment ToSegment(OverlapRegion region) => Segment.Of(GetPersons(region));

    /// <summary>The base persons in at least one set.</summary>
    /// <returns>A set of <see cref="Union"/> persons.</returns>
    public PersonSet GetUnion() => _data.UnionPersons();

    /// <summary>The base persons in no set.</summary>
    /// <returns>A set of <see cref="Outside"/> persons.</returns>
    public PersonSet GetOutside() => _data.Universe.AndNot(_data.UnionPersons());

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Venn of {string.Join(", ", Names)}: union {Union:N0} of {BaseCount:N0} persons; {string.Join(", ", Regions)}");

    /// <summary>The combinations of <paramref name="sets"/> sets, by degree then in set order.</summary>
    internal static int[] Combinations(int sets)
    {
        var all = Enumerable.Range(1, (1 << sets) - 1).ToArray();
        Array.Sort(all, OverlapData.CompareMembers);
        return all;
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
