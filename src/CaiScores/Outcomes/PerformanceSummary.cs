using System.Numerics;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Models;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>One run × bucket of a <see cref="PerformanceSummary"/>.</summary>
/// <param name="Run">The run's score date.</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="Profiles">Persons scored in the run whose value falls in the bucket.</param>
/// <param name="ExpectedRate">The mean probability of those profiles that have one (null and NaN probabilities left out);
/// null when none has. [INF] Customer AI does not document its expected rate; this is the natural reading.</param>
/// <param name="Events">Profiles that converted (<see cref="PropensityKind.Conversion"/>: an outcome in the window) or churned
/// (<see cref="PropensityKind.Churn"/>: none); null until the window has passed.</param>
/// <param name="ActualRate">Events / Profiles; null until the window has passed, or for a bucket without profiles.</param>
public sealed record PerformanceRow(DateOnly Run, Bucket Bucket, long Profiles, double? ExpectedRate, long? Events, double? ActualRate);

/// <summary>One run of a <see cref="PerformanceSummary"/>, all its profiles together.</summary>
/// <param name="Run">The run's score date.</param>
/// <param name="WindowEnd">The end of the run's outcome window (inclusive): midnight, <see cref="PerformanceSummary.OutcomeWindowDays"/> days after the score date.</param>
/// <param name="WindowPassed">Whether <c>WindowEnd &lt;= AsOf</c>: only then are the actual rates reported.</param>
/// <param name="Profiles">Persons scored in the run (and segment), with or without a value.</param>
/// <param name="NoValue">Profiles with a null value in the scheme's field: in no bucket, but in the run's rates.</param>
/// <param name="NaNCount">Profiles with a NaN value: in no bucket, but in the run's rates.</param>
/// <param name="ExpectedRate">The mean probability over the run's profiles that have one; null when none has.</param>
/// <param name="Events">Profiles that converted (or churned); null until the window has passed.</param>
/// <param name="ActualRate">Events / Profiles; null until the window has passed or when the run has no profiles.</param>
public sealed record PerformanceRun(DateOnly Run, DateTimeOffset WindowEnd, bool WindowPassed, long Profiles, long NoValue, long NaNCount, double? ExpectedRate, long? Events, double? ActualRate);

/// <summary>
/// Customer AI's performance summary (historical performance): per scoring run and propensity bucket, the profiles, the
/// expected rate (mean probability) and, once the run's outcome window has passed, the actual conversion or churn rate.
/// </summary>
/// <remarks>
/// <para>A profile <b>converted</b> when it has at least one outcome in <c>(scoreDate, scoreDate + window]</c> (midnight to
/// midnight in the options' time zone; an outcome exactly at the score date's midnight does not count, one exactly at the
/// window's end does). <b>Churned</b> is the opposite: no outcome in the window.</para>
/// <para>The actual rate is null until <c>scoreDate + window &lt;= AsOf</c>; <c>AsOf</c> defaults to the latest outcome read
/// (see <see cref="PerformanceSummaryOptions.AsOf"/>). Customer AI draws the expected rate dotted until then.</para>
/// <para>Profiles are the persons scored in the run (and in the segment); persons not scored in a run count nowhere for it.
/// A null or NaN value in the scheme's field puts a profile in no bucket, but in its run's totals.</para>
/// <para>Counting runs over the run columns a block at a time (bucket codes from the vectorised kernel, then one pass over
/// the scored persons), in fixed chunks of persons merged in order, so the result is the same for any
/// <see cref="PerformanceSummaryOptions.MaxDegreeOfParallelism"/>; sums of probabilities may differ from a sum in another
/// order in the last bits.</para>
/// </remarks>
public sealed class PerformanceSummary
{
    /// <summary>
    /// The one way a <see cref="PerformanceSummary"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal PerformanceSummary(PropensityKind kind, BucketScheme scheme, int days, DateTimeOffset? asOf, PerformanceRun[] runs, PerformanceRow[] rows, ScoreTableDiagnostics diagnostics, OutcomeDiagnostics outcomeDiagnostics)
    {
        Kind = kind;
        Scheme = scheme;
        OutcomeWindowDays = days;
        AsOf = asOf;
        Runs = runs;
        Rows = rows;
        Diagnostics = diagnostics;
        OutcomeDiagnostics = outcomeDiagnostics;
    }

