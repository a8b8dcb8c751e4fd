using System.Buffers;
using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.ReasonCodes;

/// <summary>
/// The columns a reason-code table reads, resolved once: the runs in scope with their value, validity and presence
/// columns (masked by the segment) and their factor lists, the bucket edges, and the factor filter.
/// </summary>
internal sealed class ReasonCodePlan
{
    /// <summary>
    /// The most (bucket × code × value) cells for which value distributions are counted in the same walk as the codes,
    /// for every code (64 KiB of counts per state); beyond it a second walk counts them for the listed codes only.
    /// </summary>
    public const int FusedValueCells = 1 << 14;

    private ReasonCodePlan(ScoreTable table, ReasonCodeOptions options, RunPlan[] runs, int fusedValueCells)
    {
        Table = table;
        Options = options;
        Runs = runs;
        Edges = [.. options.Scheme.Edges];
        Groups = options.Scheme.Buckets.Count;
        Slots = table.FactorCodes.Count + 1;
        ImportanceMask = (int)options.Importance;
        ValueSlots = table.FactorValues.Count + 1;
        FuseValues = (long)Groups * Slots * ValueSlots <= fusedValueCells;
        if (FuseValues)
        {
            AllCells = new int[Groups * Slots];
            for (var c = 0; c < AllCells.Length; c++)
            {
                AllCells[c] = c;
            }
        }
    }

    public ScoreTable Table { get; }

    public ReasonCodeOptions Options { get; }

    public RunPlan[] Runs { get; }

    public double[] Edges { get; }

    /// <summary>Buckets of the scheme.</summary>
    public int Groups { get; }

    /// <summary>Factor codes + 1: slot 0 is the null code.</summary>
    public int Slots { get; }

    public int ImportanceMask { get; }

    /// <summary>Factor values + 1: slot 0 is the null value.</summary>
    public int ValueSlots { get; }

    /// <summary>Whether value distributions are counted for every code in the first walk (few cells), not in a second walk.</summary>
    public bool FuseValues { get; }

    /// <summary>With <see cref="FuseValues"/>: the identity selection, every (bucket, slot) cell its own index.</summary>
    public int[] AllCells { get; } = [];

    public bool IncludeNoValue => Options.IncludeNoValue;

    public int Persons => Table.Persons.Count;

    public static ReasonCodePlan Create(ScoreTable table, ReasonCodeOptions options, int fusedValueCells = FusedValueCells)
    {
        Validate(options);
        AnalysisScope scope;
        if (options.Range is { } range)
        {
            scope = AnalysisScope.Create(table, range, options.Segment);
        }
        else
        {
            var index = options.Run is { } run
                ? AnalysisErrors.RunIndex(table, run, nameof(ReasonCodeOptions.Run))
                : table.Runs.Count > 0 ? table.Runs.Count - 1 : throw AnalysisErrors.NoRuns(table, nameof(table));
            scope = AnalysisScope.ForRun(table, index, options.Segment);
        }

        var runs = new RunPlan[scope.RunCount];
        for (var r = 0; r < runs.Length; r++)
        {
            runs[r] = RunPlan.Create(table.Runs[scope.FromRun + r], options.Scheme.Field, scope);
        }

        return new ReasonCodePlan(table, options, runs, fusedValueCells);
    }

    /// <summary>Fills each row set's groups for persons <c>[from, from + count)</c> (count at most <see cref="PersonChunks.Size"/>).</summary>
    public void AssignGroups(int from, int count, FactorRows[] rows, double[] widened)
    {
        for (var r = 0; r < Runs.Length; r++)
        {
            var run = Runs[r];
            ReadOnlySpan<double> values;
            if (run.Percentiles is { } percentiles)
            {
                for (var i = 0; i < count; i++)
                {
                    widened[i] = percentiles[from + i];
                }

                values = widened.AsSpan(0, count);
            }
            else
            {
                values = run.Values.AsSpan(from, count);
            }

            FactorCounter.AssignGroups(values, run.Validity, run.Presence, from, Edges, rows[r].Groups);
        }
    }

    /// <summary>Runs <paramref name="body"/> over blocks of at most <see cref="PersonChunks.Size"/> persons, with their groups assigned.</summary>
    public void ForEachBlock(int from, int count, Action<FactorRows[], int, int> body)
    {
        var block = Math.Min(count, PersonChunks.Size);
        var rows = new FactorRows[Runs.Length];
        var groups = new byte[Runs.Length][];
        var widened = ArrayPool<double>.Shared.Rent(Math.Max(block, 1));
        try
        {
            for (var r = 0; r < Runs.Length; r++)
            {
                groups[r] = ArrayPool<byte>.Shared.Rent(Math.Max(block, 1));
                var run = Runs[r];
                rows[r] = new FactorRows(groups[r], run.Offsets, run.Codes, run.Importance, run.FactorValues);
            }

            for (var start = from; start < from + count; start += block)
            {
                var n = Math.Min(block, from + count - start);
                AssignGroups(start, n, rows, widened);
                body(rows, start, n);
            }
        }
        finally
        {
            foreach (var g in groups)
            {
                if (g is not null)
                {
                    ArrayPool<byte>.Shared.Return(g);
                }
            }

            ArrayPool<double>.Shared.Return(widened);
        }
    }

