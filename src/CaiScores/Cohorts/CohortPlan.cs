using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;
using CaiScores.Trends;

namespace CaiScores.Cohorts;

/// <summary>What a cohort split groups by.</summary>
internal enum CohortSplit
{
    None = 0,
    Attribute = 1,
    Bucket = 2,
}

/// <summary>
/// A cohort table worked out before any counting: the periods (the calendar and run placement of the trends), and per
/// period the runs that fall in it with, for each, the persons meeting the inclusion and the return criterion there
/// (bitmaps over the whole person index, already masked to the persons whose row of that run is in the period).
/// </summary>
internal sealed class CohortPlan
{
    /// <summary>The most retention counters a table may need (cohort rows × items × offsets), so a daily decade fails instead of allocating without end.</summary>
    public const int MaxCells = 1 << 24;

    /// <summary>The most attribute values a split takes (byte codes, plus "No value").</summary>
    public const int MaxAttributeValues = 254;

    private CohortPlan(ScoreTable table, CohortOptions options)
    {
        Table = table;
        Options = options;
    }

    public ScoreTable Table { get; }

    public CohortOptions Options { get; }

    public int Persons => Table.Persons.Count;

    public PeriodPlan[] Periods { get; private set; } = [];

    /// <summary>The last period holding a run, −1 when none: cells stop there.</summary>
    public int LastData { get; private set; } = -1;

    /// <summary>Per period, the run of each contribution (in run order).</summary>
    public int[][] Runs { get; private set; } = [];

    /// <summary>Per period and contribution, the persons meeting the inclusion criterion there.</summary>
    public ulong[][][] Inclusion { get; private set; } = [];

    /// <summary>Per period and contribution, the persons meeting the return criterion there.</summary>
    public ulong[][][] Return { get; private set; } = [];

    public CohortSplit Split { get; private set; }

    /// <summary>Item codes per cohort: 1 without a split; buckets then "No value"; attribute values then "No value".</summary>
    public int Items { get; private set; } = 1;

    /// <summary>The code of "No value", −1 without a split.</summary>
    public int NoValueItem { get; private set; } = -1;

    public string[] ItemLabels { get; private set; } = [];

    public BucketScheme? Scheme { get; private set; }

    /// <summary>Per run, each person's attribute value id + 1 (0 = none), when split by attribute.</summary>
    public ushort[][] Slots { get; private set; } = [];

    /// <summary>The offsets (cells) of the cohort of period <paramref name="period"/>: up to <see cref="LastData"/>.</summary>
    public int CellCount(int period) => Math.Max(0, LastData - period);

    public static CohortPlan Create(ScoreTable table, CohortOptions options)
    {
        Validate(options);
        var plan = new CohortPlan(table, options);
        plan.PlanSplit();
        var trend = TrendPlan.Create(table, new TrendOptions
        {
            Granularity = (TrendGranularity)(int)options.Granularity,
            TimeZone = options.TimeZone,
            FirstDayOfWeek = options.FirstDayOfWeek,
            Range = options.Range,
            Scheme = null,
            IncludeProbability = false,
        });
        plan.Periods = [.. trend.Periods];
        plan.LastData = Array.FindLastIndex(plan.Periods, p => p.Contributions.Count > 0);
        long cells = 0;
        for (var c = 0; c < plan.Periods.Length; c++)
        {
            cells += (long)plan.CellCount(c) * plan.Items;
        }

        if (cells > MaxCells)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{plan.Periods.Length:N0} {options.Granularity} periods × {plan.Items} items need {cells:N0} cohort cells, more than {MaxCells:N0}; use a shorter {nameof(CohortOptions.Range)}, a coarser {nameof(CohortOptions.Granularity)} or fewer split items."), nameof(CohortOptions.Range));
        }

