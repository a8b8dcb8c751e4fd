using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Outcomes;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Outcomes;

/// <summary>Seeded random tables with outcomes for the outcome analyses' tests.</summary>
internal static class OutcomeData
{
    public static readonly DateOnly Day0 = new(2026, 1, 4);

    /// <summary>Persons × weekly runs (some persons missing from a run), null/NaN/tied/edge scores, and outcomes around the runs.</summary>
    public static (List<ScoreRecord> Scores, List<OutcomeRecord> Outcomes) Random(int persons, int runs, int seed, bool fewDistinct = false)
    {
        var random = new Random(seed);
        var scores = new List<ScoreRecord>();
        for (var r = 0; r < runs; r++)
        {
            var date = Day0.AddDays(7 * r);
            for (var p = 0; p < persons; p++)
            {
                if (random.Next(8) == 0)
                {
                    continue;
                }

                scores.Add(new ScoreRecord
                {
                    PersonId = $"p{p}",
                    TenantId = "acme",
                    InstanceKey = "Inst",
                    RunKey = date,
                    ScoreDate = date,
                    Score = random.Next(20) switch
                    {
                        0 => null,
                        1 => double.NaN,
                        2 => 25,
                        3 => 75,
                        4 => -0.0,
                        5 => 0.0,
                        _ => fewDistinct ? random.Next(0, 8) * 12.5 : Math.Round(random.NextDouble() * 100, random.Next(3) == 0 ? 0 : 6),
                    },
                    Probability = random.Next(10) == 0 ? null : random.NextDouble(),
                });
            }
        }

        var outcomes = new List<OutcomeRecord>();
        var start = new DateTimeOffset(Day0.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var span = (runs + 3) * 7 * 24;
        for (var p = 0; p < persons + 3; p++)
        {
            var k = random.Next(4) == 0 ? random.Next(1, 5) : 0;
            for (var i = 0; i < k; i++)
            {
                // On the hour, so that many land exactly on a window's edge (midnight).
                var at = start.AddHours(random.Next(-48, span) * (random.Next(3) == 0 ? 24 : 1));
                outcomes.Add(new OutcomeRecord { PersonId = p < persons ? $"p{p}" : $"stranger{p}", Timestamp = at, Value = random.Next(3) == 0 ? null : random.Next(1, 100) });
            }
        }

        return (scores, outcomes);
    }

    public static ScoreTable Table(List<ScoreRecord> scores) =>
        scores.Count == 0 ? StandInTable() : ScoreTable.FromScores(scores).Single();

    /// <summary>
    /// What a test without score rows runs on: a table cannot be built from no rows, so a lone person "x" (score 50, in
    /// run <see cref="Day0"/>) who has no outcomes stands in.
    /// </summary>
    public static ScoreTable StandInTable() =>
        ScoreTable.FromScores([new ScoreRecord { PersonId = "x", TenantId = "acme", InstanceKey = "Inst", RunKey = Day0, ScoreDate = Day0, Score = 50 }]).Single();

    public static ScoreRecord Score(string person, double? score, DateOnly? run = null, double? probability = null) => Fixtures.Score(person, score, run ?? Day0, probability);

    public static OutcomeRecord Outcome(string person, DateTimeOffset at, double? value = null) => new() { PersonId = person, Timestamp = at, Value = value };

    /// <summary>Midnight UTC of a day, plus hours.</summary>
    public static DateTimeOffset At(DateOnly day, double hours = 0) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(hours);
}
