using CaiScores.Columnar;
using CaiScores.Outcomes;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;

namespace CaiScores.Tests.Samples;

public sealed class CaiSampleDataTests
{
    private static readonly CaiSampleOptions Options = new() { Persons = 2_000, Runs = 4 };

    private static ScoreTable Table(CaiSampleOptions options) => ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(options))).Single();

    [Fact]
    public void Every_person_gets_a_tier_of_bronze_silver_or_gold_and_a_country_under_the_id_the_table_resolves()
    {
        var table = Table(Options);
        var attributes = CaiSampleData.Attributes(Options).ToList();

        Assert.Equal(2 * Options.Persons, attributes.Count);
        Assert.Equal(["bronze", "gold", "silver"], attributes.Where(a => a.Name == "tier").Select(a => a.Value).Distinct().Order(StringComparer.Ordinal));
        var joined = table.WithAttributes(attributes);
        Assert.All(Enumerable.Range(0, table.Persons.Count), p => Assert.NotNull(joined.Attributes["tier"].GetValue(p, 0)));
        Assert.All(Enumerable.Range(0, table.Persons.Count), p => Assert.NotNull(joined.Attributes["country"].GetValue(p, 0)));
        var tiers = attributes.Where(a => a.Name == "tier").GroupBy(a => a.Value).ToDictionary(g => g.Key!, g => g.Count() / (double)Options.Persons);
        Assert.InRange(tiers["bronze"], 0.45, 0.55);
        Assert.InRange(tiers["gold"], 0.15, 0.25);
    }

    [Fact]
    public void Higher_tiers_score_higher_on_average()
    {
        var table = Table(Options).WithAttributes(CaiSampleData.Attributes(Options));
        var tier = table.Attributes["tier"];
        var run = table.Runs[^1];
        double Mean(string value) => Enumerable.Range(0, table.Persons.Count)
            .Where(p => tier.GetValue(p, run.Index) == value && run.GetScore(p) is not null).Average(p => run.GetScore(p)!.Value);

        Assert.True(Mean("bronze") < Mean("silver") && Mean("silver") < Mean("gold"), $"{Mean("bronze")} {Mean("silver")} {Mean("gold")}");
    }

    [Fact]
    public void Conversions_follow_the_probability_within_the_window_after_each_run()
    {
        var table = Table(Options);
        var outcomes = CaiSampleData.Outcomes(Options).ToList();
        var byPerson = outcomes.ToLookup(o => o.PersonId, StringComparer.Ordinal);
        double expected = 0;
        foreach (var run in table.Runs)
        {
            var start = new DateTimeOffset(run.ScoreDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            for (var p = 0; p < table.Persons.Count; p++)
            {
                expected += run.GetProbability(p) ?? 0;
            }

            Assert.All(outcomes.Where(o => o.Timestamp >= start && o.Timestamp < start.AddDays(7)), o => Assert.True(table.Persons.IndexOf(o.PersonId) >= 0));
        }

        // The number of conversions is the sum of probabilities, within a few standard deviations.
        Assert.InRange(outcomes.Count, expected - (4 * Math.Sqrt(expected)), expected + (4 * Math.Sqrt(expected)));
        Assert.All(outcomes, o => Assert.InRange(o.Value!.Value, 10, 250));
        var first = table.Runs[0].ScoreDate.ToDateTime(TimeOnly.MinValue);
        Assert.All(outcomes, o => Assert.InRange(o.Timestamp.UtcDateTime, first, first.AddDays((7 * Options.Runs) + 7)));

        // Persons of the top decile of probability convert far more often than those of the bottom half.
        var evaluation = ModelEvaluation.Compute(table, OutcomeEvents.Join(table, outcomes), new ModelEvaluationOptions { OutcomeWindowDays = 7, Run = table.Runs[^2].ScoreDate });
        Assert.True(evaluation.Auc > 0.65, $"AUC {evaluation.Auc}");
    }

    [Fact]
    public void The_same_options_give_the_same_data_and_another_seed_other_data()
    {
        Assert.Equal(CaiSampleData.Outcomes(Options).Take(50), CaiSampleData.Outcomes(Options).Take(50));
        Assert.Equal(CaiSampleData.Attributes(Options), CaiSampleData.Attributes(Options));
        Assert.NotEqual(CaiSampleData.Outcomes(Options).Take(50), CaiSampleData.Outcomes(Options with { Seed = 7 }).Take(50));
    }

    [Fact]
    public void Invalid_options_throw()
    {
        Assert.Throws<ArgumentException>(() => CaiSampleData.Outcomes(new CaiSampleOptions { ConversionWindowDays = 0 }));
        Assert.Throws<ArgumentException>(() => CaiSampleData.Attributes(new CaiSampleOptions { Persons = 0 }));
        Assert.Throws<ArgumentException>(() => CaiSampleData.Generate(new CaiSampleOptions { Runs = 0 }));
    }
}
