using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Tests.Reference;
using CsCheck;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Properties;

/// <summary>Outcome invariants on random inputs: AUC is the Mann–Whitney pair count, groups partition the ranked persons.</summary>
public sealed class OutcomesProperties
{
    /// <summary>Up to 40 persons: a score from a small set (many ties), any double, null or NaN; positive or not.</summary>
    private static readonly Gen<List<(double? Score, bool Positive)>> Persons =
        Gen.Select(
            Gen.OneOf(Gen.Int[0, 4].Select(i => (double?)(i * 25.0)), Gen.Double[-1e6, 1e6].Select(d => (double?)d), Gen.Const((double?)null), Gen.Const((double?)double.NaN), Gen.Const((double?)-0.0)),
            Gen.Bool).List[1, 40];

    [Fact]
    public void Auc_equals_the_brute_force_mann_whitney_pair_count()
    {
        Gen.Select(Persons, Gen.Int[1, 12]).Sample(t =>
        {
            var (persons, groups) = t;
            var (table, outcomes) = Build(persons);
            var e = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1, Groups = groups });
            var ranked = persons.Where(p => p.Score is { } v && !double.IsNaN(v)).Select(p => (p.Score!.Value, p.Positive)).ToList();
            long pos = ranked.Count(x => x.Positive);
            long neg = ranked.Count - pos;
            Assert.Equal(pos == 0 || neg == 0 ? null : ReferenceOutcomes.TwiceUPairs(ranked) / (2.0 * pos * neg), e.Auc);
            Assert.Equal(ReferenceOutcomes.TwiceUPairs(ranked), ReferenceOutcomes.TwiceURanks(ranked));

            // The groups partition the ranked persons and their positives; sizes differ by at most one, larger first.
            Assert.Equal(e.Count, e.Rows.Sum(r => r.Count));
            Assert.Equal(e.Positives, e.Rows.Sum(r => r.Positives));
            Assert.True(e.Rows.Zip(e.Rows.Skip(1)).All(p => p.First.Count - p.Second.Count is 0 or 1));
            Assert.Equal(e.Count == 0 ? 0 : 1.0, e.Rows[^1].CumulativeShare);
            Assert.Equal(pos == 0 ? null : 1.0, e.Rows[^1].CumulativeGain);

            // Tied pairs by brute force; each group's score range and tie split from sorting by (score desc, person index).
            Assert.Equal(ranked.Sum(a => a.Positive ? ranked.LongCount(b => !b.Positive && b.Item1 == a.Item1) : 0), e.TiedPairs);
            var order = persons.Select((p, i) => (Score: p.Score, Index: i)).Where(x => x.Score is { } v && !double.IsNaN(v))
                .OrderByDescending(x => x.Score!.Value).ThenBy(x => x.Index).Select(x => x.Score!.Value + 0.0).ToList();
            var start = 0;
            foreach (var row in e.Rows)
            {
                var end = start + (int)row.Count;
                Assert.Equal(row.Count == 0 ? null : order[start], row.MaxScore);
                Assert.Equal(row.Count == 0 ? null : order[end - 1], row.MinScore);
                Assert.Equal(row.Count > 0 && end < order.Count && order[end] == order[end - 1], row.SplitsTie);
                start = end;
            }

            Assert.Equal("personIndex", e.TieBreak);
        }, iter: 400);
    }

    [Fact]
    public void Reversing_the_scores_mirrors_the_auc()
    {
        Persons.Sample(persons =>
        {
            var (table, outcomes) = Build(persons);
            var (reversed, reversedOutcomes) = Build([.. persons.Select(p => (p.Score is { } v ? -v : (double?)null, p.Positive))]);
            var a = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1 }).Auc;
            var b = ModelEvaluation.Compute(reversed, reversedOutcomes, new ModelEvaluationOptions { OutcomeWindowDays = 1 }).Auc;
            Assert.Equal(a is null, b is null);
            if (a is not null)
            {
                Assert.Equal(1.0, a.Value + b!.Value, 12);
            }
        }, iter: 200);
    }

    private static (ScoreTable Table, OutcomeEvents Outcomes) Build(List<(double? Score, bool Positive)> persons)
    {
        var table = ScoreTable.FromScores(persons.Select((p, i) => Score($"p{i}", p.Score))).Single();
        var outcomes = OutcomeEvents.Join(table, persons.Select((p, i) => (p, i)).Where(x => x.p.Positive).Select(x => Outcome($"p{x.i}", At(Day0, 6))));
        return (table, outcomes);
    }
}
