using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Distributions;

public sealed class ScoringSummaryTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 600, runs: 3);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();
    private static readonly DateOnly Day = new(2026, 1, 4);

    [Fact]
    public void The_latest_run_is_split_into_low_medium_and_high_as_a_count_over_the_records_says()
    {
        var latest = Table.Runs[^1].ScoreDate;
        var records = Scores.Where(s => s.RunKey == latest).ToList();
        var s = ScoringSummary.Compute(Table);
        Assert.Equal(latest, s.Run);
        Assert.Equal(records.Count, s.TotalProfiles);
        Assert.Equal(records.Count(r => r.Score < 25), s.Low.Count);
        Assert.Equal(records.Count(r => r.Score is >= 25 and < 75), s.Medium.Count);
        Assert.Equal(records.Count(r => r.Score >= 75), s.High.Count);
        Assert.Equal(("Low", "Medium", "High"), (s.Low.Bucket.Alias, s.Medium.Bucket.Alias, s.High.Bucket.Alias));
        Assert.Equal([s.Low, s.Medium, s.High], s.Buckets);
        Assert.Equal((double)s.High.Count / s.TotalProfiles, s.High.Share);
        Assert.Equal("conversion", s.ModelType);
        Assert.Same(Table.Diagnostics, s.Diagnostics);
    }

    [Fact]
    public void Scores_on_an_edge_go_up_and_null_scores_are_no_value()
    {
        var t = ScoreTable.FromScores([
            Score("a", 24.999999999999996), Score("b", 25), Score("c", 74.99999999999999), Score("d", 75), Score("e", null),
            Score("f", -3), Score("g", 250), Score("h", 0), Score("i", 100)]).Single();
        var s = ScoringSummary.Compute(t);
        Assert.Equal((3L, 2L, 3L), (s.Low.Count, s.Medium.Count, s.High.Count));
        Assert.Equal((9L, 1L, 0L), (s.TotalProfiles, s.NoValueCount, s.NaNCount));
        Assert.Equal(3 / 9.0, s.Low.Share);
        Assert.Equal(s.TotalProfiles, s.Low.Count + s.Medium.Count + s.High.Count + s.NoValueCount + s.NaNCount);
        Assert.Equal("2026-01-04: 9 profiles; Low 3 (33.3 %), Medium 2 (22.2 %), High 3 (33.3 %), no value 1", s.ToString());
    }

    [Fact]
    public void An_earlier_run_and_a_segment_can_be_chosen()
    {
        var first = Table.Runs[0].ScoreDate;
        var some = Scores.Select(r => r.PersonId).Distinct().Take(50).ToList();
        var s = ScoringSummary.Compute(Table, first, Segment.Persons(some));
        var records = Scores.Where(r => r.RunKey == first && some.Contains(r.PersonId)).ToList();
        Assert.Equal(first, s.Run);
        Assert.Equal(records.Count, s.TotalProfiles);
        Assert.Equal(records.Count(r => r.Score >= 75), s.High.Count);
        var none = ScoringSummary.Compute(Table, first, Segment.Persons(["nobody"]));
        Assert.Equal((0L, 0L, 0.0), (none.TotalProfiles, none.High.Count, none.High.Share));
    }

    [Fact]
    public void A_run_that_does_not_exist_is_named()
    {
        var e = Assert.Throws<ArgumentException>(() => ScoringSummary.Compute(Table, new DateOnly(1999, 1, 1)));
        Assert.Equal("run", e.ParamName);
        Assert.Contains("1999-01-01", e.Message, StringComparison.Ordinal);
    }

    private static ScoreRecord Score(string person, double? score) => Fixtures.Score(person, score, Day);
}
