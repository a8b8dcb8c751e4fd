using System.Numerics;

namespace CaiScores.Overlaps;

/// <summary>
/// One area of an overlap: the persons in a combination of sets, either exclusively (in those sets and in no other — a
/// Venn region, an UpSet bar) or inclusively (in those sets, whatever else — a Venn intersection, or a set itself).
/// </summary>
/// <param name="Members">The combination as a bit mask: bit <c>i</c> set when the <c>i</c>-th set (in the order given) is one of them.</param>
/// <param name="Names">The names of the sets of the combination, in the order the sets were given.</param>
/// <param name="Exclusive">True for an exclusive region (in these sets and no other), false for an inclusive intersection.</param>
/// <param name="Count">People: the distinct base persons in the area.</param>
/// <param name="ShareOfUnion"><see cref="Count"/> over the persons in at least one set; 0 when no one is.</param>
/// <param name="ShareOfBase"><see cref="Count"/> over the base persons (see <see cref="OverlapOptions.Base"/>); 0 when the base is empty.</param>
public sealed record OverlapRegion(int Members, IReadOnlyList<string> Names, bool Exclusive, long Count, double ShareOfUnion, double ShareOfBase)
{
    /// <summary>How many sets the combination has (1 for a set or an "only" region).</summary>
    public int Degree => BitOperations.PopCount((uint)Members);

    /// <summary>The area in words: <c>A ∩ B</c> (inclusive), <c>A ∩ B only</c> (exclusive), <c>A</c> or <c>A only</c>.</summary>
    public string Label => string.Join(" ∩ ", Names) + (Exclusive ? " only" : string.Empty);

    /// <inheritdoc />
    public override string ToString() => $"{Label}: {Count:N0}";
}
