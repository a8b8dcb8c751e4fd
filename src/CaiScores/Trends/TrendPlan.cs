using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Trends;

/// <summary>
/// A trend worked out before any counting: the periods, which runs (and which of their persons) fall in each, the series
/// and the accumulator keys each one gathers, and the segment's persons.
/// </summary>
internal sealed class TrendPlan
{
    /// <summary>At most this many periods (a century of days), so a wrong window fails instead of allocating without end.</summary>
    public const int MaxPeriods = 36_600;

    private TrendPlan(ScoreTable table, TrendOptions options)
    {
        Table = table;
        Options = options;
    }

    public ScoreTable Table { get; }

    public TrendOptions Options { get; }

    public double[] Edges { get; private set; } = [];

    /// <summary>Bucket slots per group: the buckets, then "No value".</summary>
    public int Slots => Edges.Length + 2;

    public PersonAttribute? Cohort { get; private set; }

    public int KeyCount { get; private set; }

    /// <summary>Per run, the cohort slot of every person (value id + 1, 0 for none); empty without cohorts.</summary>
    public ushort[][] CohortSlots { get; private set; } = [];

    public PersonSet? Filter { get; private set; }

    public List<PeriodPlan> Periods { get; } = [];

    public List<SeriesPlan> Series { get; } = [];

    public static TrendPlan Create(ScoreTable table, TrendOptions options)
    {
        Validate(options);
        var plan = new TrendPlan(table, options)
        {
            Edges = options.Scheme is { } scheme ? [.. scheme.Edges] : [],
            Cohort = options.CohortAttribute is { } name
                ? table.Attributes.Find(name) ?? throw AnalysisErrors.NoSuchAttribute(table, name, nameof(TrendOptions.CohortAttribute))
                : null,
        };
        if (plan.Cohort is { } attribute && attribute.Values.Count > GroupedBucketAggregator.MaxGroups)
        {
            throw new ArgumentException($"The attribute '{attribute.Name}' has {attribute.Values.Count:N0} values; a trend shows at most {GroupedBucketAggregator.MaxGroups:N0} cohorts.", nameof(TrendOptions.CohortAttribute));
        }

        plan.KeyCount = GroupedBucketAggregator.KeyCount(plan.Cohort?.Values.Count ?? 0, plan.Edges.Length);
        plan.CohortSlots = plan.Cohort is { } c ? c.SlotsByRun : [];
        plan.PlanPeriods();
        plan.PlanSeries();
        var used = plan.Periods.SelectMany(p => p.Contributions).Select(c => c.Run).ToList();
        var scope = used.Count == 0 ? new SegmentScope(table, 0, 0) : new SegmentScope(table, used.Min(), used.Max() + 1);
        plan.Filter = options.Segment?.Evaluate(scope);
        return plan;
    }

