using System.Globalization;
using CaiScores.Models;

namespace CaiScores.Samples;

/// <summary>
/// Deterministic synthetic Customer AI output, shaped like the real datasets: persistent propensities that drift from run
/// to run, consistent score / probability / percentile, influential factors drawn from a realistic catalogue, ECID identities
/// (some persons also carry an authenticated e-mail hash). For demos, documentation, tests and benchmarks.
/// </summary>
public static class CaiSampleData
{
    private static readonly string[] FactorCodes =
    [
        "Counts of webVisit in last 30 days",
        "Days since last webVisit",
        "Number of distinct WebPage webVisit in last 30 days",
        "Counts of productView in last 30 days",
        "Days since last productView",
        "Counts of addToCart in last 30 days",
        "Days since last addToCart",
        "Counts of purchase in last 90 days",
        "Days since last purchase",
        "Counts of emailOpen in last 30 days",
        "Days since last emailClick",
        "Latest loyalty tier",
        "Latest country",
        "Counts of search in last 7 days",
        "Days since last webVisit WebPage https://www.example.com/home",
        "Days since last webVisit WebPage https://www.example.com/checkout",
    ];

    private static readonly string[] Tiers = ["bronze", "silver", "gold", "platinum"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "JP", "BR"];

    /// <summary>Generates the records, run by run (all persons of run 1, then run 2, …).</summary>
    /// <param name="options">The shape; default <see langword="null"/> means <c>new CaiSampleOptions()</c>.</param>
    /// <returns>A lazily generated sequence; enumerating it twice gives the same records.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IEnumerable<CaiScoreRecord> Generate(CaiSampleOptions? options = null)
    {
        options ??= new CaiSampleOptions();
        if (options.Persons < 1 || options.Runs < 1 || options.DaysBetweenRuns < 1 || options.MissingRate is < 0 or > 1
            || options.FactorsPerRecord is < 0 or > 20 || string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.InstanceKey))
        {
            throw new ArgumentException("Invalid CaiSampleOptions: Persons, Runs and DaysBetweenRuns must be at least 1, MissingRate from 0 to 1, FactorsPerRecord from 0 to 20, TenantId and InstanceKey not empty.", nameof(options));
        }

        return GenerateCore(options);
    }

    private static IEnumerable<CaiScoreRecord> GenerateCore(CaiSampleOptions options)
    {
        var n = options.Persons;
        var random = new Random(options.Seed);
        var latent = new double[n];
        var tier = new byte[n];
        var hasEmail = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            tier[i] = (byte)(u < 0.5 ? 0 : u < 0.8 ? 1 : u < 0.95 ? 2 : 3);
            latent[i] = Normal(random) * 1.3 + (tier[i] * 0.45) - 0.4;
            hasEmail[i] = random.NextDouble() < 0.3;
        }

        var present = new bool[n];
        var order = new int[n];
        var percentile = new int[n];
        for (var run = 0; run < options.Runs; run++)
        {
            var date = options.FirstRun.AddDays(run * options.DaysBetweenRuns);
            var scoreDate = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            DateTimeOffset? timestamp = options.ExperienceEvents ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null;
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                latent[i] += Normal(random) * 0.35;
                present[i] = random.NextDouble() >= options.MissingRate;
                if (present[i])
                {
                    order[count++] = i;
                }
            }

            // Percentile = rank among this run's scored persons (1–100), as Customer AI reports it.
            Array.Sort(order, 0, count, Comparer<int>.Create((a, b) => latent[a].CompareTo(latent[b])));
            for (var rank = 0; rank < count; rank++)
            {
                percentile[order[rank]] = Math.Max(1, (int)Math.Ceiling(100.0 * (rank + 1) / count));
            }

            for (var i = 0; i < n; i++)
            {
                if (!present[i])
                {
                    continue;
                }

                var score = Math.Round(100.0 / (1.0 + Math.Exp(-latent[i])), 2);
                var probability = Math.Round(1.0 / (1.0 + Math.Exp(-(latent[i] - 2.5))), 4);
                yield return new CaiScoreRecord
                {
                    TenantId = options.TenantId,
                    InstanceKey = options.InstanceKey,
                    RecordId = $"{options.InstanceKey}-{scoreDate}-{i.ToString(CultureInfo.InvariantCulture)}",
                    Timestamp = timestamp,
                    IdentityMap = Identities(i, hasEmail[i]),
                    Score = score,
                    Probability = probability,
                    PercentileScore = percentile[i],
                    ScoreDate = scoreDate,
                    ModelType = options.ModelType,
                    InfluentialFactors = Factors(random, options.FactorsPerRecord, tier[i], latent[i]),
                };
            }
        }
    }

    /// <summary>The ECID (primary) the generator gives person <paramref name="index"/>: 38 digits, stable.</summary>
    /// <param name="index">The 0-based person index.</param>
    /// <returns>The ECID.</returns>
    public static string Ecid(int index) =>
        (4_521_295_818_337_221_863UL + ((ulong)index * 7_919UL)).ToString(CultureInfo.InvariantCulture)
        + (1_468_751_830_938_286_611UL - (ulong)index).ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, IReadOnlyList<IdentityItem>> Identities(int index, bool hasEmail)
    {
        var map = new Dictionary<string, IReadOnlyList<IdentityItem>>(2, StringComparer.Ordinal)
        {
            ["ECID"] = [new IdentityItem { Id = Ecid(index), AuthenticatedState = AuthenticatedState.Ambiguous, Primary = true }],
        };
        if (hasEmail)
        {
            map["Email_LC_SHA256"] =
            [
                new IdentityItem { Id = "sha256-" + (index * 2_654_435_761L).ToString("x12", CultureInfo.InvariantCulture), AuthenticatedState = AuthenticatedState.Authenticated },
            ];
        }

        return map;
    }

    private static InfluentialFactor[] Factors(Random random, int count, byte tier, double latent)
    {
        var factors = new InfluentialFactor[count];
        var first = random.Next(FactorCodes.Length);
        for (var k = 0; k < count; k++)
        {
            var code = FactorCodes[(first + (k * 5)) % FactorCodes.Length];
            var value = code switch
            {
                "Latest loyalty tier" => Tiers[tier],
                "Latest country" => Countries[random.Next(Countries.Length)],
                _ when code.StartsWith("Days", StringComparison.Ordinal) => random.Next(0, Math.Max(2, (int)(30 - (latent * 6)))).ToString(CultureInfo.InvariantCulture),
                _ => random.Next(0, Math.Max(2, (int)(5 + (latent * 4)))).ToString(CultureInfo.InvariantCulture),
            };
            factors[k] = new InfluentialFactor
            {
                Code = code,
                Value = value,
                Importance = k == 0 ? Importance.High : k < 3 ? Importance.Medium : Importance.Low,
            };
        }

        return factors;
    }

    private static double Normal(Random random)
    {
        // Box–Muller; deterministic for a seeded Random.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
