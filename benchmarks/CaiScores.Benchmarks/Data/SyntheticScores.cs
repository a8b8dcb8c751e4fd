using System.Globalization;
using System.Text;
using CaiScores.Columnar;
using CaiScores.Models;

namespace CaiScores.Benchmarks.Data;

/// <summary>
/// A deterministic synthetic score table shaped like Customer AI output, built through the columnar row writer: persons ×
/// weekly runs, 10 % of persons missing from each run, scores persistent from run to run, 5 influential factors per row,
/// and a loyalty <c>tier</c> attribute (bronze 50 %, silver 30 %, gold 15 %, platinum 5 %).
/// </summary>
internal static class SyntheticScores
{
    public static readonly string[] Tiers = ["bronze", "silver", "gold", "platinum"];
    private static readonly string[] Codes = [.. Enumerable.Range(0, 60).Select(i => $"Counts of event{i % 10} in last {(i / 10 + 1) * 15} days")];
    private static readonly string[] Values = [.. Enumerable.Range(0, 200).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    public static DateOnly FirstRun { get; } = new(2026, 1, 4);

    /// <summary>Builds the table (factors optional) with the tier attribute joined.</summary>
    public static ScoreTable Table(int persons, int runs, bool factors = true, bool tiers = true)
    {
        var table = Build(persons, runs, factors);
        return tiers ? table.WithAttributes(TierRows(table)) : table;
    }

    /// <summary>The score rows the table of this size holds, without building it.</summary>
    public static long RowCount(int persons, int runs)
    {
        long rows = 0;
        for (var r = 0; r < runs; r++)
        {
            for (var p = 0; p < persons; p++)
            {
                rows += Missing(Mix((ulong)p), r) ? 0 : 1;
            }
        }

        return rows;
    }

    /// <summary>The tier of a person: bronze 50 %, silver 30 %, gold 15 %, platinum 5 %.</summary>
    public static string TierOf(int person) => (Mix((ulong)person ^ 0x5A5A) % 100) switch
    {
        < 50 => Tiers[0],
        < 80 => Tiers[1],
        < 95 => Tiers[2],
        _ => Tiers[3],
    };

    private static ScoreTable Build(int persons, int runs, bool factors)
    {
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "PurchasePropensityWebsite")!;
        var codeIds = Codes.Select(c => writer.GetFactorCodeId(Encoding.UTF8.GetBytes(c))).ToArray();
        var valueIds = Values.Select(v => writer.GetFactorValueId(Encoding.UTF8.GetBytes(v))).ToArray();
        Span<byte> id = stackalloc byte[38];
        for (var r = 0; r < runs; r++)
        {
            var date = FirstRun.AddDays(7 * r);
            var timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            for (var p = 0; p < persons; p++)
            {
                var h = Mix((ulong)p);
                if (Missing(h, r))
                {
                    continue;
                }

                Ecid(p, id);
                var score = ScoreOf(h, r);
                if (!writer.AddRow(id, date, timestamp, score, score / 100, PercentileOf(h), "conversion") || !factors)
                {
                    continue;
                }

                for (var f = 0; f < 5; f++)
                {
                    var x = Mix(h + (ulong)f);
                    writer.AddFactor(codeIds[x % (ulong)codeIds.Length], valueIds[(x >> 20) % (ulong)valueIds.Length], (Importance)(1 + (int)(x % 3)));
                }
            }
        }

        return builder.Build().Single();
    }

    /// <summary>
    /// The rows <see cref="Table"/> holds, in the same order (run by run, persons in number order), without building it:
    /// person number, 0-based run, score, probability (score / 100), percentile and tier index (into <see cref="Tiers"/>),
    /// the tier <see cref="Table"/> joins for that person.
    /// </summary>
    public static IEnumerable<SyntheticRow> Rows(int persons, int runs)
    {
        // Table() gives person index i (order of first appearance) the tier TierOf(i); a person missing from the first run
        // comes later in that order than its number, so the tiers follow the same indexes here.
        var tiers = new byte[persons];
        var seen = new bool[persons];
        var next = 0;
        for (var r = 0; r < runs && next < persons; r++)
        {
            for (var p = 0; p < persons; p++)
            {
                if (!seen[p] && !Missing(Mix((ulong)p), r))
                {
                    seen[p] = true;
                    tiers[p] = (byte)Array.IndexOf(Tiers, TierOf(next++));
                }
            }
        }

        for (var r = 0; r < runs; r++)
        {
            for (var p = 0; p < persons; p++)
            {
                var h = Mix((ulong)p);
                if (!Missing(h, r))
                {
                    var score = ScoreOf(h, r);
                    yield return new SyntheticRow(p, (byte)r, score, score / 100, (byte)PercentileOf(h), tiers[p]);
                }
            }
        }
    }

    private static double ScoreOf(ulong h, int run) => Math.Min(100, ((h % 10_000) / 100.0) + (run * 0.01));

    private static int PercentileOf(ulong h) => (int)(h % 100) + 1;

    /// <summary>The tier attribute rows <see cref="Table"/> joins: person index i gets <see cref="TierOf"/>(i).</summary>
    internal static IEnumerable<PersonAttributeRecord> TierRows(ScoreTable table)
    {
        // Person index p (order of first appearance: a person missing from the first run comes later than its number) gets
        // TierOf(p), so the shares are 50/30/15/5 % of the indexes; Rows() follows the same indexes.
        for (var p = 0; p < table.Persons.Count; p++)
        {
            yield return new PersonAttributeRecord { PersonId = table.Persons[p], Name = "tier", Value = TierOf(p) };
        }
    }

    private static bool Missing(ulong h, int run) => Mix(h ^ (ulong)run) % 10 == 0;

    private static void Ecid(int person, Span<byte> into)
    {
        // 38 digits, like an Experience Cloud ID: a fixed prefix and the person number.
        "4521295818337221"u8.CopyTo(into);
        var n = (ulong)person * 0x9E3779B97F4A7C15UL;
        for (var i = 37; i >= 16; i--)
        {
            into[i] = (byte)('0' + (n % 10));
            n /= 10;
        }
    }

    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        return x ^ (x >> 33);
    }
}

/// <summary>One row of <see cref="SyntheticScores.Rows"/>: a person's score in a run, with the person's tier index.</summary>
internal readonly record struct SyntheticRow(int Person, byte Run, double Score, double Probability, byte Percentile, byte Tier);