    /// <summary>Conversion or churn.</summary>
    public PropensityKind Kind { get; }

    /// <summary>The buckets.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>The outcome window, in days.</summary>
    public int OutcomeWindowDays { get; }

    /// <summary>When the outcome data is taken to be complete (the option, else the latest outcome read); null when unknown.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>One entry per run looked at, ascending by score date.</summary>
    public IReadOnlyList<PerformanceRun> Runs { get; }

    /// <summary>One row per run and bucket: runs ascending, buckets in the scheme's order (empty buckets included).</summary>
    public IReadOnlyList<PerformanceRow> Rows { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The diagnostics of the outcome join (unknown persons and their samples).</summary>
    public OutcomeDiagnostics OutcomeDiagnostics { get; }

    /// <summary>Computes the summary.</summary>
    /// <param name="table">The table.</param>
    /// <param name="outcomes">Outcomes joined to <paramref name="table"/> with <see cref="OutcomeEvents.Join"/>.</param>
    /// <param name="options">The settings (the outcome window is required).</param>
    /// <returns>The summary; no runs (and no rows) when the range holds none.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>, every problem listed; an outcome
    /// window of 0 or less among them); the outcomes were joined to another table (parameter <c>outcomes</c>); the segment
    /// names something the table does not have.</exception>
    public static PerformanceSummary Compute(ScoreTable table, OutcomeEvents outcomes, PerformanceSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        outcomes.CheckTable(table, nameof(outcomes));
        var scope = AnalysisScope.Create(table, options.Range, options.Segment);
        var asOf = options.AsOf ?? outcomes.Latest;
        var kind = options.Kind ?? (string.Equals(table.ModelType, "churn", StringComparison.OrdinalIgnoreCase) ? PropensityKind.Churn : PropensityKind.Conversion);
        var windows = new OutcomeWindow[scope.RunCount];
        for (var r = 0; r < windows.Length; r++)
        {
            windows[r] = OutcomeWindow.For(table.Runs[scope.FromRun + r].ScoreDate, options.OutcomeWindowDays, options.TimeZone);
        }

        var query = new Query(scope, options.Scheme, outcomes, windows, asOf);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => new Counts(query),
            (state, from, count) => state.Add(query, from, count),
            (into, other) => into.Merge(other));
        return counts.ToResult(query, kind, options.OutcomeWindowDays, table.Diagnostics, outcomes.Diagnostics);
    }

    /// <summary>What to count: the scope, the scheme, the outcomes and each run's window, and which windows have passed.</summary>
    internal sealed class Query(AnalysisScope scope, BucketScheme scheme, OutcomeEvents outcomes, OutcomeWindow[] windows, DateTimeOffset? asOf)
    {
        public AnalysisScope Scope { get; } = scope;

        public BucketScheme Scheme { get; } = scheme;

        public OutcomeEvents Outcomes { get; } = outcomes;

        public OutcomeWindow[] Windows { get; } = windows;

        public DateTimeOffset? AsOf { get; } = asOf;
    }

    /// <summary>
    /// The mergeable state: per run and bucket (the last slot of each run is the run's total) the profiles, the probability
    /// count and sum, and the converted profiles; per run the null and NaN values. Counting any partition of the persons and
    /// merging gives the counts of the whole.
    /// </summary>
    internal sealed class Counts
    {
        private readonly int _slots;

        public Counts(Query query)
        {
            _slots = query.Scheme.Buckets.Count + 1;
            var n = query.Scope.RunCount * _slots;
            Profiles = new long[n];
            WithProbability = new long[n];
            ProbabilitySum = new double[n];
            Converted = new long[n];
            NoValue = new long[query.Scope.RunCount];
            NaN = new long[query.Scope.RunCount];
        }

        public long[] Profiles { get; }

        public long[] WithProbability { get; }

        public double[] ProbabilitySum { get; }

        public long[] Converted { get; }

        public long[] NoValue { get; }

        public long[] NaN { get; }

