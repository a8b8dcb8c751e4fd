using CaiScores.Models;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Overlaps;

public sealed class SetIntersectionsTests
{
    [Fact]
    public void Regions_are_largest_first_then_fewer_sets_then_in_set_order()
    {
        var table = OverlapRecords.Table(Enumerable.Range(0, 10).Select(p => new ScoreRecord
        {
            PersonId = $"p{p}",
            TenantId = "acme",
            InstanceKey = "Inst",
            RunKey = OverlapRecords.Day0,
            Score = 50,
        }));
        OverlapSet Set(string name, params string[] ids) => new(name, Segment.Persons(ids));

        var upset = SetIntersections.Compute(table,
        [
            Set("A", "p0", "p3", "p7"),
            Set("B", "p1", "p3", "p8"),
            Set("C", "p2", "p7", "p8"),
            Set("D", "p4", "p5"),
            Set("E"),
        ]);

        Assert.Equal(["D only", "A only", "B only", "C only", "A ∩ B only", "A ∩ C only", "B ∩ C only"], upset.Regions.Select(r => r.Label));
        Assert.Equal([2L, 1, 1, 1, 1, 1, 1], upset.Regions.Select(r => r.Count));
        Assert.Equal([3L, 3, 3, 2, 0], upset.Sets.Select(s => s.Count));
        Assert.Equal((10L, 8L, 2L), (upset.BaseCount, upset.Union, upset.Outside)); // p6 and p9 are in no set
        Assert.Equal(1, upset.CountInAll("A", "C"));
        Assert.Equal(3, upset.CountInAll("B"));
        Assert.Equal(0, upset.CountInAll("A", "B", "C"));
        Assert.Equal(["p7"], upset.GetPersons(upset.Regions[5]).GetIds(table));
        Assert.Equal(["p6", "p9"], upset.GetUnion().Not().GetIds(table));
        Assert.Throws<ArgumentException>("names", () => upset.CountInAll("F"));
        Assert.Throws<ArgumentException>("names", () => upset.CountInAll());
    }

    [Fact]
    public void Sixteen_sets_equal_the_reference_and_seventeen_fail()
    {
        var records = OverlapRecords.Generate(5_000, 4, 21);
        var table = OverlapRecords.Table(records);
        var specs = OverlapRecords.RandomSpecs(new Random(21), 16, 4);
        var upset = SetIntersections.Compute(table, OverlapRecords.Sets(specs));
        OverlapRecords.AssertMatches(ReferenceOverlaps.Compute(records, specs), upset);
        var parallel = SetIntersections.Compute(table, OverlapRecords.Sets(specs), new OverlapOptions { MaxDegreeOfParallelism = 3 });
        Assert.Equal(upset.Regions.Select(r => (r.Members, r.Count)), parallel.Regions.Select(r => (r.Members, r.Count)));

        var seventeen = OverlapRecords.Sets(OverlapRecords.RandomSpecs(new Random(1), 17, 4).Select((s, i) => s with { Name = $"set {i}" }));
        var error = Assert.Throws<ArgumentException>("sets", () => SetIntersections.Compute(table, seventeen));
        Assert.Contains("1 to 16 sets; 17 were given", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(130, 4)]
    [InlineData(65_537, 7)]
    public void Equals_the_reference_on_random_tables(int persons, int sets)
    {
        var records = OverlapRecords.Generate(persons, 3, persons);
        var table = OverlapRecords.Table(records);
        var specs = OverlapRecords.RandomSpecs(new Random(persons), sets, 3);
        OverlapRecords.AssertMatches(ReferenceOverlaps.Compute(records, specs), SetIntersections.Compute(table, OverlapRecords.Sets(specs)));
    }
}
