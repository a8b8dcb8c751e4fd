using CaiScores.Models;

namespace CaiScores.Samples;

/// <summary>
/// Influential factors that follow the propensity (<see cref="CaiSampleOptions.FactorsFollowPropensity"/>): each code has a
/// lean from −1 (a sign of low propensity: days since the last visit) to +1 (of high propensity: add-to-cart, purchases), and
/// a person's codes are drawn without replacement with weights <c>exp(1.5 × lean × latent)</c>, so High persons mostly get
/// the high-leaning codes and Low persons the low-leaning ones. The first code drawn is of high importance, the next two
/// medium, the rest low.
/// </summary>
internal static class SampleFactors
{
    /// <summary>The lean of each code of <see cref="CaiSampleData"/>'s catalogue, in its order.</summary>
    private static readonly double[] Lean =
    [
        0.6,   // Counts of webVisit in last 30 days
        -1.0,  // Days since last webVisit
        0.5,   // Number of distinct WebPage webVisit in last 30 days
        0.8,   // Counts of productView in last 30 days
        -0.7,  // Days since last productView
        1.0,   // Counts of addToCart in last 30 days
        -0.3,  // Days since last addToCart
        1.0,   // Counts of purchase in last 90 days
        -0.8,  // Days since last purchase
        0.2,   // Counts of emailOpen in last 30 days
        -0.6,  // Days since last emailClick
        0.3,   // Latest loyalty tier
        0.0,   // Latest country
        0.4,   // Counts of search in last 7 days
        -0.4,  // Days since last webVisit WebPage …/home
        0.9,   // Days since last webVisit WebPage …/checkout
    ];

    public static InfluentialFactor[] ByPropensity(Random random, IReadOnlyList<string> codes, int count, double latent, Func<string, string> value)
    {
        if (codes.Count != Lean.Length)
        {
            throw new InvalidOperationException("Every factor code needs a lean.");
        }

        Span<double> weights = stackalloc double[Lean.Length];
        for (var k = 0; k < weights.Length; k++)
        {
            weights[k] = Math.Exp(1.5 * Lean[k] * Math.Clamp(latent, -4, 4));
        }

        var factors = new InfluentialFactor[Math.Min(count, codes.Count)];
        for (var f = 0; f < factors.Length; f++)
        {
            var total = 0.0;
            foreach (var w in weights)
            {
                total += w;
            }

            // Weighted draw without replacement: a drawn code's weight drops to zero.
            var target = random.NextDouble() * total;
            var pick = 0;
            for (var cumulative = weights[0]; cumulative < target && pick < weights.Length - 1; cumulative += weights[pick])
            {
                pick++;
            }

            while (weights[pick] == 0)
            {
                pick = (pick + weights.Length - 1) % weights.Length;
            }

            weights[pick] = 0;
            factors[f] = new InfluentialFactor
            {
                Code = codes[pick],
                Value = value(codes[pick]),
                Importance = f == 0 ? Importance.High : f < 3 ? Importance.Medium : Importance.Low,
            };
        }

        return factors;
    }
}
