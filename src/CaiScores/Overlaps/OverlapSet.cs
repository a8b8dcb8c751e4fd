using CaiScores.Segments;

namespace CaiScores.Overlaps;

/// <summary>
/// One set of a <see cref="Venn"/> or of <see cref="SetIntersections"/>: a segment (a person-level filter, one of CJA's Venn
/// filters) and the name it is shown under, e.g. <c>new OverlapSet("High in run 1", Segment.InBucket(BucketScheme.Cai, "High", run1))</c>.
/// </summary>
/// <param name="Name">The name the set is shown and looked up under: not empty, unique among the sets of one overlap (ordinal).</param>
/// <param name="Segment">The persons of the set. A segment without a run of its own looks at every run of the overlap's
/// scope (<see cref="OverlapOptions.Range"/>, else the whole table); use <see cref="Segment.Of"/> for a set already evaluated.</param>
public sealed record OverlapSet(string Name, Segment Segment);
