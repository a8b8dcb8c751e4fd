using System.Globalization;
using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Outcomes;

namespace CaiScores.Samples;

/// <summary>
/// Deterministic synthetic Customer AI output, shaped like the real datasets: persistent propensities that drift from run
/// to run, consistent score / probability / percentile, influential factors drawn from a realistic catalogue, ECID identities
/// (some persons also carry an authenticated e-mail hash). For demos, documentation, tests and benchmarks.
/// </summary>
/// <remarks>
/// <para>One <see cref="CaiSampleOptions"/> describes one population: <see cref="Generate"/> gives its scores,
/// <see cref="Attributes"/> its person attributes (loyalty <c>tier</c> bronze / silver / gold, <c>country</c>) and
/// <see cref="Outcomes"/> its conversions, all for the same persons (person <c>i</c> is <see cref="Ecid"/>(<c>i</c>), the id
/// a table resolves) from the same seed.</para>
/// <para>The tier drives the propensity (gold persons score higher on average), and a person converts after a run with
/// their probability of that run, so the outcome analyses find a model that works: conversion rates rise with the score.</para>
/// </remarks>
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

    /// <summary>The loyalty tiers <see cref="Attributes"/> gives, lowest first.</summary>
    private static readonly string[] Tiers = ["bronze", "silver", "gold"];
    private static readonly string[] Countries = ["US", "DE", "FR", "GB", "JP", "BR"];

    /// <summary>Generates the records, run by run (all persons of run 1, then run 2, …).</summary>
    /// <param name="options">The shape; default <see langword="null"/> means <c>new CaiSampleOptions()</c>.</param>
    /// <returns>A lazily generated sequence; enumerating it twice gives the same records.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IEnumerable<CaiScoreRecord> Generate(CaiSampleOptions? options = null)
    {
        return GenerateCore(Validate(options)).Select(p => p.Record);
    }

    /// <summary>
    /// The sample as a ready score table: <see cref="Generate"/>'s records normalised by CJA's rules (ECID as the person id)
    /// and built into a <see cref="ScoreTable"/>, with <see cref="Attributes"/> (<c>tier</c>, <c>country</c>) joined.
    /// For LINQPad scripts, demos and tests that want an analysis in one line.
    /// </summary>
    /// <param name="options">The shape; default <see langword="null"/> means <c>new CaiSampleOptions()</c>.</param>
    /// <returns>The table of the options' instance.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static ScoreTable Table(CaiSampleOptions? options = null)
    {
        options = Validate(options);
        var normalizer = new ScoreNormalizer();
        var scores = Generate(options).Select(r => normalizer.TryNormalize(r, out var score) ? score : throw new InvalidOperationException("A generated record did not normalise."));
        return ScoreTable.FromScores(scores).Single().WithAttributes(Attributes(options));
    }

    /// <summary>
    /// The person attributes of the population <see cref="Generate"/> scores: for every person, <c>tier</c> (<c>bronze</c>
    /// about 50 %, <c>silver</c> 30 %, <c>gold</c> 20 %; higher tiers have higher propensities) and <c>country</c>.
    /// </summary>
    /// <param name="options">The shape; default <see langword="null"/> means <c>new CaiSampleOptions()</c>. Only
    /// <see cref="CaiSampleOptions.Persons"/> and <see cref="CaiSampleOptions.Seed"/> matter.</param>
    /// <returns>Two records per person (tier, then country), person by person; the values hold for every run (no
    /// <see cref="PersonAttributeRecord.ValidFrom"/>). Enumerating twice gives the same records.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IEnumerable<PersonAttributeRecord> Attributes(CaiSampleOptions? options = null)
    {
        return AttributesCore(Validate(options));

        static IEnumerable<PersonAttributeRecord> AttributesCore(CaiSampleOptions options)
        {
            var (tier, _, _) = Population(options, new Random(options.Seed));
            for (var i = 0; i < tier.Length; i++)
            {
                var id = Ecid(i);
                yield return new PersonAttributeRecord { PersonId = id, Name = "tier", Value = Tiers[TierIndex(tier[i])] };
                yield return new PersonAttributeRecord { PersonId = id, Name = "country", Value = Country(i) };
            }
        }
    }

    /// <summary>
    /// The conversions of the population <see cref="Generate"/> scores: after each run, every scored person converts with the
    /// probability that run gave them (a real relation: the model is well calibrated), once, at a time within
    /// <see cref="CaiSampleOptions.ConversionWindowDays"/> days after the score date; each conversion has an order value.
    /// </summary>
    /// <param name="options">The shape; default <see langword="null"/> means <c>new CaiSampleOptions()</c>.</param>
    /// <returns>The outcomes run by run (ascending time within a run is not guaranteed); enumerating twice gives the same
    /// records. Timestamps are UTC, whole minutes; values are 10.00 to 250.00.</returns>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IEnumerable<OutcomeRecord> Outcomes(CaiSampleOptions? options = null)
    {
        return OutcomesCore(Validate(options));

        static IEnumerable<OutcomeRecord> OutcomesCore(CaiSampleOptions options)
        {
            // A random stream of its own, so that the scores are the ones Generate gives.
            var random = new Random(unchecked(options.Seed * 31 + 17));
            var minutes = options.ConversionWindowDays * 24 * 60;
            foreach (var (person, record) in GenerateCore(options))
            {
                var converted = random.NextDouble() < record.Probability;
                var at = random.Next(1, minutes);
                var value = Math.Round(10 + (240 * random.NextDouble()), 2);
                if (converted)
                {
                    var day = DateOnly.ParseExact(record.ScoreDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                    yield return new OutcomeRecord
                    {
                        PersonId = Ecid(person),
                        Timestamp = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(at),
                        Value = value,
                    };
                }
            }
        }
    }

    private static CaiSampleOptions Validate(CaiSampleOptions? options)
    {
        options ??= new CaiSampleOptions();
        if (options.Persons < 1 || options.Runs < 1 || options.DaysBetweenRuns < 1 || options.MissingRate is < 0 or > 1
            || options.FactorsPerRecord is < 0 or > 20 || options.ConversionWindowDays < 1
            || string.IsNullOrWhiteSpace(options.TenantId) || string.IsNullOrWhiteSpace(options.InstanceKey))
        {
            throw new ArgumentException("Invalid CaiSampleOptions: Persons, Runs, DaysBetweenRuns and ConversionWindowDays must be at least 1, MissingRate from 0 to 1, FactorsPerRecord from 0 to 20, TenantId and InstanceKey not empty.", nameof(options));
        }

        return options;
    }

    /// <summary>Draws each person's propensity class (0–3), starting latent propensity and e-mail identity.</summary>
    private static (byte[] Tier, double[] Latent, bool[] HasEmail) Population(CaiSampleOptions options, Random random)
    {
        var n = options.Persons;
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

        return (tier, latent, hasEmail);
    }

    // US 40 %, GB 15 %, DE 15 %, FR 12 %, JP 10 %, BR 8 %, by a hash of the person index.
    private static string Country(int index)
    {
        var share = (unchecked((uint)index * 2_654_435_761u) >> 16) % 100u;
        return share switch
        {
            < 40 => "US",
            < 55 => "GB",
            < 70 => "DE",
            < 82 => "FR",
            < 92 => "JP",
            _ => "BR",
        };
    }

    // Four propensity classes drive the latent score; the top two are both "gold".
    private static int TierIndex(byte propensityClass) => Math.Min((int)propensityClass, Tiers.Length - 1);

    /// <summary>The records with the index of their person.</summary>
    private static IEnumerable<(int Person, CaiScoreRecord Record)> GenerateCore(CaiSampleOptions options)
    {
        var n = options.Persons;
        var random = new Random(options.Seed);
        var (tier, latent, hasEmail) = Population(options, random);

        var present = new bool[n];
        var lifeCycle = options.VaryingRetention ? new SampleLifeCycle(options, latent) : null;
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
                present[i] = lifeCycle?.Present(i, run, latent[i]) ?? random.NextDouble() >= options.MissingRate;
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
                yield return (i, new CaiScoreRecord
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
                    InfluentialFactors = options.FactorsFollowPropensity
                        ? SampleFactors.ByPropensity(random, FactorCodes, options.FactorsPerRecord, latent[i], code => Value(random, code, tier[i], latent[i]))
                        : Factors(random, options.FactorsPerRecord, tier[i], latent[i]),
                });
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
            var value = Value(random, code, tier, latent);
            factors[k] = new InfluentialFactor
            {
                Code = code,
                Value = value,
                Importance = k == 0 ? Importance.High : k < 3 ? Importance.Medium : Importance.Low,
            };
        }

        return factors;
    }

    /// <summary>A factor's value: the tier, a country, or a count or a number of days that follows the propensity.</summary>
    private static string Value(Random random, string code, byte tier, double latent) => code switch
    {
        "Latest loyalty tier" => Tiers[TierIndex(tier)],
        "Latest country" => Countries[random.Next(Countries.Length)],
        _ when code.StartsWith("Days", StringComparison.Ordinal) => random.Next(0, Math.Max(2, (int)(30 - (latent * 6)))).ToString(CultureInfo.InvariantCulture),
        _ => random.Next(0, Math.Max(2, (int)(5 + (latent * 4)))).ToString(CultureInfo.InvariantCulture),
    };

    private static double Normal(Random random)
    {
        // Box–Muller; deterministic for a seeded Random.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
