using System.Numerics;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>One bucket of a <see cref="SuccessEventsByBucket"/> table.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="People">Persons scored in the run whose value falls in the bucket (CJA's People).</param>
/// <param name="PeopleWithEvents">Those of them with at least one outcome counted.</param>
/// <param name="Events">Their outcomes counted (CJA's success event, as occurrences).</param>
/// <param name="Value">The sum of the non-null values of those outcomes (CJA's success event, as a summed value); NaN when one is NaN.</param>
/// <param name="EventsPerPerson">Events / People, the per-person rate; null for a bucket without people.</param>
/// <param name="ConversionRate">PeopleWithEvents / People; null for a bucket without people.</param>
public sealed record SuccessEventsRow(Bucket Bucket, long People, long PeopleWithEvents, long Events, double Value, double? EventsPerPerson, double? ConversionRate);

/// <summary>
/// Success events by propensity bucket, as a CJA freeform table of the bucketed score against a success metric: per bucket
/// of one run, the people, how many of them had outcomes, the outcomes, their summed value, and the per-person rate.
/// </summary>
/// <remarks>
/// <para>Persons are bucketed by their value in the run (persons not scored in it count nowhere; a null or NaN value puts a
/// person in <see cref="NoValue"/> or <see cref="NaNCount"/>, in no row). Their outcomes are all of them by default, or those
/// in <c>(scoreDate, scoreDate + window]</c> with <see cref="SuccessEventsOptions.OutcomeWindowDays"/>.</para>
/// <para>Value sums are added in person order within fixed chunks merged in order: the same for any
/// <see cref="SuccessEventsOptions.MaxDegreeOfParallelism"/>, possibly not in the last bits the same as a sum in another order.</para>
/// </remarks>
public sealed class SuccessEventsByBucket
{
    /// <summary>
    /// The one way a <see cref="SuccessEventsByBucket"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal SuccessEventsByBucket(DateOnly run, BucketScheme scheme, int? days, SuccessEventsRow[] rows, long people, long noValue, long nan, ScoreTableDiagnostics diagnostics, OutcomeDiagnostics outcomeDiagnostics)
    {
        Run = run;
        Scheme = scheme;
        OutcomeWindowDays = days;
        Rows = rows;
        People = people;
        NoValue = noValue;
        NaNCount = nan;
        Diagnostics = diagnostics;
        OutcomeDiagnostics = outcomeDiagnostics;
    }

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>The buckets.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>The outcome window in days, or null when every outcome was counted.</summary>
    public int? OutcomeWindowDays { get; }

    /// <summary>One row per bucket, in the scheme's order (empty buckets included).</summary>
    public IReadOnlyList<SuccessEventsRow> Rows { get; }

    /// <summary>Persons scored in the run (and segment), with or without a value.</summary>
    public long People { get; }

    /// <summary>Persons scored with a null value: in no row.</summary>
    public long NoValue { get; }

    /// <summary>Persons scored with a NaN value: in no row.</summary>
    public long NaNCount { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The diagnostics of the outcome join (unknown persons and their samples).</summary>
    public OutcomeDiagnostics OutcomeDiagnostics { get; }

    /// <summary>Computes the table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="outcomes">Outcomes joined to <paramref name="table"/> with <see cref="OutcomeEvents.Join"/>.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new SuccessEventsOptions()</c> (the latest
    /// run, the CAI buckets, every outcome).</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException">The table or the outcomes are null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>, every problem listed; an outcome
    /// window of 0 or less among them); the run does not exist or the table has no runs; the outcomes were joined to another
    /// table (parameter <c>outcomes</c>); the segment names something the table does not have.</exception>
    public static SuccessEventsByBucket Compute(ScoreTable table, OutcomeEvents outcomes, SuccessEventsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(outcomes);
        options ??= new SuccessEventsOptions();
        options.Validate();
        outcomes.CheckTable(table, nameof(outcomes));
        var runIndex = AnalysisErrors.RunIndexOrLatest(table, options.Run, nameof(options));
        var scope = AnalysisScope.ForRun(table, runIndex, options.Segment);
        var run = table.Runs[runIndex];
        OutcomeWindow? window = options.OutcomeWindowDays is { } days ? OutcomeWindow.For(run.ScoreDate, days, options.TimeZone) : null;
        var query = new Query(scope, options.Scheme, outcomes, window);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => new Counts(options.Scheme),
            (state, from, count) => state.Add(query, from, count),
            (into, other) => into.Merge(other));
        var buckets = options.Scheme.Buckets;
        var rows = new SuccessEventsRow[buckets.Count];
        for (var b = 0; b < rows.Length; b++)
        {
            var people = counts.People[b];
            rows[b] = new SuccessEventsRow(
                buckets[b],
                people,
                counts.PeopleWithEvents[b],
                counts.Events[b],
                counts.Value[b],
                people == 0 ? null : (double)counts.Events[b] / people,
                people == 0 ? null : (double)counts.PeopleWithEvents[b] / people);
        }

        return new SuccessEventsByBucket(run.ScoreDate, options.Scheme, options.OutcomeWindowDays, rows, counts.Total, counts.NoValue, counts.NaN, table.Diagnostics, outcomes.Diagnostics);
    }

    /// <summary>What to count: the scope (one run), the scheme, the outcomes and the window (null = every outcome).</summary>
    internal sealed class Query(AnalysisScope scope, BucketScheme scheme, OutcomeEvents outcomes, OutcomeWindow? window)
    {
        public AnalysisScope Scope { get; } = scope;

        public BucketScheme Scheme { get; } = scheme;

        public OutcomeEvents Outcomes { get; } = outcomes;

        public OutcomeWindow? Window { get; } = window;
    }

    /// <summary>The mergeable state: per bucket people, people with events, events and value; the total, null and NaN persons.</summary>
    internal sealed class Counts(BucketScheme scheme)
    {
        public long[] People { get; } = new long[scheme.Buckets.Count];

        public long[] PeopleWithEvents { get; } = new long[scheme.Buckets.Count];

        public long[] Events { get; } = new long[scheme.Buckets.Count];

        public double[] Value { get; } = new double[scheme.Buckets.Count];

        public long Total { get; private set; }

        public long NoValue { get; private set; }

        public long NaN { get; private set; }

        public void Add(Query query, int from, int count)
        {
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            Span<byte> codes = stackalloc byte[ScopeMasks.Block];
            var buckets = scheme.Buckets.Count;
            var nanCode = BucketCodes.NaNCode(scheme.EdgeSpan.Length);
            var scope = query.Scope;
            var run = scope.Table.Runs[scope.FromRun];
            var outcomes = query.Outcomes;
            var offsets = outcomes.Offsets;
            var values = outcomes.Values;
            var validity = outcomes.ValueValidity;
            var blocks = new BucketBlocks(scope, scheme);
            try
            {
                for (var start = from; start < from + count; start += ScopeMasks.Block)
                {
                    var n = Math.Min(ScopeMasks.Block, from + count - start);
                    if (!blocks.Load(run, start, n, present, valid, codes))
                    {
                        continue;
                    }

                    for (var w = 0; w < BitmapKernels.WordLength(n); w++)
                    {
                        var bits = present[w];
                        Total += BitOperations.PopCount(bits);
                        while (bits != 0)
                        {
                            var i = (w << 6) + BitOperations.TrailingZeroCount(bits);
                            bits &= bits - 1;
                            var code = codes[i];
                            if (code >= buckets)
                            {
                                if (code == nanCode)
                                {
                                    NaN++;
                                }
                                else
                                {
                                    NoValue++;
                                }

                                continue;
                            }

                            var p = start + i;
                            People[code]++;
                            var (first, end) = query.Window is { } window ? window.Range(outcomes, p) : (offsets[p], offsets[p + 1]);
                            if (first == end)
                            {
                                continue;
                            }

                            PeopleWithEvents[code]++;
                            Events[code] += end - first;
                            for (var k = first; k < end; k++)
                            {
                                if (Bitmaps.Get(validity, k))
                                {
                                    Value[code] += values[k];
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
            StateMerge.Add(People, other.People);
            StateMerge.Add(PeopleWithEvents, other.PeopleWithEvents);
            StateMerge.Add(Events, other.Events);
            StateMerge.Add(Value, other.Value);

            Total += other.Total;
            NoValue += other.NoValue;
            NaN += other.NaN;
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
