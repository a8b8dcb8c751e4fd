using CaiScores.Models;
using CaiScores.Samples;
using CaiJson = CaiScores.Serialization.CaiJson;

namespace CaiScores.Tests.Samples;

/// <summary>
/// The demo's options of <see cref="CaiSampleData"/>: factors that follow the propensity and presence that follows a life
/// cycle, checked on the generated records with plain loops (no analysis of the library).
/// </summary>
public sealed class CaiSampleRealismTests
{
    private static readonly CaiSampleOptions Realistic = new() { Persons = 3_000, Runs = 8, FactorsFollowPropensity = true, VaryingRetention = true };

    [Fact]
    public void Factors_that_lean_high_are_far_more_frequent_among_high_scores_and_those_that_lean_low_among_low_scores()
    {
        var records = CaiSampleData.Generate(Realistic).ToList();
        double Coverage(string code, Func<double, bool> bucket)
        {
            var inBucket = records.Where(r => bucket(r.Score!.Value)).ToList();
            return (double)inBucket.Count(r => r.InfluentialFactors!.Any(f => f.Code == code)) / inBucket.Count;
        }

        static bool High(double score) => score >= 75;
        static bool Low(double score) => score < 25;
        Assert.True(Coverage("Counts of addToCart in last 30 days", High) > 3 * Coverage("Counts of addToCart in last 30 days", Low));
        Assert.True(Coverage("Days since last webVisit", Low) > 3 * Coverage("Days since last webVisit", High));

        // Still five distinct codes per record, the first of high importance.
        Assert.All(records, r => Assert.Equal(5, r.InfluentialFactors!.Select(f => f.Code).Distinct().Count()));
        Assert.All(records, r => Assert.Equal(Importance.High, r.InfluentialFactors![0].Importance));
    }

    [Fact]
    public void Retention_falls_with_the_offset_and_differs_by_cohort_and_everyone_is_scored_at_least_once()
    {
        var runs = CaiSampleData.Generate(Realistic).GroupBy(r => r.ScoreDate!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Select(r => r.IdentityMap!["ECID"][0].Id).ToHashSet(StringComparer.Ordinal)).ToList();

        // Share of run c's persons scored again in run c + k.
        double Retained(int c, int k) => (double)runs[c].Count(runs[c + k].Contains) / runs[c].Count;

        Assert.True(Retained(0, 1) > Retained(0, 4) + 0.05, $"retention from run 0: +1 {Retained(0, 1):P1}, +4 {Retained(0, 4):P1}");
        Assert.True(Retained(0, 1) > Retained(0, 7) + 0.05, $"retention from run 0: +1 {Retained(0, 1):P1}, +7 {Retained(0, 7):P1}");
        var oneLater = Enumerable.Range(0, runs.Count - 1).Select(c => Retained(c, 1)).ToList();
        Assert.True(oneLater.Max() - oneLater.Min() > 0.01, $"one run later: {string.Join(", ", oneLater.Select(r => r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)))}");
        Assert.Equal(Realistic.Persons, runs.SelectMany(r => r).Distinct(StringComparer.Ordinal).Count());
        Assert.True(runs[0].Count < 0.8 * Realistic.Persons, "a quarter of the persons join after the first run");
    }

    [Fact]
    public void The_demo_options_are_deterministic_and_leave_the_default_sample_unchanged()
    {
        Assert.Equal(CaiSampleData.Generate(Realistic).Select(CaiJson.Serialize), CaiSampleData.Generate(Realistic).Select(CaiJson.Serialize));

        // Off by default: the same records as the options without them.
        var plain = new CaiSampleOptions { Persons = 200, Runs = 3 };
        var offs = plain with { FactorsFollowPropensity = false, VaryingRetention = false };
        Assert.Equal(CaiSampleData.Generate(plain).Select(CaiJson.Serialize), CaiSampleData.Generate(offs).Select(CaiJson.Serialize));
    }
}
