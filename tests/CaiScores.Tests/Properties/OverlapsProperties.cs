using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Overlaps;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>
/// Overlap invariants on random tables and sets: the reference agrees, Venn regions partition the union, intersections
/// are sums of regions, UpSet on up to three sets is the Venn, and the overlaps of two halves of the persons add up to
/// the whole.
/// </summary>
public sealed class OverlapsProperties
{
    /// <summary>Persons × runs, a seed, and 1–3 random sets.</summary>
    private static readonly Gen<(int Persons, int Runs, int Seed, int Sets)> Cases =
        Gen.Select(Gen.Int[1, 200], Gen.Int[1, 5], Gen.Int[0, int.MaxValue], Gen.Int[1, Venn.MaxSets]);

    [Fact]
    public void Venn_regions_partition_the_union_and_intersections_sum_their_regions()
    {
        Cases.Sample(t =>
        {
            var (records, specs) = Build(t);
            var table = OverlapRecords.Table(records);
            var venn = Venn.Compute(table, OverlapRecords.Sets(specs));
            OverlapRecords.AssertMatches(ReferenceOverlaps.Compute(records, specs), venn);

            Assert.Equal((1 << t.Sets) - 1, venn.Regions.Count);
            Assert.Equal(venn.Union, venn.Regions.Sum(r => r.Count));
            Assert.Equal(venn.BaseCount, venn.Union + venn.Outside);
            foreach (var intersection in venn.Sets.Concat(venn.Intersections))
            {
                Assert.Equal(
                    venn.Regions.Where(r => (r.Members & intersection.Members) == intersection.Members).Sum(r => r.Count),
                    intersection.Count);
            }

            // The regions' persons are disjoint and make up the union.
            var union = PersonSet.None(table.Persons.Count);
            foreach (var region in venn.Regions)
            {
                var persons = venn.GetPersons(region);
                Assert.Equal(region.Count, persons.Count);
                Assert.Equal(0, union.And(persons).Count);
                union = union.Or(persons);
            }

            Assert.Equal(venn.GetUnion(), union);
        }, iter: 150);
    }

    [Fact]
    public void UpSet_on_up_to_three_sets_is_the_Venn()
    {
        Cases.Sample(t =>
        {
            var (records, specs) = Build(t);
            var table = OverlapRecords.Table(records);
            var sets = OverlapRecords.Sets(specs);
            var venn = Venn.Compute(table, sets);
            var upset = SetIntersections.Compute(table, sets);
            Assert.Equal(
                venn.Regions.Where(r => r.Count > 0).OrderByDescending(r => r.Count).ThenBy(r => r.Degree).Select(r => (r.Members, r.Count)),
                upset.Regions.Select(r => (r.Members, r.Count)));
            Assert.Equal(venn.Sets, upset.Sets, (a, b) => a.Members == b.Members && a.Count == b.Count && a.Names.SequenceEqual(b.Names));
            Assert.Equal((venn.Union, venn.Outside, venn.BaseCount), (upset.Union, upset.Outside, upset.BaseCount));
        }, iter: 150);
    }

    [Fact]
    public void Overlaps_of_two_halves_of_the_persons_add_up_to_the_whole()
    {
        Gen.Select(Cases, Gen.Int[0, 200], Gen.Int[1, 12]).Sample(t =>
        {
            var (c, cut, upsetSets) = t;
            var (records, specs) = Build(c);
            var table = OverlapRecords.Table(records);
            var split = Math.Min(cut, table.Persons.Count);
            var firstHalf = Segment.Of(PersonSet.FromIndexes(Enumerable.Range(0, split), table.Persons.Count));
            var sets = OverlapRecords.Sets(specs);
            var whole = Venn.Compute(table, sets);
            var first = Venn.Compute(table, sets, new OverlapOptions { Base = firstHalf });
            var second = Venn.Compute(table, sets, new OverlapOptions { Base = !firstHalf });
            Assert.Equal(whole.Regions.Select(r => r.Count), first.Regions.Zip(second.Regions, (a, b) => a.Count + b.Count));
            Assert.Equal(whole.Intersections.Select(r => r.Count), first.Intersections.Zip(second.Intersections, (a, b) => a.Count + b.Count));
            Assert.Equal((whole.Union, whole.Outside, whole.BaseCount), (first.Union + second.Union, first.Outside + second.Outside, first.BaseCount + second.BaseCount));

            var many = OverlapRecords.Sets(OverlapRecords.RandomSpecs(new Random(c.Seed), upsetSets, c.Runs));
            var all = SetIntersections.Compute(table, many);
            var parts = new[] { firstHalf, !firstHalf }
                .SelectMany(b => SetIntersections.Compute(table, many, new OverlapOptions { Base = b }).Regions)
                .GroupBy(r => r.Members)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
            Assert.Equal(all.Regions.ToDictionary(r => r.Members, r => r.Count), parts);
        }, iter: 100);
    }

    private static (List<CaiScores.Models.ScoreRecord> Records, ReferenceOverlaps.SetSpec[] Specs) Build((int Persons, int Runs, int Seed, int Sets) t) =>
        (Generators.Table(OverlapRecords.Shape, t.Persons, t.Runs, t.Seed).Records, OverlapRecords.RandomSpecs(new Random(t.Seed ^ 0x5EED), t.Sets, t.Runs));
}
