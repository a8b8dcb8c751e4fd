using System.Globalization;
using CaiScores.Overlaps;

namespace CaiScores.Output;

public static partial class SvgCharts
{
    /// <summary>
    /// The Venn as an area-proportional diagram: a translucent circle per set whose area is proportional to the set's
    /// People, placed so that each pair's overlap is (approximately) proportional to the pair's People in common; each region
    /// labelled with its count, and beside the diagram the sets (lettered A, B, C) and a table of every region with the
    /// union and the base persons in no set.
    /// </summary>
    /// <param name="venn">The result to draw.</param>
    /// <param name="options">Size and title; null for the defaults. The drawing grows taller than
    /// <see cref="ChartOptions.Height"/> when the table beside it needs the room, and wider than
    /// <see cref="ChartOptions.Width"/> when the diagram would have less than 200 pixels beside the table.</param>
    /// <returns>An <c>&lt;svg&gt;</c> document.</returns>
    /// <remarks>
    /// <para><b>Geometry.</b> Radii are √(size / largest size) on one scale, so areas are exactly proportional. Two circles
    /// are placed at the centre distance whose lens area is their intersection (found by bisection; the lens shrinks as the
    /// distance grows). With three sets the first two are placed so, and the third at its two distances to them; when no
    /// triangle has those sides (a set overlapping two disjoint sets, say) the third goes where its two overlap areas are
    /// missed least (the sum of the squared misses, each over the smaller circle's area), so they are then approximate. The three-way region is not fitted: it is whatever the pairwise layout gives.
    /// A set inside another is drawn inside it; disjoint sets apart with a small gap; equal sets as one circle over another;
    /// an empty set is not drawn (it is listed with 0 people).</para>
    /// <para><b>Labels.</b> A region's count is drawn at its most open point when the circles show the region with room for
    /// it; every region is listed in the table whatever the circles show. Tooltips (CJA's hover) give a region's people,
    /// its share of the union and of the base; a set's people and share of the base. Circles take the Okabe–Ito blue,
    /// orange and reddish purple, which stay distinguishable with the common colour-vision deficiencies.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="venn"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="options"/> is invalid (the message lists every problem).</exception>
    public static string Venn(Venn venn, ChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(venn);
        options = ChartOptions.Validate(options);
        var sets = venn.Names.Count;
        var pairs = new long[sets, sets];
        foreach (var intersection in venn.Intersections.Where(r => r.Degree == 2))
        {
            var members = Enumerable.Range(0, sets).Where(i => (intersection.Members & (1 << i)) != 0).ToArray();
            pairs[members[0], members[1]] = pairs[members[1], members[0]] = intersection.Count;
        }

        string Letters(int members, bool exclusive)
        {
            var letters = string.Join(" ∩ ", Enumerable.Range(0, sets).Where(i => (members & (1 << i)) != 0).Select(VennDiagram.Letter));
            return exclusive && System.Numerics.BitOperations.PopCount((uint)members) < sets ? $"{letters} only" : letters;
        }

        static string Share(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);
        static string People(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
        var union = People(venn.Union);
        var regions = venn.Regions.Select(r => new VennRegion(
            r.Members,
            Letters(r.Members, exclusive: true),
            r.Count,
            $"{r.Label}: {People(r.Count)} people ({Share(r.ShareOfUnion)} of the union, {union}; {Share(r.ShareOfBase)} of the base)")).ToList();
        return new VennDiagram
        {
            Title = options.Title ?? $"People in {(sets == 1 ? "one set" : $"{sets} sets")} and their overlaps, {Runs(venn.Runs, venn.Range)}",
            Names = venn.Names,
            Sizes = [.. venn.Sets.Select(s => s.Count)],
            Pairs = pairs,
            Colors = [.. Enumerable.Range(0, sets).Select(i => ChartPalette.Category(i == 2 ? 3 : i))],
            SetTooltips = [.. venn.Sets.Select((s, i) => $"{VennDiagram.Letter(i)}: {s.Label}: {People(s.Count)} people ({Share(s.ShareOfBase)} of the base, {People(venn.BaseCount)})")],
            Regions = regions,
            Union = venn.Union,
            Totals =
            [
                ("Union (in any set)", venn.Union, $"In at least one set: {union} people ({Share(venn.BaseCount == 0 ? 0 : (double)venn.Union / venn.BaseCount)} of the base, {People(venn.BaseCount)})"),
                ("In no set", venn.Outside, $"In the base but in no set: {People(venn.Outside)} people ({Share(venn.BaseCount == 0 ? 0 : (double)venn.Outside / venn.BaseCount)} of the base, {People(venn.BaseCount)})"),
            ],
            EmptyMessage = venn.BaseCount == 0 ? "No person in the base" : "No person is in any set",
        }.Render(options);
    }
}
