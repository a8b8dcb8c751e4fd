using CaiScores.Columnar;
using CaiScores.Models;

namespace CaiScores.Tests.ReasonCodes;

/// <summary>
/// Seeded score records full of the cases reason codes must handle: null scores every k, scores on the edges, persons
/// missing from runs, empty factor lists, null codes, a code twice on one person (at different importances and values),
/// null values, every importance.
/// </summary>
internal static class ReasonCodeData
{
    public static readonly DateOnly FirstRun = new(2026, 1, 4);

    public static readonly string[] Codes =
    [
        "Counts of webVisit in last 30 days",
        "Days since last webVisit",
        "Counts of productView in last 30 days",
        "Days since last purchase",
        "Latest loyalty tier",
        "Latest country",
        "Counts of emailOpen in last 30 days",
        "Days since last webVisit WebPage https://www.example.com/home",
        "counts of search in last 7 days",
        "Ärger index",
    ];

    public static readonly string[] Tiers = ["bronze", "silver", "gold"];

    public static List<ScoreRecord> Records(int persons, int runs, int seed, int nullScoreEvery = 11, int maxFactors = 7)
    {
        var random = new Random(seed);
        var records = new List<ScoreRecord>();
        for (var r = 0; r < runs; r++)
        {
            var date = FirstRun.AddDays(7 * r);
            for (var p = 0; p < persons; p++)
            {
                if (random.Next(7) == 0)
                {
                    continue; // not scored in this run
                }

                double? score = (p + r) % nullScoreEvery == 0 ? null
                    : random.Next(10) == 0 ? (random.Next(2) == 0 ? 25.0 : 75.0)
                    : Math.Round(random.NextDouble() * 100, 2);
                records.Add(new ScoreRecord
                {
                    PersonId = PersonId(p),
                    TenantId = "acme",
                    InstanceKey = "Inst",
                    RunKey = date,
                    ScoreDate = date,
                    Score = score,
                    Probability = score / 100,
                    PercentileScore = score is { } s ? Math.Max(1, (int)Math.Ceiling(s)) : null,
                    Factors = Factors(random, maxFactors),
                    SourceOrder = records.Count,
                });
            }
        }

        return records;
    }

    public static string PersonId(int p) => "p" + p.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Each person's tier, for attribute segments.</summary>
    public static IEnumerable<PersonAttributeRecord> TierRows(int persons) =>
        Enumerable.Range(0, persons).Select(p => new PersonAttributeRecord { PersonId = PersonId(p), Name = "tier", Value = Tiers[p % 3] });

    public static ScoreTable Table(List<ScoreRecord> records) => ScoreTable.FromScores(records).Single();

    private static InfluentialFactor[] Factors(Random random, int maxFactors)
    {
        var n = random.Next(4) == 0 ? 0 : random.Next(1, maxFactors + 1);
        var factors = new InfluentialFactor[n];
        for (var k = 0; k < n; k++)
        {
            // Skewed towards the first codes, so that the top N is not a coin toss; a repeat and a null code now and then.
            var code = k > 0 && random.Next(8) == 0 ? factors[k - 1].Code
                : random.Next(12) == 0 ? null
                : Codes[Math.Min(random.Next(Codes.Length), random.Next(Codes.Length))];
            factors[k] = new InfluentialFactor
            {
                Code = code,
                Value = random.Next(9) == 0 ? null : random.Next(6).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Importance = (Importance)random.Next(4),
            };
        }

        return factors;
    }
}
