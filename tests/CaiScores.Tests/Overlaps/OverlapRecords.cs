using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Tests.Properties;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Overlaps;

/// <summary>Seeded score records for the overlap tests, and the same sets as segments (engine) and as specs (reference).</summary>
internal static class OverlapRecords
{
    public static readonly DateOnly Day0 = new(2026, 1, 4);

    /// <summary>Persons × weekly runs; about one person in five missing from a run, but every run scores someone (so that
    /// every run exists); null, NaN and edge scores.</summary>
    public static readonly TableShape Shape = new()
    {
        Day0 = Day0,
        MaxPersons = 200,
        MinRuns = 1,
        MaxRuns = 5,
        RunDay = static (_, run, _) => 7 * run,
        MissingOneIn = static _ => 5,
        KeptRuns = 0,
        EveryRunScored = true,
        EdgeScores = [null, double.NaN, 25, 75],
        ScoreDraws = 12,
    };

    /// <inheritdoc cref="Shape"/>
    public static List<ScoreRecord> Generate(int persons, int runs, int seed) => Generators.Table(Shape, persons, runs, seed).Records;

    public static ScoreTable Table(IEnumerable<ScoreRecord> records) => ScoreTable.FromScores(records).Single();

    /// <summary>Random sets: a CAI bucket or a score range, in one of the runs or in any run of the scope.</summary>
    public static ReferenceOverlaps.SetSpec[] RandomSpecs(Random random, int count, int runs)
    {
        var specs = new ReferenceOverlaps.SetSpec[count];
        for (var i = 0; i < count; i++)
        {
            DateOnly? run = random.Next(4) == 0 ? null : Day0.AddDays(7 * random.Next(runs));
            specs[i] = random.Next(4) switch
            {
                0 => new ReferenceOverlaps.SetSpec($"Low {i}", double.NegativeInfinity, 25, run),
                1 => new ReferenceOverlaps.SetSpec($"Medium {i}", 25, 75, run),
                2 => new ReferenceOverlaps.SetSpec($"High {i}", 75, null, run),
                _ => new ReferenceOverlaps.SetSpec($"Range {i}", Math.Round(random.NextDouble() * 60, 1), random.Next(3) == 0 ? null : 60 + Math.Round(random.NextDouble() * 40, 1), run),
            };
        }

        return specs;
    }

    public static OverlapSet[] Sets(IEnumerable<ReferenceOverlaps.SetSpec> specs) =>
        [.. specs.Select(s => new OverlapSet(s.Name, Segment.ValueInRange(ScoreField.Score, s.AtLeast, s.Below, s.Run)))];

    /// <summary>"High in run r" (CAI bucket ≥ 75) as an overlap set.</summary>
    public static OverlapSet HighIn(ScoreTable table, int run) =>
        new($"High in run {run + 1}", Segment.InBucket(BucketScheme.Cai, "High", table.Runs[run].ScoreDate));

    /// <summary>Asserts every count of an overlap equals the reference's.</summary>
    public static void AssertMatches(ReferenceOverlaps.Result expected, Venn venn)
    {
        Assert.Equal(expected.Base, venn.BaseCount);
        Assert.Equal(expected.Union, venn.Union);
        Assert.Equal(expected.Exclusive(0), venn.Outside);
        foreach (var row in venn.Sets.Concat(venn.Intersections))
        {
            Assert.Equal(expected.Inclusive(row.Members), row.Count);
        }

        foreach (var row in venn.Regions)
        {
            Assert.Equal(expected.Exclusive(row.Members), row.Count);
        }
    }

    public static void AssertMatches(ReferenceOverlaps.Result expected, SetIntersections upset)
    {
        Assert.Equal(expected.Base, upset.BaseCount);
        Assert.Equal(expected.Union, upset.Union);
        Assert.Equal(expected.Exclusive(0), upset.Outside);
        Assert.Equal(
            expected.ByMask.Where(kv => kv.Key != 0 && kv.Value > 0).OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)),
            upset.Regions.OrderBy(r => r.Members).Select(r => (r.Members, r.Count)));
        foreach (var row in upset.Sets)
        {
            Assert.Equal(expected.Inclusive(row.Members), row.Count);
        }
    }
}
