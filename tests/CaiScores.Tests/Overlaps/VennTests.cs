using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Overlaps;

public sealed class VennTests
{
    private static readonly DateOnly Run1 = OverlapRecords.Day0;
    private static readonly DateOnly Run2 = OverlapRecords.Day0.AddDays(7);

    /// <summary>Six persons over two runs (null = scored without a value, absent = not scored in the run).</summary>
    private static readonly ScoreTable Small = OverlapRecords.Table(
    [
        Row("a", Run1, 80), Row("a", Run2, 90),
        Row("b", Run1, 80), Row("b", Run2, 50),
        Row("c", Run1, 10), Row("c", Run2, 76),
        Row("d", Run1, null), Row("d", Run2, 75),
        Row("e", Run1, 74.99),
        Row("f", Run2, 20),
    ]);

    private static readonly OverlapSet[] SmallSets =
    [
        new("High in run 1", Segment.InBucket(BucketScheme.Cai, "High", Run1)),
        new("High in run 2", Segment.InBucket(BucketScheme.Cai, "High", Run2)),
        new("Low", Segment.InBucket(BucketScheme.Cai, "Low")),
    ];

    [Fact]
    public void Three_sets_give_every_region_intersection_and_the_union()
    {
        var venn = Venn.Compute(Small, SmallSets);

        Assert.Equal(["High in run 1", "High in run 2", "Low"], venn.Names);
        Assert.Equal([("High in run 1", 2L), ("High in run 2", 3L), ("Low", 2L)], venn.Sets.Select(s => (s.Label, s.Count)));
        Assert.Equal(
            [
                ("High in run 1 only", 1L), ("High in run 2 only", 1L), ("Low only", 1L),
                ("High in run 1 ∩ High in run 2 only", 1L), ("High in run 1 ∩ Low only", 0L), ("High in run 2 ∩ Low only", 1L),
                ("High in run 1 ∩ High in run 2 ∩ Low only", 0L),
            ],
            venn.Regions.Select(r => (r.Label, r.Count)));
        Assert.Equal([3, 5, 6, 7], venn.Intersections.Select(r => r.Members));
        Assert.Equal([1L, 0L, 1L, 0L], venn.Intersections.Select(r => r.Count));
        Assert.Equal((5L, 1L, 6L), (venn.Union, venn.Outside, venn.BaseCount));
        Assert.Equal(0.2, venn.Regions[0].ShareOfUnion);
        Assert.Equal(1.0 / 6, venn.Regions[0].ShareOfBase);
        Assert.Equal([Run1, Run2], venn.Runs);
        Assert.Same(Small.Diagnostics, venn.Diagnostics);
    }

    [Fact]
    public void The_persons_of_every_area_are_a_set_and_a_segment()
    {
        var venn = Venn.Compute(Small, SmallSets);
        string[] Ids(PersonSet set) => [.. set.GetIds(Small)];

        Assert.Equal(["a"], Ids(venn.GetPersons(venn.Regions[3])));
        Assert.Equal(["c"], Ids(venn.GetPersons(venn.Regions.Single(r => r.Label == "High in run 2 ∩ Low only"))));
        Assert.Empty(Ids(venn.GetPersons(venn.Regions[^1])));
        Assert.Equal(["a", "c", "d"], Ids(venn.GetPersons(venn.Sets[1])));
        Assert.Equal(["c"], Ids(venn.GetPersons(venn.Intersections[2])));
        Assert.Equal(["a", "b", "c", "d", "f"], Ids(venn.GetUnion()));
        Assert.Equal(["e"], Ids(venn.GetOutside()));
        Assert.Equal(venn.GetPersons(venn.Regions[0]), venn.ToSegment(venn.Regions[0]).Evaluate(Small));
        foreach (var row in venn.Regions.Concat(venn.Intersections).Concat(venn.Sets))
        {
            Assert.Equal(row.Count, venn.GetPersons(row).Count);
        }

        Assert.Throws<ArgumentException>("region", () => venn.GetPersons(venn.Regions[0] with { Members = 8 }));
        Assert.Throws<ArgumentException>("region", () => venn.GetPersons(venn.Regions[0] with { Members = 0 }));
    }

