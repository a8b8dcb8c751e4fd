using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Models;
using CaiScores.Tests.Columnar;

namespace CaiScores.Tests.Distributions;

public sealed class ScoreDistributionTests
{
    private static readonly List<ScoreRecord> Scores = TableAssert.Sample(persons: 700, runs: 4);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Scores).Single();

    [Theory]
    [InlineData(ScoreField.Score)]
    [InlineData(ScoreField.Probability)]
    [InlineData(ScoreField.Percentile)]
    public void Every_run_matches_a_count_over_the_records(ScoreField field)
    {
        var scheme = field switch
        {
            ScoreField.Probability => BucketScheme.Create(field, 0.05, 0.1, 0.25),
            ScoreField.Percentile => BucketScheme.Create(field, 50, 80, 95),
            _ => BucketScheme.Distribution5,
        };
        foreach (var run in Table.Runs)
        {
            var records = Scores.Where(s => s.RunKey == run.ScoreDate).ToList();
            double? Value(ScoreRecord r) => field switch { ScoreField.Probability => r.Probability, ScoreField.Percentile => r.PercentileScore, _ => r.Score };
            var expected = scheme.Buckets.Select(b => (long)records.Count(r => Value(r) is { } v && scheme.BucketOf(v) == b.Index)).ToList();

            var distribution = ScoreDistribution.Compute(Table, scheme, run.ScoreDate);
            Assert.Equal(expected, distribution.Rows.Select(r => r.Count));
            Assert.Equal(records.Count, distribution.Total);
            Assert.Equal(records.Count(r => Value(r) is null), distribution.NoValue);
            Assert.Equal(1.0, distribution.Rows.Sum(r => r.Share) + ((double)distribution.NoValue / distribution.Total), 12);
        }
    }

    [Fact]
    public void Defaults_are_the_latest_run_and_the_five_point_scheme_and_no_value_is_apart()
    {
        var t = ScoreTable.FromScores([Score("a", 10), Score("b", null), Score("c", 75), Score("d", 100)]).Single();
        var d = ScoreDistribution.Compute(t);
        Assert.Same(BucketScheme.Distribution5, d.Scheme);
        Assert.Equal((4L, 1L), (d.Total, d.NoValue));
        Assert.Equal(1, d.Rows.Single(r => r.Bucket.Label == "10 to 15").Count);
        Assert.Equal((1L, 1L), (d.Rows.Single(r => r.Bucket.Label == "75 to 80").Count, d.Rows.Single(r => r.Bucket.Label == "95 or more").Count));
        Assert.Equal(0.25, d.Rows.Single(r => r.Bucket.Label == "10 to 15").Share);
        var cai = ScoreDistribution.Compute(t, BucketScheme.Cai);
        Assert.Equal([1L, 0, 2], cai.Rows.Select(r => r.Count));
    }

    [Fact]
    public void Counting_any_split_of_the_persons_and_merging_gives_the_whole()
    {
        var random = new Random(4);
        foreach (var run in Table.Runs)
        {
            var whole = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
            whole.Add(run, ScoreField.Score, 0, run.PersonCount);
            for (var trial = 0; trial < 20; trial++)
            {
                var cut = random.Next(0, run.PersonCount + 1);
                var left = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
                var right = ScoreDistribution.DistributionCounts.Create(BucketScheme.Distribution5);
                left.Add(run, ScoreField.Score, 0, cut);
                right.Add(run, ScoreField.Score, cut, run.PersonCount - cut);
                right.Merge(left);
                Assert.Equal(whole.Counts, right.Counts);
                var a = whole.ToResult(run.ScoreDate, Table.Diagnostics);
                var b = right.ToResult(run.ScoreDate, Table.Diagnostics);
                Assert.Equal((a.Total, a.NoValue), (b.Total, b.NoValue));
            }
        }
    }

    [Fact]
    public void A_run_that_does_not_exist_is_named()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => ScoreDistribution.Compute(Table, run: new DateOnly(1999, 1, 1)));
        Assert.Contains("1999-01-01", e.Message, StringComparison.Ordinal);
    }

    private static ScoreRecord Score(string person, double? score) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = new DateOnly(2026, 1, 4),
        ScoreDate = new DateOnly(2026, 1, 4),
        Score = score,
    };
}
