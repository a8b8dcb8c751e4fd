using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Tests.Ingest;

public sealed class ScoreNormalizerTests
{
    private static CaiScoreRecord Record(
        IReadOnlyDictionary<string, IReadOnlyList<IdentityItem>>? identities = null,
        double? score = 50,
        double? probability = 0.1,
        int? percentile = 50,
        string? scoreDate = "2021-08-07",
        DateTimeOffset? timestamp = null) => new()
        {
            TenantId = "acme",
            InstanceKey = "Inst",
            IdentityMap = identities ?? Map(("ECID", "e1", false)),
            Score = score,
            Probability = probability,
            PercentileScore = percentile,
            ScoreDate = scoreDate,
            Timestamp = timestamp,
        };

    private static Dictionary<string, IReadOnlyList<IdentityItem>> Map(params (string Ns, string Id, bool Primary)[] items) =>
        items.GroupBy(i => i.Ns).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<IdentityItem>)g.Select(i => new IdentityItem { Id = i.Id, Primary = i.Primary }).ToList());

    [Theory]
    [InlineData(null, "e1")] // a single identity is used even when not primary
    public void Single_identity_is_the_person(string? ns, string expected)
    {
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { IdentityNamespace = ns });
        Assert.True(normalizer.TryNormalize(Record(), out var score));
        Assert.Equal(expected, score.PersonId);
    }

    [Fact]
    public void Several_primaries_take_the_alphabetically_first_namespace()
    {
        var map = Map(("Email", "mail-1", true), ("CRMID", "crm-1", true), ("ECID", "ecid-1", false));
        Assert.True(new ScoreNormalizer().TryNormalize(Record(map), out var score));
        Assert.Equal("crm-1", score.PersonId);
    }

    [Fact]
    public void Primary_mode_takes_the_primary_item_of_a_namespace()
    {
        var map = Map(("ECID", "ecid-a", false), ("ECID", "ecid-b", true));
        Assert.True(new ScoreNormalizer().TryNormalize(Record(map), out var score));
        Assert.Equal("ecid-b", score.PersonId);
    }

    [Fact]
    public void Several_identities_none_primary_are_dropped_and_counted()
    {
        var normalizer = new ScoreNormalizer();
        Assert.False(normalizer.TryNormalize(Record(Map(("ECID", "a", false), ("Email", "b", false))), out _));
        Assert.Equal(1, normalizer.Diagnostics.DroppedNoIdentity);
    }

    [Fact]
    public void Namespace_mode_takes_the_first_id_of_that_namespace_or_drops()
    {
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { IdentityNamespace = "Email" });
        Assert.True(normalizer.TryNormalize(Record(Map(("ECID", "a", true), ("Email", "m1", false), ("Email", "m2", true))), out var score));
        Assert.Equal("m1", score.PersonId);
        Assert.False(normalizer.TryNormalize(Record(Map(("ECID", "a", true))), out _));
        Assert.Equal(1, normalizer.Diagnostics.DroppedNoIdentity);
    }

    [Theory]
    [InlineData("2021-08-07", 2021, 8, 7)]
    [InlineData("2021-08-02 00:00:00", 2021, 8, 2)]
    [InlineData("2021-08-02T23:30:00-07:00", 2021, 8, 2)]
    public void Score_date_gives_the_run(string text, int y, int m, int d)
    {
        Assert.True(new ScoreNormalizer().TryNormalize(Record(scoreDate: text), out var score));
        Assert.Equal(new DateOnly(y, m, d), score.RunKey);
        Assert.Equal(new DateOnly(y, m, d), score.ScoreDate);
    }

    [Fact]
    public void Without_score_date_the_run_is_the_utc_date_of_the_timestamp()
    {
        var normalizer = new ScoreNormalizer();
        Assert.True(normalizer.TryNormalize(Record(scoreDate: null, timestamp: new DateTimeOffset(2021, 8, 9, 22, 0, 0, TimeSpan.FromHours(-5))), out var score));
        Assert.Equal(new DateOnly(2021, 8, 10), score.RunKey);
        Assert.Null(score.ScoreDate);
        Assert.Equal(1, normalizer.Diagnostics.RunFromTimestamp);
    }

    [Fact]
    public void Without_score_date_or_timestamp_the_record_is_dropped()
    {
        var normalizer = new ScoreNormalizer();
        Assert.False(normalizer.TryNormalize(Record(scoreDate: null), out _));
        Assert.Equal(1, normalizer.Diagnostics.DroppedNoRun);
    }

    [Fact]
    public void Keep_keeps_out_of_range_values_and_counts_them()
    {
        var normalizer = new ScoreNormalizer();
        Assert.True(normalizer.TryNormalize(Record(score: 101, probability: -0.5, percentile: 0), out var score));
        Assert.Equal((101.0, -0.5, 0), (score.Score!.Value, score.Probability!.Value, score.PercentileScore!.Value));
        Assert.Equal(new OutOfRangeCounts(1, 1, 1), normalizer.Diagnostics.OutOfRange);
    }

    [Fact]
    public void Clamp_clamps_and_counts()
    {
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { OutOfRange = OutOfRangePolicy.Clamp });
        Assert.True(normalizer.TryNormalize(Record(score: double.PositiveInfinity, probability: 1.5, percentile: 101), out var score));
        Assert.Equal((100.0, 1.0, 100), (score.Score!.Value, score.Probability!.Value, score.PercentileScore!.Value));
        Assert.Equal(3, normalizer.Diagnostics.Clamped);
    }

    [Fact]
    public void NaN_becomes_null_under_keep_and_clamp()
    {
        foreach (var policy in new[] { OutOfRangePolicy.Keep, OutOfRangePolicy.Clamp })
        {
            var normalizer = new ScoreNormalizer(new CaiScoresOptions { OutOfRange = policy });
            Assert.True(normalizer.TryNormalize(Record(score: double.NaN), out var score));
            Assert.Null(score.Score);
            var d = normalizer.Diagnostics;
            Assert.Equal((1L, 1L, 1L), (d.OutOfRange.Score, d.NullFromNaN, d.NullScores));
        }
    }

    [Fact]
    public void Exclude_drops_the_record_and_counts_it()
    {
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { OutOfRange = OutOfRangePolicy.Exclude });
        Assert.False(normalizer.TryNormalize(Record(score: double.NaN), out _));
        Assert.False(normalizer.TryNormalize(Record(percentile: 0), out _));
        Assert.True(normalizer.TryNormalize(Record(score: 100, probability: 0, percentile: 1), out _));
        Assert.Equal(2, normalizer.Diagnostics.ExcludedOutOfRange);
    }

    [Fact]
    public void Values_on_the_range_edges_are_in_range()
    {
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { OutOfRange = OutOfRangePolicy.Exclude });
        Assert.True(normalizer.TryNormalize(Record(score: 0, probability: 1, percentile: 100), out _));
        Assert.Equal(0, normalizer.Diagnostics.OutOfRange.Total);
    }

    [Fact]
    public void Null_scores_are_kept_and_counted()
    {
        var normalizer = new ScoreNormalizer();
        Assert.True(normalizer.TryNormalize(Record(score: null), out var score));
        Assert.Null(score.Score);
        Assert.Equal(1, normalizer.Diagnostics.NullScores);
    }

    [Fact]
    public void Invalid_options_list_every_problem()
    {
        var options = new CaiScoresOptions { MaxRecordBytes = 10, MaxDepth = 2, IdentityNamespace = " " };
        var e = Assert.Throws<ArgumentException>(() => new ScoreNormalizer(options));
        Assert.Contains("MaxRecordBytes is 10", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDepth is 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityNamespace", e.Message, StringComparison.Ordinal);
    }
}
