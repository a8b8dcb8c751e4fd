using CaiScores.Columnar;
using CaiScores.Outcomes;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Outcomes;

/// <summary>
/// The samples of docs/outcomes.md are this compiled code: each test runs its snippet and checks what it printed, and
/// <see cref="The_page_shows_the_snippets_and_their_output_verbatim"/> fails when the page drifts from them.
/// </summary>
public sealed class OutcomesDocsTests
{
    /// <summary>1,000 sample persons scored weekly from 2026-01-04 (5 runs).</summary>
    private static readonly ScoreTable Table = ScoreTable.FromScores(TableAssert.ScoresOf(CaiSampleData.Generate(new CaiSampleOptions { Persons = 1_000, Runs = 5 }))).Single();

    /// <summary>Purchases: likelier the higher a person's first score, spread over the 8 weeks from the first run; two from unknown persons.</summary>
    private static readonly List<OutcomeRecord> Purchases = MakePurchases();

    internal const string JoinOutput = """
        581 of 583 outcomes joined, 288 persons
        2 from unknown persons, e.g. unknown-1, unknown-2
        """;

    internal const string EvaluationOutput = """
        895 ranked, 191 positives, AUC 0.650, complete: True
         1   90   26 28.9 % lift 1.35 gain 13.6 %
         2   90   30 33.3 % lift 1.56 gain 29.3 %
         3   90   27 30.0 % lift 1.41 gain 43.5 %
         4   90   26 28.9 % lift 1.35 gain 57.1 %
         5   90   22 24.4 % lift 1.15 gain 68.6 %
         6   89   20 22.5 % lift 1.05 gain 79.1 %
         7   89   14 15.7 % lift 0.74 gain 86.4 %
         8   89   10 11.2 % lift 0.53 gain 91.6 %
         9   89   11 12.4 % lift 0.58 gain 97.4 %
        10   89    5  5.6 % lift 0.26 gain 100.0 %
        """;

    internal const string PerformanceOutput = """
        Conversion, as of 2026-02-28
        2026-01-04 Low     210 expected  1.4 % actual  9.5 %
        2026-01-04 Medium  497 expected  9.2 % actual 22.1 %
        2026-01-04 High    188 expected 36.7 % actual 32.4 %
        2026-01-11 Low     188 expected  1.4 % actual  9.6 %
        2026-01-11 Medium  507 expected  8.9 % actual 20.5 %
        2026-01-11 High    198 expected 37.5 % actual 29.8 %
        2026-01-18 Low     196 expected  1.3 % actual  8.7 %
        2026-01-18 Medium  486 expected  8.7 % actual 21.4 %
        2026-01-18 High    209 expected 37.8 % actual 30.6 %
        2026-01-25 Low     215 expected  1.3 % actual  9.3 %
        2026-01-25 Medium  473 expected  9.2 % actual 22.0 %
        2026-01-25 High    214 expected 38.3 % actual 32.7 %
        2026-02-01 Low     211 expected  1.3 % actual      -
        2026-02-01 Medium  459 expected  8.9 % actual      -
        2026-02-01 High    215 expected 39.3 % actual      -
        """;

    internal const string SuccessOutput = """
        Less than 25 people  211 buyers   29 purchases   54 revenue    5,899 per person 0.26
        25 to 75     people  459 buyers  140 purchases  284 revenue   30,767 per person 0.62
        75 or more   people  215 buyers   88 purchases  176 revenue   19,060 per person 0.82
        """;

