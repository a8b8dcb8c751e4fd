using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;

namespace CaiScores.Tests.Segments;

/// <summary>Every segment condition against a naive evaluation over the source records.</summary>
public sealed class SegmentTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 500, runs: 4);
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single().WithAttributes(TierRows());
    private static readonly DateOnly[] Runs = [.. Table.Runs.Select(r => r.ScoreDate)];

    [Fact]
    public void Conditions_match_the_records()
    {
        var late = Runs[2];
        Check(Segment.Everyone, _ => true);
        Check(Segment.PresentIn(late), r => r.RunKey == late);
        Check(Segment.InBucket(BucketScheme.Cai, "High", late), r => r.RunKey == late && r.Score >= 75);
        Check(Segment.InBucket(BucketScheme.Cai, ["Low", "High"]), r => r.Score is { } s && (s < 25 || s >= 75));
        Check(Segment.InBucket(BucketScheme.Cai, ["Low", "25 to 75"]), r => r.Score < 75);
        Check(Segment.ValueInRange(ScoreField.Probability, 0.2, 0.5, late), r => r.RunKey == late && r.Probability >= 0.2 && r.Probability < 0.5);
        Check(Segment.ValueInRange(ScoreField.Percentile, 80), r => r.PercentileScore >= 80);
        Check(Segment.ValueInRange(ScoreField.Score, double.NegativeInfinity, 10), r => r.Score < 10);
        var code = Scores.SelectMany(s => s.Factors).GroupBy(f => f.Code).OrderBy(g => g.Count()).First().Key!;
        Check(Segment.HasFactor(code), r => r.Factors.Any(f => f.Code == code));
        Check(Segment.HasFactor(code, late), r => r.RunKey == late && r.Factors.Any(f => f.Code == code));
        Check(Segment.HasFactor("no such code"), _ => false);
        Check(Segment.AttributeEquals("tier", "gold"), r => Tier(r.PersonId) == "gold");
        Check(Segment.AttributeIn("tier", ["gold", "silver", "platinum"]), r => Tier(r.PersonId) is "gold" or "silver");
        Check(Segment.Persons(["nobody", Scores[0].PersonId]), r => r.PersonId == Scores[0].PersonId);
    }

    [Fact]
    public void Combinations_follow_set_algebra()
    {
        var high = Segment.InBucket(BucketScheme.Cai, "High", Runs[0]);
        var gold = Segment.AttributeEquals("tier", "gold");
        var a = high.Evaluate(Table);
        var b = gold.Evaluate(Table);
        Assert.Equal(a.And(b), (high & gold).Evaluate(Table));
        Assert.Equal(a.Or(b), (high | gold).Evaluate(Table));
        Assert.Equal(a.Not(), (!high).Evaluate(Table));
        Assert.Equal(a.AndNot(b), (high & !gold).Evaluate(Table));
        Assert.Equal(a.Count + b.Count, (high | gold).Evaluate(Table).Count + (high & gold).Evaluate(Table).Count);
        Assert.Equal(Table.Persons.Count, (high | !high).Evaluate(Table).Count);
        Assert.Equal(0, (high & !high).Evaluate(Table).Count);
        Assert.Equal(a, Segment.AllOf(high).Evaluate(Table));
        Assert.Equal(a, Segment.Of(a).Evaluate(Table));
        Assert.Contains("score bucket is High in run", (high & !gold).ToString(), StringComparison.Ordinal);
        Assert.Contains("not (tier is 'gold'", (high & !gold).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_without_a_run_looks_at_the_scope_only()
    {
        var high = Segment.InBucket(BucketScheme.Cai, "High");
        var scope = AnalysisScope.Create(Table, new DateRange(Runs[1], Runs[3]), high);
        var expected = Scores.Where(r => r.RunKey >= Runs[1] && r.RunKey < Runs[3] && r.Score >= 75).Select(r => r.PersonId).ToHashSet();
        Assert.Equal((1, 3), (scope.FromRun, scope.ToRun));
        Assert.Equal(expected.Order(StringComparer.Ordinal), scope.Filter!.GetIds(Table).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tiers_that_change_over_time_match_in_the_runs_they_hold()
    {
        var person = Table.Persons[0];
        var t = Table.WithAttributes([
            new PersonAttributeRecord { PersonId = person, Name = "tier", Value = "bronze" },
            new PersonAttributeRecord { PersonId = person, Name = "tier", Value = "gold", ValidFrom = Runs[2] },
        ]);
        Assert.False(Segment.AttributeEquals("tier", "gold", Runs[1]).Evaluate(t).Contains(0));
        Assert.True(Segment.AttributeEquals("tier", "gold", Runs[2]).Evaluate(t).Contains(0));
        Assert.True(Segment.AttributeEquals("tier", "gold").Evaluate(t).Contains(0));
        Assert.True(Segment.AttributeEquals("tier", "bronze").Evaluate(t).Contains(0));
        Assert.False(AnalysisScope.Create(t, new DateRange(Runs[0], Runs[2]), Segment.AttributeEquals("tier", "gold")).Filter!.Contains(0));
    }

    [Fact]
    public void Bad_parameters_name_themselves()
    {
        Assert.Equal("buckets", Assert.Throws<ArgumentException>(() => Segment.InBucket(BucketScheme.Cai, "Highest")).ParamName);
        Assert.Contains("High (75 or more)", Assert.Throws<ArgumentException>(() => Segment.InBucket(BucketScheme.Cai, "Highest")).Message, StringComparison.Ordinal);
        Assert.Equal("buckets", Assert.Throws<ArgumentException>(() => Segment.InBucket(BucketScheme.Cai, Array.Empty<string>())).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => Segment.AttributeIn("tier", [])).ParamName);
        Assert.Equal("segments", Assert.Throws<ArgumentException>(() => Segment.AnyOf()).ParamName);
        Assert.Equal("below", Assert.Throws<ArgumentException>(() => Segment.ValueInRange(ScoreField.Score, 50, 50)).ParamName);
        Assert.Equal("atLeast", Assert.Throws<ArgumentException>(() => Segment.ValueInRange(ScoreField.Score, double.NaN)).ParamName);
        var run = Assert.Throws<ArgumentException>(() => Segment.PresentIn(new DateOnly(1999, 1, 1)).Evaluate(Table));
        Assert.Equal("run", run.ParamName);
        Assert.Contains("1999-01-01", run.Message, StringComparison.Ordinal);
        var attribute = Assert.Throws<ArgumentException>(() => Segment.AttributeEquals("country", "DE").Evaluate(Table));
        Assert.Equal("attribute", attribute.ParamName);
        Assert.Contains("tier", attribute.Message, StringComparison.Ordinal);
        var other = ScoreTable.FromScores(TableAssert.Sample(persons: 10, runs: 1)).Single();
        Assert.Throws<ArgumentException>(() => Segment.Of(Table.Persons.Count > 0 ? Segment.Everyone.Evaluate(Table) : null!).Evaluate(other));
    }

    [Fact]
    public void Descriptions_do_not_depend_on_the_current_culture()
    {
        var ids = Enumerable.Range(0, 1_500).Select(i => $"p{i}").ToList();
        var set = Segment.Everyone.Evaluate(Table);
        Assert.InRange(set.Count, 1, 999);
        Segment[] segments = [Segment.Persons(ids), Segment.Of(set), Segment.ValueInRange(ScoreField.Probability, 0.25, 0.5, Runs[0])];
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(["one of 1,500 person ids", $"a set of {set.Count} persons", "probability in [0.25, 0.5) in run " + Runs[0].ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)], segments.Select(s => s.ToString()));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    private static void Check(Segment segment, Func<ScoreRecord, bool> predicate)
    {
        var expected = Scores.Where(predicate).Select(r => r.PersonId).ToHashSet(StringComparer.Ordinal);
        var set = segment.Evaluate(Table);
        Assert.Equal(expected.Count, set.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), set.GetIds(Table).Order(StringComparer.Ordinal));
    }

    private static string? Tier(string person) => Tiers[Math.Abs(StableHash(person)) % 4 is var k && k < 3 ? k : 0] is var t && Math.Abs(StableHash(person)) % 4 == 3 ? null : t;

    private static int StableHash(string s) => s.Aggregate(17, (h, c) => unchecked((h * 31) + c));

    private static IEnumerable<PersonAttributeRecord> TierRows() =>
        Scores.Select(s => s.PersonId).Distinct().Where(p => Tier(p) is not null)
            .Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = Tier(p) });
}
