using CaiScores.Ingest;
using CaiScores.Outcomes;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Outcomes;

public sealed class OutcomeEventsTests
{
    [Fact]
    public void Outcomes_are_joined_per_person_in_time_order_and_unknown_persons_are_counted_with_samples()
    {
        var table = Table([Score("a", 10), Score("b", 50), Score("c", 90)]);
        var t = At(Day0);
        var outcomes = OutcomeEvents.Join(table,
        [
            Outcome("c", t.AddHours(5), 3), Outcome("a", t.AddHours(2)), Outcome("zz", t.AddDays(30)), Outcome("c", t.AddHours(1), 1),
            Outcome("zz", t), Outcome("yy", t), Outcome("c", t.AddHours(1), 2),
        ]);
        Assert.Equal(4, outcomes.Count);
        Assert.Equal(2, outcomes.PersonsWithOutcomes);
        Assert.Equal([0, 1, 1, 4], outcomes.Offsets.ToArray());
        Assert.Equal(new OutcomeDiagnostics(7, 4, 3, 2, ["zz", "yy"]), outcomes.Diagnostics);
        Assert.Equal(t.AddDays(30), outcomes.Latest); // an unknown person's outcome still shows how far the data reaches
        var c = table.Persons.IndexOf("c");
        Assert.Equal([Outcome("c", t.AddHours(1), 1), Outcome("c", t.AddHours(1), 2), Outcome("c", t.AddHours(5), 3)], outcomes.GetOutcomes(c));
        Assert.Equal([Outcome("a", t.AddHours(2))], outcomes.GetOutcomes(table.Persons.IndexOf("a")));
        Assert.Empty(outcomes.GetOutcomes(table.Persons.IndexOf("b")));
        Assert.Equal(3, outcomes.CountOf(c));
        Assert.Throws<ArgumentOutOfRangeException>(() => outcomes.CountOf(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => outcomes.GetOutcomes(-1));
    }

    [Fact]
    public void No_outcomes_join_to_empty_columns()
    {
        var table = Table([Score("a", 10)]);
        var outcomes = OutcomeEvents.Join(table, []);
        Assert.Equal((0, 0), (outcomes.Count, outcomes.PersonsWithOutcomes));
        Assert.Null(outcomes.Latest);
        Assert.Equal(new OutcomeDiagnostics(0, 0, 0, 0, []), outcomes.Diagnostics);
    }

    [Fact]
    public void Samples_stop_at_ten_distinct_ids_while_counts_go_on()
    {
        var table = Table([Score("a", 10)]);
        var outcomes = OutcomeEvents.Join(table, Enumerable.Range(0, 30).Select(i => Outcome($"u{i % 15}", At(Day0))));
        Assert.Equal((30L, 15L), (outcomes.Diagnostics.RecordsUnknownPerson, outcomes.Diagnostics.UnknownPersons));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"u{i}"), outcomes.Diagnostics.UnknownPersonSamples);
    }

    [Fact]
    public void Long_outcome_lists_are_sorted_by_time_with_ties_in_input_order()
    {
        var table = Table([Score("a", 10)]);
        var random = new Random(3);
        var input = Enumerable.Range(0, 500).Select(i => Outcome("a", At(Day0, random.Next(0, 40)), i)).ToList();
        var outcomes = OutcomeEvents.Join(table, input);
        Assert.Equal(input.OrderBy(o => o.Timestamp), outcomes.GetOutcomes(0)); // OrderBy is stable
    }

    [Fact]
    public void Timestamps_are_kept_to_the_microsecond_and_null_values_stay_null()
    {
        var table = Table([Score("a", 10)]);
        var at = At(Day0).AddTicks(12_345_678);
        var outcomes = OutcomeEvents.Join(table, [Outcome("a", at, null), Outcome("a", at.AddDays(1), double.NaN)]);
        Assert.Equal(at.AddTicks(-8), outcomes.GetOutcomes(0)[0].Timestamp);
        Assert.Null(outcomes.GetOutcomes(0)[0].Value);
        Assert.True(double.IsNaN(outcomes.GetOutcomes(0)[1].Value!.Value));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var table = Table([Score("a", 10)]);
        Assert.Throws<ArgumentNullException>(() => OutcomeEvents.Join(null!, []));
        Assert.Throws<ArgumentNullException>(() => OutcomeEvents.Join(table, null!));
        Assert.Throws<ArgumentNullException>(() => OutcomeEvents.Join(table, [null!]));
    }
}