        plan.PlanCriteria();
        return plan;
    }

    private static void Validate(CohortOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Granularity))
        {
            problems.Add($"{nameof(CohortOptions.Granularity)} {(int)options.Granularity} is not Day, Week, Month, Quarter or Year.");
        }

        if (!Enum.IsDefined(options.FirstDayOfWeek))
        {
            problems.Add($"{nameof(CohortOptions.FirstDayOfWeek)} {(int)options.FirstDayOfWeek} is not a day of the week.");
        }

        if (options.TimeZone is null)
        {
            problems.Add($"{nameof(CohortOptions.TimeZone)} is null; use TimeZoneInfo.Utc for UTC.");
        }

        if (!Enum.IsDefined(options.Type))
        {
            problems.Add($"{nameof(CohortOptions.Type)} {(int)options.Type} is not Retention or Churn.");
        }

        if (options.SplitByAttribute is not null && options.SplitByBucket is not null)
        {
            problems.Add($"{nameof(CohortOptions.SplitByAttribute)} and {nameof(CohortOptions.SplitByBucket)} are both set; split by one of them.");
        }

        if (options.SplitByAttribute is { Length: 0 })
        {
            problems.Add($"{nameof(CohortOptions.SplitByAttribute)} is empty; give an attribute name or null.");
        }

        if (options.MaxItems < 1)
        {
            problems.Add($"{nameof(CohortOptions.MaxItems)} is {options.MaxItems}; it is at least 1 (CJA shows 14).");
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            problems.Add($"{nameof(CohortOptions.MaxDegreeOfParallelism)} is {options.MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only).");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid cohort options: {string.Join(" ", problems)}", nameof(options));
        }
    }

    private void PlanSplit()
    {
        if (Options.SplitByBucket is { } scheme)
        {
            Split = CohortSplit.Bucket;
            Scheme = scheme;
            Items = scheme.Buckets.Count + 1;
            ItemLabels = [.. scheme.Buckets.Select(b => b.DisplayName), "No value"];
        }
        else if (Options.SplitByAttribute is { } name)
        {
            var attribute = Table.Attributes.Find(name) ?? throw AnalysisErrors.NoSuchAttribute(Table, name, nameof(CohortOptions.SplitByAttribute));
            if (attribute.Values.Count > MaxAttributeValues)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The attribute '{name}' has {attribute.Values.Count:N0} values; a cohort split takes at most {MaxAttributeValues}."), nameof(CohortOptions.SplitByAttribute));
            }

            Split = CohortSplit.Attribute;
            Slots = attribute.SlotsByRun;
            Items = attribute.Values.Count + 1;
            ItemLabels = [.. Enumerable.Range(0, attribute.Values.Count).Select(i => attribute.Values[i]), "No value"];
        }

        NoValueItem = Split == CohortSplit.None ? -1 : Items - 1;
    }

    private void PlanCriteria()
    {
        var words = BitmapKernels.WordLength(Persons);
        var presence = new Dictionary<int, ulong[]>();
        var inclusion = new Dictionary<int, ulong[]>();
        var returned = new Dictionary<int, ulong[]>();
        ulong[] Present(int run)
        {
            if (!presence.TryGetValue(run, out var bits))
            {
                presence[run] = bits = new ulong[words];
                Words.CopyBitmap(bits, Table.Runs[run].Presence, Persons);
            }

            return bits;
        }

        // Present in the run and meeting the segment evaluated on that run alone.
        ulong[] Meets(Segment? segment, Dictionary<int, ulong[]> cache, int run)
        {
            if (segment is null)
            {
                return Present(run);
            }

            if (!cache.TryGetValue(run, out var bits))
            {
                var set = segment.Evaluate(new SegmentScope(Table, run, run + 1));
                cache[run] = bits = new ulong[words];
                BitmapKernels.And(Present(run), set.Words[..words], bits);
            }

            return bits;
        }

        ulong[] Masked(ulong[] bits, ulong[]? mask)
        {
            if (mask is null)
            {
                return bits;
            }

            var masked = new ulong[words];
            BitmapKernels.And(bits, mask.AsSpan(0, words), masked);
            return masked;
        }

        var sameCriteria = ReferenceEquals(Options.Inclusion, Options.Return);
        Runs = new int[Periods.Length][];
        Inclusion = new ulong[Periods.Length][][];
        Return = new ulong[Periods.Length][][];
        for (var c = 0; c < Periods.Length; c++)
        {
            var contributions = Periods[c].Contributions;
            Runs[c] = [.. contributions.Select(x => x.Run)];
            Inclusion[c] = new ulong[contributions.Count][];
            Return[c] = new ulong[contributions.Count][];
            for (var i = 0; i < contributions.Count; i++)
            {
                var (run, mask) = contributions[i];
                Inclusion[c][i] = Masked(Meets(Options.Inclusion, inclusion, run), mask);
                Return[c][i] = sameCriteria ? Inclusion[c][i] : Masked(Meets(Options.Return, returned, run), mask);
            }
        }
    }
}