    [Fact]
    public void One_and_two_sets()
    {
        var one = Venn.Compute(Small, SmallSets[..1]);
        Assert.Equal([("High in run 1 only", 2L)], one.Regions.Select(r => (r.Label, r.Count)));
        Assert.Empty(one.Intersections);
        Assert.Equal((2L, 4L), (one.Union, one.Outside));

        var two = Venn.Compute(Small, SmallSets[..2]);
        Assert.Equal([1L, 2L, 1L], two.Regions.Select(r => r.Count));
        Assert.Equal([("High in run 1 ∩ High in run 2", 1L)], two.Intersections.Select(r => (r.Label, r.Count)));
    }

    [Fact]
    public void A_base_takes_the_sets_within_it()
    {
        var venn = Venn.Compute(Small, SmallSets, new OverlapOptions { Base = Segment.Persons(["a", "b", "e"]) });
        Assert.Equal((3L, 2L, 1L), (venn.BaseCount, venn.Union, venn.Outside));
        Assert.Equal([2L, 1L, 0L], venn.Sets.Select(s => s.Count));
        Assert.Equal(["e"], venn.GetOutside().GetIds(Small));
        Assert.Equal(["a"], venn.GetPersons(venn.Sets[1]).GetIds(Small));
    }

    [Fact]
    public void A_window_counts_the_persons_scored_in_it_and_its_runs_only()
    {
        // Only run 2: e (never scored in it) is out; "Low" in any run of the window is f only (c's 10 was in run 1);
        // "High in run 1" names its run and still looks at it.
        var venn = Venn.Compute(Small, SmallSets, new OverlapOptions { Range = new DateRange(Run2, Run2.AddDays(1)) });
        Assert.Equal([Run2], venn.Runs);
        Assert.Equal((5L, 5L, 0L), (venn.BaseCount, venn.Union, venn.Outside));
        Assert.Equal([2L, 3L, 1L], venn.Sets.Select(s => s.Count));

        var empty = Venn.Compute(Small, SmallSets, new OverlapOptions { Range = new DateRange(Run2.AddDays(1), Run2.AddDays(5)) });
        Assert.Empty(empty.Runs);
        Assert.Equal((0L, 0L, 0L), (empty.BaseCount, empty.Union, empty.Outside));
        Assert.All(empty.Regions, r => Assert.Equal((0L, 0.0, 0.0), (r.Count, r.ShareOfUnion, r.ShareOfBase)));
    }

    [Fact]
    public void An_empty_set_counts_zero()
    {
        var venn = Venn.Compute(Small, [SmallSets[0], new OverlapSet("No one", Segment.Persons([])), SmallSets[2]]);
        Assert.Equal([2L, 0L, 2L], venn.Sets.Select(s => s.Count));
        Assert.All(venn.Regions.Where(r => (r.Members & 2) != 0), r => Assert.Equal(0, r.Count));
        Assert.Equal(4, venn.Union);
    }

    [Fact]
    public void An_empty_table_gives_zeros()
    {
        var builder = new ScoreTableBuilder();
        builder.GetWriter("acme", "Inst");
        var table = builder.Build().Single(); // a writer asked for makes a table, even without rows
        Assert.Equal((0, 0), (table.Persons.Count, table.Runs.Count));
        var venn = Venn.Compute(table, [new OverlapSet("Everyone", Segment.Everyone)]);
        Assert.Equal((0L, 0L, 0L), (venn.BaseCount, venn.Union, venn.Outside));
    }