    [Fact]
    public void Joining_outcomes()
    {
        var (table, purchases) = (Table, Purchases);
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: outcomes-join
            // Typed records here; OutcomeReader.Read("purchases.csv") or ("purchases.jsonl") gives the same records from files.
            var outcomes = OutcomeEvents.Join(table, purchases);
            var d = outcomes.Diagnostics;
            Console.WriteLine($"{d.RecordsJoined:N0} of {d.RecordsRead:N0} outcomes joined, {outcomes.PersonsWithOutcomes:N0} persons");
            Console.WriteLine($"{d.RecordsUnknownPerson} from unknown persons, e.g. {string.Join(", ", d.UnknownPersonSamples)}");
            // end-snippet
        });
        Assert.Equal(JoinOutput, output);
    }

    [Fact]
    public void Model_evaluation()
    {
        var table = Table;
        var outcomes = OutcomeEvents.Join(table, Purchases);
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: outcomes-model-evaluation
            // Deciles of the first run by score, and AUC; a positive made a purchase within 30 days of the score date.
            var evaluation = ModelEvaluation.Compute(table, outcomes, new ModelEvaluationOptions { OutcomeWindowDays = 30, Run = table.Runs[0].ScoreDate });
            Console.WriteLine($"{evaluation.Count:N0} ranked, {evaluation.Positives:N0} positives, AUC {evaluation.Auc:F3}, complete: {evaluation.IsComplete}");
            foreach (var row in evaluation.Rows)
            {
                Console.WriteLine($"{row.Group,2} {row.Count,4} {row.Positives,4} {row.Rate,6:P1} lift {row.Lift,4:F2} gain {row.CumulativeGain,6:P1}");
            }
            // end-snippet
        });
        Assert.Equal(EvaluationOutput, output);
    }

    [Fact]
    public void Performance_summary()
    {
        var table = Table;
        var outcomes = OutcomeEvents.Join(table, Purchases);
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: outcomes-performance-summary
            // Expected (mean probability) and actual conversion per run and CAI bucket; actual only once the window has passed.
            var summary = PerformanceSummary.Compute(table, outcomes, new PerformanceSummaryOptions { OutcomeWindowDays = 30 });
            Console.WriteLine($"{summary.Kind}, as of {summary.AsOf:yyyy-MM-dd}");
            foreach (var row in summary.Rows)
            {
                Console.WriteLine($"{row.Run:yyyy-MM-dd} {row.Bucket.DisplayName,-6} {row.Profiles,4} expected {row.ExpectedRate,6:P1} actual {(row.ActualRate is { } a ? a.ToString("P1") : "-"),6}");
            }
            // end-snippet
        });
        Assert.Equal(PerformanceOutput, output);
    }

    [Fact]
    public void Success_events_by_bucket()
    {
        var table = Table;
        var outcomes = OutcomeEvents.Join(table, Purchases);
        var output = DocSnippets.Capture(() =>
        {
            // begin-snippet: outcomes-success-events
            // A freeform table: the latest run's buckets against every purchase of their people.
            var success = SuccessEventsByBucket.Compute(table, outcomes);
            foreach (var row in success.Rows)
            {
                Console.WriteLine($"{row.Bucket.Label,-12} people {row.People,4} buyers {row.PeopleWithEvents,4} purchases {row.Events,4} revenue {row.Value,8:N0} per person {row.EventsPerPerson:F2}");
            }
            // end-snippet
        });
        Assert.Equal(SuccessOutput, output);
    }

    [Fact]
    public void The_page_shows_the_snippets_and_their_output_verbatim()
    {
        Assert.Equal(4, DocSnippets.AssertShownIn(ThisFile(), "docs/outcomes.md"));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "outcomes.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var output in new[] { JoinOutput, EvaluationOutput, PerformanceOutput, SuccessOutput })
        {
            Assert.Contains(output.Replace("\r\n", "\n", StringComparison.Ordinal), page, StringComparison.Ordinal);
        }
    }

    private static List<OutcomeRecord> MakePurchases()
    {
        var random = new Random(2026);
        var first = Table.Runs[0];
        var start = new DateTimeOffset(first.ScoreDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var purchases = new List<OutcomeRecord>();
        for (var p = 0; p < Table.Persons.Count; p++)
        {
            var score = first.GetScore(p) ?? 50;
            var count = random.NextDouble() < 0.05 + (0.5 * score / 100) ? random.Next(1, 4) : 0;
            for (var i = 0; i < count; i++)
            {
                purchases.Add(new OutcomeRecord { PersonId = Table.Persons[p], Timestamp = start.AddHours(random.Next(1, 24 * 56)), Value = Math.Round(20 + (random.NextDouble() * 180), 2) });
            }
        }

        purchases.Add(new OutcomeRecord { PersonId = "unknown-1", Timestamp = start.AddDays(3) });
        purchases.Add(new OutcomeRecord { PersonId = "unknown-2", Timestamp = start.AddDays(4) });
        return purchases;
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