    private static void Validate(ReasonCodeOptions options)
    {
        var problems = new List<(string Parameter, string Message)>();
        if (options.Scheme is null)
        {
            problems.Add((nameof(ReasonCodeOptions.Scheme), "Scheme is null; use BucketScheme.Cai for Low / Medium / High."));
        }

        if (options.TopN < 1)
        {
            problems.Add((nameof(ReasonCodeOptions.TopN), string.Create(CultureInfo.InvariantCulture, $"TopN is {options.TopN}; it is at least 1 (int.MaxValue lists every code).")));
        }

        if (options.Run is { } run && options.Range is { } range)
        {
            problems.Add((nameof(ReasonCodeOptions.Range), string.Create(CultureInfo.InvariantCulture, $"Run ({run:yyyy-MM-dd}) and Range ({range}) are both set; give one run or one window.")));
        }

        if (options.Importance == 0 || ((int)options.Importance & ~(int)ImportanceFilter.Any) != 0)
        {
            problems.Add((nameof(ReasonCodeOptions.Importance), string.Create(CultureInfo.InvariantCulture, $"Importance {(int)options.Importance} is not a combination of ImportanceFilter flags; use ImportanceFilter.Any for every factor.")));
        }

        if (options.MaxDegreeOfParallelism < 1)
        {
            problems.Add((nameof(ReasonCodeOptions.MaxDegreeOfParallelism), string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {options.MaxDegreeOfParallelism}; it is at least 1.")));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid reason-code options: {string.Join(" ", problems.Select(p => p.Message))}",
                problems.Count == 1 ? problems[0].Parameter : nameof(options));
        }
    }

    /// <summary>One run's columns as the kernels read them (bitmaps already ANDed with the segment).</summary>
    internal sealed class RunPlan
    {
        public required DateOnly ScoreDate { get; init; }

        public required double[] Values { get; init; }

        public short[]? Percentiles { get; init; }

        public required byte[] Validity { get; init; }

        public required byte[] Presence { get; init; }

        public required int[] Offsets { get; init; }

        public required int[] Codes { get; init; }

        public required byte[] Importance { get; init; }

        public required int[] FactorValues { get; init; }

        public static RunPlan Create(ScoreRun run, ScoreField field, AnalysisScope scope)
        {
            var columns = run.Columns;
            var (values, validity) = field switch
            {
                ScoreField.Probability => (columns.Probabilities, columns.ProbabilityValidity),
                ScoreField.Percentile => (Array.Empty<double>(), columns.PercentileValidity),
                _ => (columns.Scores, columns.ScoreValidity),
            };

            return new RunPlan
            {
                ScoreDate = run.ScoreDate,
                Values = values,
                Percentiles = field == ScoreField.Percentile ? columns.Percentiles : null,
                Validity = scope.Filter is null ? validity : scope.Mask(validity).ToArray(),
                Presence = scope.Filter is null ? columns.Presence : scope.Mask(columns.Presence).ToArray(),
                Offsets = columns.FactorOffsets,
                Codes = columns.FactorCodes,
                Importance = columns.FactorImportance,
                FactorValues = columns.FactorValues,
            };
        }
    }
}

/// <summary>
/// The mergeable state behind a reason-code table: per bucket the persons and those with a counted factor, per (bucket,
/// code) the distinct persons overall and per importance, the grand total and the persons without a value. Counting any
/// partition of the persons and merging gives the counts of the whole.
/// </summary>
internal sealed class ReasonCodeCounts
{
    private readonly ReasonCodePlan _plan;

    private ReasonCodeCounts(ReasonCodePlan plan)
    {
        _plan = plan;
        Tally = new FactorTally(plan.Groups, plan.Slots);
        Values = plan.FuseValues ? new ValueTally(plan.Groups * plan.Slots, plan.ValueSlots) : null;
    }

    public FactorTally Tally { get; }

    /// <summary>The value distributions of every (bucket, slot) cell when the plan fuses them into this walk, else null.</summary>
    public ValueTally? Values { get; }

    public static ReasonCodeCounts Create(ReasonCodePlan plan) => new(plan);

    /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>.</summary>
    public void Add(int from, int count) =>
        _plan.ForEachBlock(from, count, (rows, start, n) => FactorCounter.Count(rows, start, n, _plan.ImportanceMask, _plan.IncludeNoValue, Tally, Values, _plan.AllCells));

    public void Merge(ReasonCodeCounts other)
    {
        Tally.Merge(other.Tally);
        Values?.Merge(other.Values!);
    }
}

/// <summary>The mergeable value distributions of the selected (bucket, code) cells: distinct persons per value.</summary>
internal sealed class ReasonCodeValues
{
    private readonly ReasonCodePlan _plan;
    private readonly int[] _selection;

    private ReasonCodeValues(ReasonCodePlan plan, int[] selection, int selections, int denseLimit)
    {
        _plan = plan;
        _selection = selection;
        Tally = new ValueTally(selections, plan.ValueSlots, denseLimit);
    }

    public ValueTally Tally { get; }

    /// <summary>A state for the cells whose <paramref name="selection"/> entry (per bucket × slot) is not −1.</summary>
    public static ReasonCodeValues Create(ReasonCodePlan plan, int[] selection, int selections, int denseLimit = ValueTally.DenseLimit) =>
        new(plan, selection, selections, denseLimit);

    public void Add(int from, int count) =>
        _plan.ForEachBlock(from, count, (rows, start, n) => FactorCounter.CountValues(rows, start, n, _plan.ImportanceMask, _plan.Slots, _selection, Tally));

    public void Merge(ReasonCodeValues other) => Tally.Merge(other.Tally);
}
