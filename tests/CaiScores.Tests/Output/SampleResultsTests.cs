namespace CaiScores.Tests.Output;

public sealed class SampleResultsTests
{
    [Fact]
    public void Every_sample_result_is_computed_and_not_empty()
    {
        var all = SampleResults.All().ToList();
        Assert.Equal(all.Count, all.Select(r => r.Result.GetType()).Distinct().Count() + 1); // two trends
        Assert.All(all, r => Assert.NotNull(r.Result));
        Assert.True(SampleResults.Outcomes.Diagnostics.RecordsJoined > 100);
        Assert.Equal(["bronze", "gold", "silver"], SampleResults.TrendByTier().Series.Select(s => s.Label).Order());
    }
}