    [Fact]
    public void Bad_parameters_fail_naming_them()
    {
        var four = SmallSets.Append(new OverlapSet("Medium", Segment.InBucket(BucketScheme.Cai, "Medium"))).ToArray();
        var tooMany = Assert.Throws<ArgumentException>("sets", () => Venn.Compute(Small, four));
        Assert.Contains("1 to 3 sets; 4 were given", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("SetIntersections", tooMany.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("sets", () => Venn.Compute(Small, []));
        var duplicate = Assert.Throws<ArgumentException>("sets", () => Venn.Compute(Small, [SmallSets[0], SmallSets[1] with { Name = "High in run 1" }]));
        Assert.Contains("duplicate", duplicate.Message, StringComparison.Ordinal);
        var several = Assert.Throws<ArgumentException>("sets", () => Venn.Compute(Small, [SmallSets[0] with { Name = "" }, SmallSets[1] with { Segment = null! }, null!]));
        Assert.Contains("set 0 has no name", several.Message, StringComparison.Ordinal);
        Assert.Contains("has no segment", several.Message, StringComparison.Ordinal);
        Assert.Contains("set 2 is null", several.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("options", () => Venn.Compute(Small, SmallSets, new OverlapOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentNullException>("table", () => Venn.Compute(null!, SmallSets));
        Assert.Throws<ArgumentNullException>("sets", () => Venn.Compute(Small, null!));
        Assert.Throws<ArgumentException>("run", () => Venn.Compute(Small, [new OverlapSet("x", Segment.PresentIn(new DateOnly(2020, 1, 1)))]));
    }

    [Theory]
    [InlineData(1, 3, 1)]
    [InlineData(2, 2, 2)]
    [InlineData(63, 3, 3)]
    [InlineData(64, 4, 4)]
    [InlineData(65, 2, 5)]
    [InlineData(1_000, 5, 6)]
    [InlineData(65_537, 3, 7)]
    public void Equals_the_reference_on_random_tables(int persons, int runs, int seed)
    {
        var records = OverlapRecords.Generate(persons, runs, seed);
        var table = OverlapRecords.Table(records);
        var random = new Random(seed);
        foreach (var count in new[] { 1, 2, 3 })
        {
            var specs = OverlapRecords.RandomSpecs(random, count, runs);
            var expected = ReferenceOverlaps.Compute(records, specs);
            var venn = Venn.Compute(table, OverlapRecords.Sets(specs));
            OverlapRecords.AssertMatches(expected, venn);
            var parallel = Venn.Compute(table, OverlapRecords.Sets(specs), new OverlapOptions { MaxDegreeOfParallelism = 4 });
            Assert.Equal(venn.Regions.Select(r => r.Count), parallel.Regions.Select(r => r.Count));
            Assert.Equal(venn.BaseCount, parallel.BaseCount);
        }

        // A window of the later runs, and a base.
        var window = new DateRange(OverlapRecords.Day0.AddDays(7), OverlapRecords.Day0.AddDays(7 * runs));
        var windowSpecs = OverlapRecords.RandomSpecs(random, 3, runs);
        var inWindow = Venn.Compute(table, OverlapRecords.Sets(windowSpecs), new OverlapOptions { Range = window, Base = Segment.PresentIn(OverlapRecords.Day0) });
        OverlapRecords.AssertMatches(
            ReferenceOverlaps.Compute(records, windowSpecs, window.Start, window.End, id => records.Any(r => r.PersonId == id && r.RunKey == OverlapRecords.Day0)),
            inWindow);
    }

    [Fact]
    public void Counts_of_two_halves_merged_equal_the_whole()
    {
        var records = OverlapRecords.Generate(3_000, 3, 11);
        var table = OverlapRecords.Table(records);
        var universe = Segment.Everyone.Evaluate(table);
        foreach (var count in new[] { 1, 3, 5, 16 })
        {
            var sets = OverlapRecords.Sets(OverlapRecords.RandomSpecs(new Random(count), count, 3)).Select(s => s.Segment.Evaluate(table)).ToArray();
            using var whole = new OverlapCounts(count);
            whole.Add(sets, universe, 0, table.Persons.Count);
            var expected = whole.ToCompact();
            Assert.Equal(table.Persons.Count, whole.Base);
            foreach (var half in new[] { 0, 64, 1_472, 2_944 })
            {
                using var first = new OverlapCounts(count);
                first.Add(sets, universe, 0, half);
                var second = new OverlapCounts(count);
                second.Add(sets, universe, half, table.Persons.Count - half);
                first.Merge(second);
                var merged = first.ToCompact();
                Assert.Equal(expected.Masks, merged.Masks);
                Assert.Equal(expected.Counts, merged.Counts);
                Assert.Equal(whole.Base, first.Base);
            }
        }
    }

    private static ScoreRecord Row(string person, DateOnly run, double? score) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = run,
        ScoreDate = run,
        Score = score,
    };
}
