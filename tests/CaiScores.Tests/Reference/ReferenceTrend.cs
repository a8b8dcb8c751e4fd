using CaiScores.Bucketing;
using CaiScores.Models;
using CaiScores.Trends;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for trends: every record placed in its period by its own day, its series by its own score and cohort;
/// people as hash sets of person ids. Slow and obviously right.
/// </summary>
internal static class ReferenceTrend
{
    public sealed record Cell(long People, long Events, double? MeanScore, double? MeanProbability, IReadOnlyList<double> ScorePercentiles);

    public sealed record Result(IReadOnlyList<DateOnly> PeriodStarts, Dictionary<(DateOnly Period, string Series), Cell> Cells, Dictionary<DateOnly, (long People, long Events)> Totals);

    /// <param name="records">De-duplicated records of one instance.</param>
    /// <param name="options">The trend options (Segment is not supported here: filter the records instead).</param>
    /// <param name="cohortOf">The cohort value of a person as of a run, or null.</param>
    public static Result Compute(IReadOnlyList<ScoreRecord> records, TrendOptions options, Func<string, DateOnly, string?> cohortOf)
    {
        DateOnly Day(ScoreRecord r) => r.Timestamp is { } ts ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ts, options.TimeZone).DateTime) : r.ScoreDate!.Value;
        DateOnly PeriodStart(DateOnly d) => options.Granularity switch
        {
            TrendGranularity.Day => d,
            TrendGranularity.Week => d.AddDays(-(((int)d.DayOfWeek - (int)options.FirstDayOfWeek + 7) % 7)),
            TrendGranularity.Month => new DateOnly(d.Year, d.Month, 1),
            TrendGranularity.Quarter => new DateOnly(d.Year, (((d.Month - 1) / 3) * 3) + 1, 1),
            _ => new DateOnly(d.Year, 1, 1),
        };
        DateOnly Next(DateOnly s) => options.Granularity switch
        {
            TrendGranularity.Day => s.AddDays(1),
            TrendGranularity.Week => s.AddDays(7),
            TrendGranularity.Month => s.AddMonths(1),
            TrendGranularity.Quarter => s.AddMonths(3),
            _ => s.AddYears(1),
        };

        var placed = new List<(DateOnly Period, string Series, ScoreRecord Record)>();
        foreach (var r in records)
        {
            DateOnly period;
            if (options.Granularity == TrendGranularity.Run)
            {
                if (options.Range is { } range && !range.Contains(r.RunKey))
                {
                    continue;
                }

                period = r.RunKey;
            }
            else
            {
                var day = Day(r);
                if (options.Range is { } range && !range.Contains(day))
                {
                    continue;
                }

                period = PeriodStart(day);
                if (options.Range is { } clip && period < clip.Start)
                {
                    period = clip.Start;
                }
            }

            var noScore = r.Score is not { } s || double.IsNaN(s);
            string? bucket = options.Scheme is null ? null : noScore ? "No value" : options.Scheme.Buckets[options.Scheme.BucketOf(r.Score!.Value)].DisplayName;
            string? cohort = options.CohortAttribute is null ? null : cohortOf(r.PersonId, r.RunKey) ?? "No value";
            var isNoValue = bucket == "No value" || cohort == "No value";
            if (isNoValue && !options.IncludeNoValue)
            {
                continue;
            }

            var series = (cohort, bucket) switch
            {
                (null, null) => "All",
                ({ } c, null) => c,
                (null, { } b) => b,
                ({ } c, { } b) => $"{c} · {b}",
            };
            placed.Add((period, series, r));
        }

        var starts = new List<DateOnly>();
        if (options.Granularity == TrendGranularity.Run)
        {
            // Every run of the window is a period, also one whose rows are all "No value" (they show with zeros).
            starts.AddRange(records.Select(r => r.RunKey).Where(k => options.Range is not { } range || range.Contains(k)).Distinct().Order());
        }
        else if (options.Range is { } range)
        {
            for (var s = PeriodStart(range.Start); s < range.End; s = Next(s))
            {
                starts.Add(s < range.Start ? range.Start : s);
            }
        }
        else if (records.Count > 0)
        {
            var first = PeriodStart(records.Min(Day));
            var last = PeriodStart(records.Max(Day));
            for (var s = first; s <= last; s = Next(s))
            {
                starts.Add(s);
            }
        }

        var cells = placed.GroupBy(p => (p.Period, p.Series)).ToDictionary(
            g => g.Key,
            g =>
            {
                var scores = g.Select(p => p.Record.Score).Where(s => s is { } v && !double.IsNaN(v)).Select(s => s!.Value).ToList();
                var probabilities = options.IncludeProbability ? g.Select(p => p.Record.Probability).OfType<double>().Where(p => !double.IsNaN(p)).ToList() : [];
                return new Cell(
                    g.Select(p => p.Record.PersonId).Distinct().Count(),
                    g.Count(),
                    scores.Count == 0 ? null : scores.Sum() / scores.Count,
                    probabilities.Count == 0 ? null : probabilities.Sum() / probabilities.Count,
                    NearestRank(scores, options.Percentiles));
            });
        var totals = placed.GroupBy(p => p.Period).ToDictionary(g => g.Key, g => ((long)g.Select(p => p.Record.PersonId).Distinct().Count(), (long)g.Count()));
        return new Result(starts, cells, totals);
    }

    private static IReadOnlyList<double> NearestRank(List<double> values, IReadOnlyList<double> percentiles)
    {
        if (values.Count == 0)
        {
            return [];
        }

        var sorted = values.Order().ToList();
        return [.. percentiles.Select(p => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count / 100) - 1)])];
    }
}