        public void Add(Query query, int from, int count)
        {
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> positive = stackalloc ulong[ScopeMasks.Words];
            Span<byte> codes = stackalloc byte[ScopeMasks.Block];
            var buckets = query.Scheme.Buckets.Count;
            var nanCode = BucketCodes.NaNCode(query.Scheme.EdgeSpan.Length);
            var scope = query.Scope;
            var blocks = new BucketBlocks(scope, query.Scheme);
            try
            {
                for (var start = from; start < from + count; start += ScopeMasks.Block)
                {
                    var n = Math.Min(ScopeMasks.Block, from + count - start);
                    var words = BitmapKernels.WordLength(n);
                    for (var r = 0; r < scope.RunCount; r++)
                    {
                        var run = scope.Table.Runs[scope.FromRun + r];
                        if (!blocks.Load(run, start, n, present, valid, codes))
                        {
                            continue;
                        }

                        var window = query.Windows[r];
                        var passed = window.HasPassed(query.AsOf);
                        positive[..words].Clear();
                        if (passed)
                        {
                            window.MarkPositives(query.Outcomes, start, n, positive);
                        }

                        var probabilities = run.Probabilities;
                        var probabilityValidity = run.ProbabilityValidity;
                        var slot = r * _slots;
                        var total = slot + buckets;
                        for (var w = 0; w < words; w++)
                        {
                            var bits = present[w];
                            while (bits != 0)
                            {
                                var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                                bits &= bits - 1;
                                var p = start + i;
                                var code = codes[i];
                                var converted = (long)((positive[w] >> i) & 1);
                                var hasProbability = Bitmaps.Get(probabilityValidity, p) && !double.IsNaN(probabilities[p]);
                                var probability = hasProbability ? probabilities[p] : 0;
                                if (code < buckets)
                                {
                                    Profiles[slot + code]++;
                                    Converted[slot + code] += converted;
                                    if (hasProbability)
                                    {
                                        WithProbability[slot + code]++;
                                        ProbabilitySum[slot + code] += probability;
                                    }
                                }
                                else if (code == nanCode)
                                {
                                    NaN[r]++;
                                }
                                else
                                {
                                    NoValue[r]++;
                                }

                                Profiles[total]++;
                                Converted[total] += converted;
                                if (hasProbability)
                                {
                                    WithProbability[total]++;
                                    ProbabilitySum[total] += probability;
                                }
                            }
                        }
                    }
                }
            }
            finally
            {
                blocks.Dispose();
            }
        }

        public void Merge(Counts other)
        {
            StateMerge.Add(Profiles, other.Profiles);
            StateMerge.Add(WithProbability, other.WithProbability);
            StateMerge.Add(ProbabilitySum, other.ProbabilitySum);
            StateMerge.Add(Converted, other.Converted);
            StateMerge.Add(NoValue, other.NoValue);
            StateMerge.Add(NaN, other.NaN);
        }

        public PerformanceSummary ToResult(Query query, PropensityKind kind, int days, ScoreTableDiagnostics diagnostics, OutcomeDiagnostics outcomeDiagnostics)
        {
            var scope = query.Scope;
            var buckets = query.Scheme.Buckets;
            var runs = new PerformanceRun[scope.RunCount];
            var rows = new PerformanceRow[scope.RunCount * buckets.Count];
            for (var r = 0; r < runs.Length; r++)
            {
                var date = scope.Table.Runs[scope.FromRun + r].ScoreDate;
                var window = query.Windows[r];
                var passed = window.HasPassed(query.AsOf);
                var slot = r * _slots;
                for (var b = 0; b < buckets.Count; b++)
                {
                    var (expected, events, actual) = Rates(slot + b, passed, kind);
                    rows[(r * buckets.Count) + b] = new PerformanceRow(date, buckets[b], Profiles[slot + b], expected, events, actual);
                }

                var (runExpected, runEvents, runActual) = Rates(slot + buckets.Count, passed, kind);
                runs[r] = new PerformanceRun(date, window.End, passed, Profiles[slot + buckets.Count], NoValue[r], NaN[r], runExpected, runEvents, runActual);
            }

            return new PerformanceSummary(kind, query.Scheme, days, query.AsOf, runs, rows, diagnostics, outcomeDiagnostics);
        }

        private (double? Expected, long? Events, double? Actual) Rates(int slot, bool passed, PropensityKind kind)
        {
            double? expected = WithProbability[slot] == 0 ? null : ProbabilitySum[slot] / WithProbability[slot];
            long? events = passed ? (kind == PropensityKind.Churn ? Profiles[slot] - Converted[slot] : Converted[slot]) : null;
            double? actual = events is { } e && Profiles[slot] > 0 ? (double)e / Profiles[slot] : null;
            return (expected, events, actual);
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