    private static void Validate(TrendOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Granularity))
        {
            problems.Add($"{nameof(TrendOptions.Granularity)} {options.Granularity} is not a TrendGranularity value.");
        }

        if (!Enum.IsDefined(options.FirstDayOfWeek))
        {
            problems.Add($"{nameof(TrendOptions.FirstDayOfWeek)} {options.FirstDayOfWeek} is not a day of the week.");
        }

        if (options.TimeZone is null)
        {
            problems.Add($"{nameof(TrendOptions.TimeZone)} is null; use TimeZoneInfo.Utc for UTC.");
        }

        if (options.Percentiles is null || options.Percentiles.Any(p => !(p > 0 && p <= 100)))
        {
            problems.Add($"{nameof(TrendOptions.Percentiles)} must be numbers in (0, 100]; got {(options.Percentiles is null ? "null" : string.Join(", ", options.Percentiles.Select(p => p.ToString(CultureInfo.InvariantCulture))))}.");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            problems.Add($"{nameof(TrendOptions.MaxDegreeOfParallelism)} is {options.MaxDegreeOfParallelism}; it is at least 1.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid trend options: {string.Join(" ", problems)}", nameof(options));
        }
    }

    /// <summary>The day a run falls on: its EE timestamp's day in the report zone, its score date for profile runs; null when persons differ.</summary>
    private DateOnly? RunDay(ScoreRun run) =>
        run.UniformTimestamp is { } ts ? DayOf(ts)
        : run.TimestampsVary ? null
        : run.ScoreDate;

    private DateOnly DayOf(DateTimeOffset timestamp) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(timestamp, Options.TimeZone).DateTime);

    private void PlanPeriods()
    {
        var runs = Table.Runs;
        if (Options.Granularity == TrendGranularity.Run)
        {
            foreach (var run in runs)
            {
                if (Options.Range is null || Options.Range.Contains(run.ScoreDate))
                {
                    var period = new PeriodPlan(run.ScoreDate, run.ScoreDate.AddDays(1), run.ScoreDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    period.Add(run, null);
                    Periods.Add(period);
                }
            }

            return;
        }

        // Days per run, or per person for runs whose timestamps differ.
        var calendar = new TrendCalendar(Options.Granularity, Options.FirstDayOfWeek);
        var personDays = new Dictionary<int, int[]>();
        var first = DateOnly.MaxValue;
        var last = DateOnly.MinValue;
        foreach (var run in runs)
        {
            if (RunDay(run) is { } day)
            {
                (first, last) = (Min(first, day), Max(last, day));
                continue;
            }

            var days = PersonDays(run);
            personDays[run.Index] = days;
            foreach (var d in days)
            {
                if (d != int.MinValue)
                {
                    var personDay = DateOnly.FromDayNumber(d);
                    (first, last) = (Min(first, personDay), Max(last, personDay));
                }
            }
        }

        DateRange? window = Options.Range;
        if (window is null)
        {
            if (first > last)
            {
                return; // no runs, no window: no periods
            }

            window = new DateRange(calendar.StartOf(first), calendar.Next(calendar.StartOf(last)));
        }

        for (var start = calendar.StartOf(window.Start); start < window.End; start = calendar.Next(start))
        {
            if (Periods.Count == MaxPeriods)
            {
                throw new ArgumentException($"The window {window} holds more than {MaxPeriods} {Options.Granularity} periods; use a shorter range or a coarser granularity.", nameof(TrendOptions.Range));
            }

            var end = calendar.Next(start);
            Periods.Add(new PeriodPlan(Max(start, window.Start), Min(end, window.End), calendar.Label(start)));
        }

        foreach (var run in runs)
        {
            if (RunDay(run) is { } day)
            {
                if (window.Contains(day))
                {
                    Periods[PeriodOf(day)].Add(run, null);
                }

                continue;
            }

            // Persons of one run on different days: a mask of persons per period.
            var masks = new SortedDictionary<int, ulong[]>();
            var days = personDays[run.Index];
            for (var p = 0; p < days.Length; p++)
            {
                if (days[p] == int.MinValue || !window.Contains(DateOnly.FromDayNumber(days[p])))
                {
                    continue;
                }

                var index = PeriodOf(DateOnly.FromDayNumber(days[p]));
                if (!masks.TryGetValue(index, out var mask))
                {
                    masks[index] = mask = new ulong[BitmapKernels.WordLength(days.Length)];
                }

                mask[p >> 6] |= 1UL << (p & 63);
            }

            foreach (var (index, mask) in masks)
            {
                Periods[index].Add(run, mask);
            }
        }
    }

    /// <summary>Each present person's day number in the report zone (the score date when the row has no timestamp); MinValue when absent.</summary>
    private int[] PersonDays(ScoreRun run)
    {
        var days = new int[run.PersonCount];
        var micros = run.TimestampMicros;
        var validity = run.TimestampValidity;
        for (var p = 0; p < days.Length; p++)
        {
            days[p] = !run.IsPresent(p) ? int.MinValue
                : Bitmaps.Get(validity, p) ? DayOf(Timestamps.FromMicros(micros[p])).DayNumber
                : run.ScoreDate.DayNumber;
        }

        return days;
    }

    private int PeriodOf(DateOnly day)
    {
        var lo = 0;
        var hi = Periods.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (Periods[mid].Start <= day)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    private void PlanSeries()
    {
        var scheme = Options.Scheme;
        var noValueSlot = Slots - 1;
        var groups = new List<(int Slot, string? Value)>();
        if (Cohort is { } cohort)
        {
            groups.AddRange(Enumerable.Range(0, cohort.Values.Count).OrderBy(id => cohort.Values[id], StringComparer.Ordinal).Select(id => (id + 1, (string?)cohort.Values[id])));
        }

        groups.Add((0, null)); // no cohort value, or everyone when there are no cohorts
        var buckets = new List<(int[] Slots, Bucketing.Bucket? Bucket, bool NoValue)>();
        if (scheme is not null)
        {
            buckets.AddRange(scheme.Buckets.Select(b => (new[] { b.Index }, (Bucketing.Bucket?)b, false)));
            buckets.Add(([noValueSlot], null, true));
        }
        else
        {
            buckets.Add(([.. Enumerable.Range(0, Slots)], null, false));
        }

        foreach (var (slot, value) in groups)
        {
            var cohortNoValue = Cohort is not null && slot == 0;
            foreach (var (bucketSlots, bucket, bucketNoValue) in buckets)
            {
                var cohortLabel = Cohort is null ? null : value ?? "No value";
                var bucketLabel = scheme is null ? null : bucket?.DisplayName ?? "No value";
                var label = (cohortLabel, bucketLabel) switch
                {
                    (null, null) => "All",
                    ({ } c, null) => c,
                    (null, { } b) => b,
                    ({ } c, { } b) => $"{c} · {b}",
                };
                var isNoValue = cohortNoValue || bucketNoValue;
                if (!isNoValue || Options.IncludeNoValue)
                {
                    Series.Add(new SeriesPlan(
                        new TrendSeries(Series.Count, label, value, bucket, isNoValue),
                        [.. bucketSlots.Select(b => (slot * Slots) + b)],
                        [.. bucketSlots.Where(b => b != noValueSlot).Select(b => (slot * Slots) + b)]));
                }
            }
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}

/// <summary>One period: its bounds and the runs (with an optional person mask) that fall in it.</summary>
internal sealed class PeriodPlan(DateOnly start, DateOnly end, string label)
{
    public DateOnly Start { get; } = start;

    public DateOnly End { get; } = end;

    public string Label { get; } = label;

    public List<(int Run, ulong[]? Mask)> Contributions { get; } = [];

    public List<DateOnly> Runs { get; } = [];

    /// <summary>Whether persons must be deduplicated across contributions (more than one run, or parts of runs).</summary>
    public bool Deduplicate => Contributions.Count > 1;

    public void Add(ScoreRun run, ulong[]? mask)
    {
        Contributions.Add((run.Index, mask));
        if (!Runs.Contains(run.ScoreDate))
        {
            Runs.Add(run.ScoreDate);
        }
    }
}

/// <summary>A shown series and the accumulator keys it gathers (all of them, and those holding a value).</summary>
internal sealed record SeriesPlan(TrendSeries Series, int[] Keys, int[] ValueKeys);
