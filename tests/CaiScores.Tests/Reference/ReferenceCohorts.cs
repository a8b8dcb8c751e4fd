using CaiScores.Cohorts;
using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for cohort tables: every record placed in its period by its own day; per person a dictionary of the
/// periods in which they met each criterion (and the item of their first qualifying run); cells counted person by person.
/// Slow and obviously right.
/// </summary>
internal static class ReferenceCohorts
{
    public sealed record Row(DateOnly Period, string? Item, long Included, long[] Counts, double?[] Shares);

    public sealed record Result(IReadOnlyList<DateOnly> PeriodStarts, IReadOnlyList<string> Items, int HiddenItems, IReadOnlyList<Row> Rows, IReadOnlyList<(double? Share, int Rows, double? Pooled)> Average);

    /// <param name="records">De-duplicated records of one instance (a NaN score is read as null, as the table does).</param>
    /// <param name="options">The options; <see cref="CohortOptions.Inclusion"/> and <see cref="CohortOptions.Return"/> are
    /// ignored: the criteria are the row predicates <paramref name="inclusion"/> and <paramref name="returned"/>.</param>
    /// <param name="inclusion">Whether a record meets the inclusion criterion (null: every record does).</param>
    /// <param name="returned">Whether a record meets the return criterion (null: every record does).</param>
    /// <param name="attributeOf">The split attribute's value of a person as of a run, or null.</param>
    public static Result Compute(
        IReadOnlyList<ScoreRecord> records,
        CohortOptions options,
        Func<ScoreRecord, bool>? inclusion = null,
        Func<ScoreRecord, bool>? returned = null,
        Func<string, DateOnly, string?>? attributeOf = null)
    {
        DateOnly Day(ScoreRecord r) => r.Timestamp is { } ts ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ts, options.TimeZone).DateTime) : r.ScoreDate!.Value;
        DateOnly PeriodStart(DateOnly d) => options.Granularity switch
        {
            CohortGranularity.Day => d,
            CohortGranularity.Week => d.AddDays(-(((int)d.DayOfWeek - (int)options.FirstDayOfWeek + 7) % 7)),
            CohortGranularity.Month => new DateOnly(d.Year, d.Month, 1),
            CohortGranularity.Quarter => new DateOnly(d.Year, (((d.Month - 1) / 3) * 3) + 1, 1),
            _ => new DateOnly(d.Year, 1, 1),
        };
        DateOnly Next(DateOnly s) => options.Granularity switch
        {
            CohortGranularity.Day => s.AddDays(1),
            CohortGranularity.Week => s.AddDays(7),
            CohortGranularity.Month => s.AddMonths(1),
            CohortGranularity.Quarter => s.AddMonths(3),
            _ => s.AddYears(1),
        };

        // The periods of the window.
        var starts = new List<DateOnly>();
        if (options.Range is { } range)
        {
            for (var s = PeriodStart(range.Start); s < range.End; s = Next(s))
            {
                starts.Add(s < range.Start ? range.Start : s);
            }
        }
        else if (records.Count > 0)
        {
            for (var s = PeriodStart(records.Min(Day)); s <= PeriodStart(records.Max(Day)); s = Next(s))
            {
                starts.Add(s);
            }
        }

        int PeriodOf(ScoreRecord r)
        {
            var day = Day(r);
            if (options.Range is { } window && !window.Contains(day))
            {
                return -1;
            }

            var start = PeriodStart(day);
            return starts.IndexOf(options.Range is { } clip && start < clip.Start ? clip.Start : start);
        }

        string? ItemOf(ScoreRecord r)
        {
            if (options.SplitByBucket is { } scheme)
            {
                var value = scheme.Field switch
                {
                    CaiScores.Bucketing.ScoreField.Score => r.Score,
                    CaiScores.Bucketing.ScoreField.Probability => r.Probability,
                    _ => r.PercentileScore,
                };
                return value is { } v && !double.IsNaN(v) ? scheme.Buckets[scheme.BucketOf(v)].DisplayName : "No value";
            }

            return options.SplitByAttribute is null ? null : attributeOf!(r.PersonId, r.RunKey) ?? "No value";
        }

        // Per person: the period → item of the first qualifying run, and the periods returned in.
        var firstInclusion = new Dictionary<string, Dictionary<int, (DateOnly Run, string? Item)>>(StringComparer.Ordinal);
        var returns = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var lastData = -1;
        foreach (var r in records)
        {
            var period = PeriodOf(r);
            if (period < 0)
            {
                continue;
            }

            lastData = Math.Max(lastData, period);
            var clean = r.Score is { } s && double.IsNaN(s) ? r with { Score = null } : r;
            if (inclusion?.Invoke(clean) ?? true)
            {
                var periods = firstInclusion.TryGetValue(r.PersonId, out var p) ? p : firstInclusion[r.PersonId] = [];
                if (!periods.TryGetValue(period, out var first) || r.RunKey < first.Run)
                {
                    periods[period] = (r.RunKey, ItemOf(clean));
                }
            }

            if (returned?.Invoke(clean) ?? true)
            {
                (returns.TryGetValue(r.PersonId, out var set) ? set : returns[r.PersonId] = []).Add(period);
            }
        }

        // Cohorts: (period, item) → persons.
        var cohorts = new Dictionary<(int Period, string? Item), List<string>>();
        foreach (var (person, periods) in firstInclusion)
        {
            foreach (var (period, (_, item)) in periods)
            {
                (cohorts.TryGetValue((period, item), out var list) ? list : cohorts[(period, item)] = []).Add(person);
            }
        }

        var split = options.SplitByAttribute is not null || options.SplitByBucket is not null;
        List<string?> items = [null];
        var hidden = 0;
        if (split)
        {
            var totals = cohorts.GroupBy(kv => kv.Key.Item!).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value.Count));
            var shown = totals.Where(kv => kv.Key != "No value" || options.IncludeNoValue)
                .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(options.MaxItems).Select(kv => kv.Key).ToList();
            hidden = totals.Count - shown.Count;
            items = [.. shown];
        }

        var rows = new List<Row>();
        for (var c = 0; c < starts.Count; c++)
        {
            foreach (var item in items)
            {
                var persons = cohorts.GetValueOrDefault((c, item)) ?? [];
                var cells = Math.Max(0, lastData - c);
                var counts = new long[cells];
                var shares = new double?[cells];
                for (var k = 1; k <= cells; k++)
                {
                    long retained = 0;
                    foreach (var person in persons)
                    {
                        var back = returns.GetValueOrDefault(person) ?? [];
                        var kept = options.Rolling ? Enumerable.Range(c + 1, k).All(back.Contains) : back.Contains(c + k);
                        retained += kept ? 1 : 0;
                    }

                    counts[k - 1] = options.Type == CohortType.Churn ? persons.Count - retained : retained;
                    shares[k - 1] = persons.Count == 0 ? null : (double)counts[k - 1] / persons.Count;
                }

                rows.Add(new Row(starts[c], item, persons.Count, counts, shares));
            }
        }

        var average = new List<(double?, int, double?)>();
        for (var k = 1; k <= lastData; k++)
        {
            var having = rows.Where(r => r.Counts.Length >= k && r.Included > 0).ToList();
            average.Add(having.Count == 0
                ? (null, 0, null)
                : (having.Average(r => r.Shares[k - 1]!.Value), having.Count, (double)having.Sum(r => r.Counts[k - 1]) / having.Sum(r => r.Included)));
        }

        return new Result(starts, split ? [.. items.Select(i => i!)] : [], hidden, rows, average);
    }
}
