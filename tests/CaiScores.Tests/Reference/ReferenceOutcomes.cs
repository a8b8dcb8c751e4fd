using CaiScores.Bucketing;
using CaiScores.Models;
using CaiScores.Outcomes;

namespace CaiScores.Tests.Reference;

/// <summary>
/// Naive outcome analyses straight from the records (no table, no kernels): the outcome window, positives, deciles by
/// sorting, AUC by ranks or by counting pairs, and the bucket tables by grouping.
/// </summary>
internal static class ReferenceOutcomes
{
    /// <summary>The window <c>(midnight of the score date, midnight days later]</c> in UTC.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Window(DateOnly scoreDate, int days) =>
        (new DateTimeOffset(scoreDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(scoreDate.AddDays(days).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    /// <summary>The outcomes of each person inside the window.</summary>
    public static Dictionary<string, List<OutcomeRecord>> InWindow(IEnumerable<OutcomeRecord> outcomes, DateOnly scoreDate, int days)
    {
        var (start, end) = Window(scoreDate, days);
        return outcomes.Where(o => o.Timestamp > start && o.Timestamp <= end).GroupBy(o => o.PersonId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Person ids in order of first appearance (the table's person index).</summary>
    public static Dictionary<string, int> PersonOrder(IEnumerable<ScoreRecord> scores)
    {
        var order = new Dictionary<string, int>();
        foreach (var s in scores)
        {
            order.TryAdd(s.PersonId, order.Count);
        }

        return order;
    }

    public sealed record Evaluation(long[] Counts, long[] Positives, long Count, long PositiveCount, long TwiceU, long NoValue, long NaN);

    /// <summary>Deciles (or g groups) by sorting (score desc, person order), AUC by exact rank sums.</summary>
    public static Evaluation Evaluate(IReadOnlyList<ScoreRecord> scores, IEnumerable<OutcomeRecord> outcomes, DateOnly run, int days, int groups, Func<string, bool>? inSegment = null)
    {
        var order = PersonOrder(scores);
        var positive = InWindow(outcomes, run, days);
        var rows = scores.Where(s => s.RunKey == run && (inSegment?.Invoke(s.PersonId) ?? true)).ToList();
        var ranked = rows.Where(s => s.Score is { } v && !double.IsNaN(v))
            .Select(s => (Score: s.Score!.Value + 0.0, Order: order[s.PersonId], Positive: positive.ContainsKey(s.PersonId)))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Order).ToList();
        var n = ranked.Count;
        var counts = new long[groups];
        var positives = new long[groups];
        var at = 0;
        for (var g = 0; g < groups; g++)
        {
            counts[g] = (n / groups) + (g < n % groups ? 1 : 0);
            positives[g] = ranked.Skip(at).Take((int)counts[g]).Count(x => x.Positive);
            at += (int)counts[g];
        }

        return new Evaluation(counts, positives, n, ranked.Count(x => x.Positive), TwiceURanks(ranked.Select(x => (x.Score, x.Positive)).ToList()),
            rows.Count(s => s.Score is null), rows.Count(s => s.Score is double.NaN));
    }

    /// <summary>2U by rank sums: ascending ranks, ties sharing their mean rank (kept doubled to stay an integer).</summary>
    public static long TwiceURanks(IReadOnlyList<(double Score, bool Positive)> items)
    {
        var sorted = items.OrderBy(x => x.Score).ToList();
        long twiceRankSum = 0;
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Score == sorted[i].Score)
            {
                j++;
            }

            // Ranks i+1 … j share (i + 1 + j) / 2; doubled: i + 1 + j.
            twiceRankSum += sorted.Skip(i).Take(j - i).Count(x => x.Positive) * (long)(i + 1 + j);
            i = j;
        }

        long p = items.Count(x => x.Positive);
        return twiceRankSum - (p * (p + 1));
    }

    /// <summary>2U by counting every (positive, negative) pair: 2 when the positive is higher, 1 when equal.</summary>
    public static long TwiceUPairs(IReadOnlyList<(double Score, bool Positive)> items)
    {
        long u = 0;
        foreach (var a in items.Where(x => x.Positive))
        {
            foreach (var b in items.Where(x => !x.Positive))
            {
                u += a.Score > b.Score ? 2 : a.Score == b.Score ? 1 : 0;
            }
        }

        return u;
    }
}

/// <summary>The performance summary and the success-event table, by grouping the records.</summary>
internal static class ReferenceOutcomeTables
{
    public sealed record Cell(long Profiles, long WithProbability, double ProbabilitySum, long Converted, long Events, long ValueCount, double ValueSum);

    /// <summary>Per bucket (index; −1 = null value, −2 = NaN) of one run: the counts over the run's rows.</summary>
    public static Dictionary<int, Cell> ByBucket(IEnumerable<ScoreRecord> scores, IEnumerable<OutcomeRecord> outcomes, DateOnly run, BucketScheme scheme, int? days, Func<string, bool>? inSegment = null)
    {
        var outcomeList = outcomes.ToList();
        var inWindow = days is { } d ? ReferenceOutcomes.InWindow(outcomeList, run, d) : outcomeList.GroupBy(o => o.PersonId).ToDictionary(g => g.Key, g => g.ToList());
        return scores.Where(s => s.RunKey == run && (inSegment?.Invoke(s.PersonId) ?? true))
            .GroupBy(s => Field(s, scheme.Field) switch { null => -1, double.NaN => -2, var v => scheme.BucketOf(v.Value) })
            .ToDictionary(g => g.Key, g =>
            {
                var withP = g.Where(s => s.Probability is { } p && !double.IsNaN(p)).ToList();
                var events = g.Select(s => inWindow.GetValueOrDefault(s.PersonId) ?? []).ToList();
                var values = events.SelectMany(e => e).Where(o => o.Value is not null).ToList();
                return new Cell(g.Count(), withP.Count, withP.Sum(s => s.Probability!.Value), events.Count(e => e.Count > 0), events.Sum(e => e.Count), values.Count, values.Sum(o => o.Value!.Value));
            });
    }

    private static double? Field(ScoreRecord s, ScoreField field) => field switch
    {
        ScoreField.Score => s.Score,
        ScoreField.Probability => s.Probability,
        _ => s.PercentileScore,
    };
}
