using CaiScores.Overlaps;

namespace CaiScores.Output;

/// <summary>How overlaps of sets are shown: a Venn diagram, or the intersections of many sets (UpSet), from the same region tables.</summary>
internal static class OverlapViews
{
    /// <summary>The Venn: regions, sets, intersections and totals, drawn as a Venn diagram.</summary>
    public static readonly ResultView<Venn> Venn = new(Tables, v => [SvgCharts.Venn(v)]);

    /// <summary>The intersections: the non-empty regions, the sets and the totals, drawn as an UpSet plot.</summary>
    public static readonly ResultView<SetIntersections> Intersections = new(Tables, i => [SvgCharts.Intersections(i)]);

    private static IReadOnlyList<ResultTable> Tables(Venn venn)
    {
        var title = $"Venn of {string.Join(", ", venn.Names)}";
        return
        [
            Regions("venn-regions", title + ": regions", venn.Regions),
            Regions("venn-sets", title + ": sets", venn.Sets),
            Regions("venn-intersections", title + ": intersections", venn.Intersections),
            OverlapTotals("venn-totals", title + ": totals", venn.Union, venn.Outside, venn.BaseCount, venn.Runs),
        ];
    }

    private static IReadOnlyList<ResultTable> Tables(SetIntersections intersections)
    {
        var title = $"Intersections of {intersections.Names.Count} sets";
        return
        [
            Regions("intersections", title, intersections.Regions),
            Regions("intersection-sets", title + ": sets", intersections.Sets),
            OverlapTotals("intersection-totals", title + ": totals", intersections.Union, intersections.Outside, intersections.BaseCount, intersections.Runs),
        ];
    }

    private static ResultTable Regions(string name, string title, IReadOnlyList<OverlapRegion> regions) =>
        new TableBuilder<OverlapRegion>(name, title, regions)
            .String("label", r => r.Label, "The area in words: A ∩ B (inclusive) or A ∩ B only (exclusive)")
            .Int64("members", r => r.Members, "The sets as a bit mask: bit i for the i-th set given")
            .Int64("degree", r => r.Degree, "How many sets")
            .Boolean("exclusive", r => r.Exclusive, "True for persons in these sets and no other, false for these sets whatever else")
            .Int64("count", r => r.Count, "Distinct base persons in the area")
            .Share("shareOfUnion", r => r.ShareOfUnion, "count over the persons in at least one set")
            .Share("shareOfBase", r => r.ShareOfBase, "count over the base persons")
            .Build();

    private static ResultTable OverlapTotals(string name, string title, long union, long outside, long baseCount, IReadOnlyList<DateOnly> runs)
    {
        int[] one = [0];
        return new TableBuilder<int>(name, title, one)
            .Date("firstRun", _ => runs.Count > 0 ? runs[0] : null, "The first run looked at")
            .Date("lastRun", _ => runs.Count > 0 ? runs[^1] : null, "The last run looked at")
            .Int64("union", _ => union, "Base persons in at least one set")
            .Int64("outside", _ => outside, "Base persons in no set")
            .Int64("baseCount", _ => baseCount, "Base persons")
            .Build();
    }
}
