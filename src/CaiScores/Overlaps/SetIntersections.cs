using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Overlaps;

/// <summary>
/// The intersections of up to 16 sets, as an UpSet plot shows them: each set's size and every non-empty exclusive
/// region (the persons in exactly that combination of sets), largest first. What a Venn does for three sets, for more.
/// </summary>
/// <remarks>
/// <para>Sets, base and People are as in <see cref="Venn"/>: a set is a segment taken within the base persons (by default
/// everyone scored in a run of the scope), and each base person in some set is in exactly one region. Empty sets are
/// allowed (count 0, in no region). Over the same sets the regions are the non-empty <see cref="Venn.Regions"/>.</para>
/// <para>Order of <see cref="Regions"/>: <see cref="OverlapRegion.Count"/> descending; ties by degree ascending (fewer
/// sets first), then by the sets in the order given (<c>{A, B}</c> before <c>{A, C}</c> before <c>{B, C}</c>). So the
/// order is deterministic and does not depend on the data's layout.</para>
/// <para>Cost: the segments' evaluation, then one pass over the set bitmaps that builds each person's membership mask
/// eight persons at a time (a bit transposition by table lookups) and counts the masks; words and bytes in no set are
/// skipped. A combination's inclusive count is the sum of the regions containing it (<see cref="CountInAll"/>).</para>
/// </remarks>
public sealed class SetIntersections
{
    /// <summary>The most sets (a membership mask is 16 bits).</summary>
    public const int MaxSets = 16;

    private readonly OverlapData _data;

    /// <summary>
    /// The one way a <see cref="SetIntersections"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal SetIntersections(OverlapData data)
    {
        _data = data;
        Sets = data.SetRows();
        var regions = new List<OverlapRegion>();
        foreach (var members in data.NonEmpty)
        {
            regions.Add(data.Row(members, exclusive: true));
        }

        regions.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : OverlapData.CompareMembers(a.Members, b.Members));
        Regions = regions;
    }

    /// <summary>The sets' names, in the order given.</summary>
    public IReadOnlyList<string> Names => _data.Names;

    /// <summary>Each set's size (its base persons), in the order given: inclusive rows of degree 1.</summary>
    public IReadOnlyList<OverlapRegion> Sets { get; }

    /// <summary>Every non-empty exclusive region, largest first (ties: fewer sets first, then in set order).</summary>
    public IReadOnlyList<OverlapRegion> Regions { get; }

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

    /// <summary>The diagnostics of the table the intersections were computed on.</summary>
    public ScoreTableDiagnostics Diagnostics => _data.Diagnostics;

    /// <summary>Computes the intersections of 1 to 16 sets.</summary>
    /// <param name="table">The table.</param>
    /// <param name="sets">1 to <see cref="MaxSets"/> sets with distinct names.</param>
    /// <param name="options">The base, the window and the threads; default every person of the table, one thread.</param>
    /// <returns>The intersections.</returns>
    /// <exception cref="ArgumentException">No set, more than 16, a null set, a set without a name or a segment, or two with
    /// the same name (parameter <c>sets</c>; the message lists every problem); invalid options (parameter <c>options</c>);
    /// a segment names a run, bucket or attribute the table does not have.</exception>
    public static SetIntersections Compute(ScoreTable table, IReadOnlyList<OverlapSet> sets, OverlapOptions? options = null) =>
        new(OverlapData.Compute(table, sets, options, MaxSets, nameof(SetIntersections)));

    /// <summary>Base persons in every one of the named sets, whatever else (an inclusive intersection).</summary>
    /// <param name="names">One or more set names (ordinal).</param>
    /// <returns>The sum of the regions whose sets include all of them.</returns>
    /// <exception cref="ArgumentException">No name, or a name that is not one of the sets.</exception>
    public long CountInAll(params IEnumerable<string> names) => _data.Inclusive(MembersOf(names));

    /// <summary>The base persons of a region or a set of these intersections.</summary>
    /// <param name="region">One of <see cref="Regions"/> or <see cref="Sets"/>.</param>
    /// <returns>The persons, over the table's person index.</returns>
    /// <exception cref="ArgumentException">The region's <see cref="OverlapRegion.Members"/> is not a combination of these sets.</exception>
    public PersonSet GetPersons(OverlapRegion region) => _data.Persons(region, nameof(region));

    /// <summary>The persons of a region or a set as a segment, to filter any other analysis of the table.</summary>
    /// <param name="region">One of <see cref="Regions"/> or <see cref="Sets"/>.</param>
    /// <returns><c>Segment.Of(GetPersons(region))</c>.</returns>
    public Segment ToSegment(OverlapRegion region) => Segment.Of(GetPersons(region));

    /// <summary>The base persons in at least one set.</summary>
    /// <returns>A set of <see cref="Union"/> persons.</returns>
    public PersonSet GetUnion() => _data.UnionPersons();

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Intersections of {Names.Count} sets: {Regions.Count} non-empty regions, union {Union:N0} of {BaseCount:N0} persons");

    private int MembersOf(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var members = 0;
        foreach (var name in names)
        {
            var index = Names.Count - 1;
            while (index >= 0 && !string.Equals(Names[index], name, StringComparison.Ordinal))
            {
                index--;
            }

            if (index < 0)
            {
                throw new ArgumentException($"'{name}' is not one of the sets ({string.Join(", ", Names)}).", nameof(names));
            }

            members |= 1 << index;
        }

        return members != 0 ? members : throw new ArgumentException("Name at least one set.", nameof(names));
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
