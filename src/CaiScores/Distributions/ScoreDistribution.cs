using System.Buffers;
using System.Runtime.InteropServices;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Distributions;

/// <summary>One row of a <see cref="ScoreDistribution"/>: a bucket (or the "No value" row) and its count.</summary>
/// <param name="Bucket">The bucket (label, alias, edges). The "No value" row has index <c>Scheme.Buckets.Count</c>, the
/// configured label and no edges.</param>
/// <param name="Count">People (distinct persons) or Events (score rows) in the bucket, per <see cref="ScoreDistribution.Metric"/>.</param>
/// <param name="Share">Count over <see cref="ScoreDistribution.Total"/>; 0 when the total is 0. With People over several
/// runs the shares may sum to more than 1.</param>
public sealed record DistributionRow(Bucket Bucket, long Count, double Share)
{
    /// <summary>Whether this is the "No value" row (see <see cref="ScoreDistributionOptions.IncludeNoValue"/>).</summary>
    public bool IsNoValue { get; init; }
}

/// <summary>
/// The distribution of scores over a bucket scheme: CAI's "Distribution of Scores" card and CJA's bar chart of a
/// value-bucketed score, for one run or every run in a date range, counting People or Events, optionally for a segment.
/// </summary>
/// <remarks>
/// <para><b>People</b> counts distinct persons: a person whose scores fall in two buckets inside the range counts once in
/// each bucket reached, and once in <see cref="Total"/> (CJA deduplicates the total row), so the bucket counts may sum to
/// more than the total. <b>Events</b> counts score rows, one per person and run. Over one run the two are equal.</para>
/// <para><see cref="Total"/> is the persons (rows) scored in the runs looked at, with or without a value. A scored person
/// whose value is null counts in <see cref="NoValue"/> (CJA's "No value"), not in a bucket; a NaN value (only possible in
/// tables built from hand-made records or foreign Arrow files — the readers turn NaN into null) counts in
/// <see cref="NaNCount"/>, not in a bucket. For Events, buckets + NoValue + NaNCount = Total. Persons not scored in a run
/// count nowhere for that run.</para>
/// <para>Rows follow the scheme's order, ascending lower bound, empty buckets included — CJA sorts value-bucket labels as
/// strings when sorted by name (<c>45 to 50</c> before <c>5 to 10</c>); this never does.</para>
/// <para>Exact: integer counts of exact compares on the stored doubles (74.99999999999999 is below 75). Counting runs over the
/// run columns with vectorised kernels, in fixed chunks of persons merged in order, so the result is the same for any
/// <see cref="ScoreDistributionOptions.MaxDegreeOfParallelism"/>.</para>
/// </remarks>
public sealed class ScoreDistribution
{
    /// <summary>
    /// The one way a <see cref="ScoreDistribution"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal ScoreDistribution(
        BucketScheme scheme,
        DistributionMetric metric,
        DateOnly[] runs,
        DateRange? range,
        DistributionRow[] rows,
        long total,
        long noValue,
        long nan,
        ValueStatistics statistics,
        ScoreTableDiagnostics diagnostics)
    {
        Scheme = scheme;
        Metric = metric;
        Runs = runs;
        Range = range;
        Rows = rows;
        Total = total;
        NoValue = noValue;
        NaNCount = nan;
        Statistics = statistics;
        Diagnostics = diagnostics;
    }

    /// <summary>The scheme the values were bucketed by.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>What was counted: People or Events.</summary>
    public DistributionMetric Metric { get; }

    /// <summary>The score dates of the runs counted, ascending (empty when a range holds no run).</summary>
    public IReadOnlyList<DateOnly> Runs { get; }

    /// <summary>The date range asked for, or null when one run was counted.</summary>
    public DateRange? Range { get; }

    /// <summary>One row per bucket in the scheme's order, then the "No value" row when <see cref="ScoreDistributionOptions.IncludeNoValue"/> is set.</summary>
    public IReadOnlyList<DistributionRow> Rows { get; }

    /// <summary>Persons (People, deduplicated across runs) or score rows (Events) scored in the runs counted, with or without a value.</summary>
    public long Total { get; }

    /// <summary>Persons (People: with a null value in some run counted) or rows (Events) whose value is null ("No value").</summary>
    public long NoValue { get; }

    /// <summary>Persons (People) or rows (Events) whose value is NaN; counted here, never in a bucket.</summary>
    public long NaNCount { get; }

    /// <summary>
    /// Count, mean, minimum and maximum of the values bucketed (score rows with a value, one per person and run), from the
    /// same pass as the buckets.
    /// </summary>
    public ValueStatistics Statistics { get; }

    /// <summary>The diagnostics of the table the distribution was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the distribution.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new ScoreDistributionOptions()</c>
    /// (the latest run, <see cref="BucketScheme.Distribution5"/>, People, everyone).</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message lists every problem);
    /// the run does not exist (parameter <c>run</c>; the message lists the runs); no run or range is given and the table has
    /// no runs (parameter <c>table</c>); the segment names a run, bucket or attribute the table does not have.</exception>
    public static ScoreDistribution Compute(ScoreTable table, ScoreDistributionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= ScoreDistributionOptions.Default;
        options.Validate();
        AnalysisScope scope;
        if (options.Range is { } range)
        {
            scope = AnalysisScope.Create(table, range, options.Segment);
        }
        else
        {
            var run = options.Run is { } date ? AnalysisErrors.RunIndex(table, date, "run")
                : table.Runs.Count > 0 ? table.Runs.Count - 1
                : throw AnalysisErrors.NoRuns(table, nameof(table));
            scope = AnalysisScope.ForRun(table, run, options.Segment);
        }

        var query = new DistributionQuery(scope, options.Scheme, options.Metric);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => DistributionCounts.Create(options.Scheme),
            (state, from, count) => state.Add(query, from, count),
            (into, other) => into.Merge(other));
        return counts.ToResult(query, options);
    }

    /// <summary>Computes the People distribution of one run over a scheme (a shortcut for the options form).</summary>
    /// <param name="table">The table.</param>
    /// <param name="scheme">The buckets.</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The run does not exist (parameter <c>run</c>), or the table has no runs.</exception>
    public static ScoreDistribution Compute(ScoreTable table, BucketScheme scheme, DateOnly? run = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        return Compute(table, new ScoreDistributionOptions { Scheme = scheme, Run = run });
    }

    /// <summary>What to count: the scope (runs and segment), the scheme and the metric.</summary>
    internal sealed class DistributionQuery(AnalysisScope scope, BucketScheme scheme, DistributionMetric metric)
    {
        public AnalysisScope Scope { get; } = scope;

        public BucketScheme Scheme { get; } = scheme;

        public DistributionMetric Metric { get; } = metric;

        /// <summary>People over several runs: persons are deduplicated with per-bucket bitmaps ORed across the runs.</summary>
        public bool Deduplicates => Metric == DistributionMetric.People && Scope.RunCount > 1;
    }

    /// <summary>
    /// The mergeable state behind a distribution: per-bucket counts, the total, No value, NaN and the values' moments.
    /// Counting any partition of the persons and merging gives the counts of the whole (a person's runs are always counted
    /// together); the chunks are fixed and merged in order, so the sum is the same for any degree of parallelism.
    /// </summary>
    internal sealed class DistributionCounts
    {
        private readonly long[] _counts;
        private Moments _moments = Moments.Empty;
        private long _total;
        private long _noValue;
        private long _nan;

        private DistributionCounts(BucketScheme scheme) => _counts = new long[scheme.Buckets.Count];

        public IReadOnlyList<long> Counts => _counts;

        public long Total => _total;

        public long NoValue => _noValue;

        public long NaN => _nan;

        public static DistributionCounts Create(BucketScheme scheme) => new(scheme);

        /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, a block at a time.</summary>
        public void Add(DistributionQuery query, int from, int count)
        {
            var widened = query.Scheme.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(ScopeMasks.Block) : null;
            try
            {
                for (var start = from; start < from + count; start += ScopeMasks.Block)
                {
                    var n = Math.Min(ScopeMasks.Block, from + count - start);
                    if (query.Deduplicates)
                    {
                        AddPeople(query, start, n, widened);
                    }
                    else
                    {
                        AddEvents(query, start, n, widened);
                    }
                }
            }
            finally
            {
                if (widened is not null)
                {
                    ArrayPool<double>.Shared.Return(widened);
                }
            }
        }

        public void Merge(DistributionCounts other)
        {
            StateMerge.Add(_counts, other._counts);

            _total += other._total;
            _noValue += other._noValue;
            _nan += other._nan;
            _moments.Merge(other._moments);
        }

        public ScoreDistribution ToResult(DistributionQuery query, ScoreDistributionOptions options)
        {
            var scheme = query.Scheme;
            var rows = new DistributionRow[_counts.Length + (options.IncludeNoValue ? 1 : 0)];
            for (var i = 0; i < _counts.Length; i++)
            {
                rows[i] = new DistributionRow(scheme.Buckets[i], _counts[i], Share(_counts[i]));
            }

            if (options.IncludeNoValue)
            {
                rows[^1] = new DistributionRow(new Bucket(_counts.Length, options.NoValueLabel, null, null, null), _noValue, Share(_noValue)) { IsNoValue = true };
            }

            var scope = query.Scope;
            var runs = new DateOnly[scope.RunCount];
            for (var r = 0; r < runs.Length; r++)
            {
                runs[r] = scope.Table.Runs[scope.FromRun + r].ScoreDate;
            }

            var statistics = _moments.Count == 0
                ? new ValueStatistics(0, 0, null, null)
                : new ValueStatistics(_moments.Count, _moments.Sum, _moments.Min, _moments.Max);
            return new ScoreDistribution(scheme, query.Metric, runs, options.Range, rows, _total, _noValue, _nan, statistics, scope.Table.Diagnostics);
        }

        private double Share(long count) => _total == 0 ? 0 : (double)count / _total;

        /// <summary>Events, or People of one run: each run's block counted straight into the buckets.</summary>
        private void AddEvents(DistributionQuery query, int start, int n, double[]? widened)
        {
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            var words = BitmapKernels.WordLength(n);
            var scope = query.Scope;
            for (var r = scope.FromRun; r < scope.ToRun; r++)
            {
                var run = scope.Table.Runs[r];
                if (!ScopeMasks.Present(scope, run, start, n, present))
                {
                    continue;
                }

                var values = ScopeMasks.Column(run, query.Scheme.Field, start, n, widened, out var validity);
                ScopeMasks.Valid(validity, start, n, present[..words], valid);
                _nan += BucketCounter.Count(values, MemoryMarshal.AsBytes(valid[..words]), 0, query.Scheme.EdgeSpan, _counts);
                ValueMoments.Add(values, valid[..words], ref _moments);
                _total += BitmapKernels.PopCount(present[..words]);
                _noValue += ScopeMasks.CountExcept(present[..words], valid[..words]);
            }
        }

        /// <summary>People over several runs: per-bucket person bitmaps of the block ORed across the runs, then popcounted.</summary>
        private void AddPeople(DistributionQuery query, int start, int n, double[]? widened)
        {
            var edges = query.Scheme.EdgeSpan;
            var planeCount = edges.Length + 2; // the buckets, then NaN (BucketCodes.NaNCode)
            Span<ulong> planes = planeCount <= BucketScheme.MaxBuckets + 1 ? stackalloc ulong[planeCount * ScopeMasks.Words] : new ulong[planeCount * ScopeMasks.Words];
            Span<ulong> anyPresent = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> anyNoValue = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            Span<byte> codes = stackalloc byte[ScopeMasks.Block];
            planes.Clear();
            anyPresent.Clear();
            anyNoValue.Clear();
            var words = BitmapKernels.WordLength(n);
            var scope = query.Scope;
            for (var r = scope.FromRun; r < scope.ToRun; r++)
            {
                var run = scope.Table.Runs[r];
                if (!ScopeMasks.Present(scope, run, start, n, present))
                {
                    continue;
                }

                var values = ScopeMasks.Column(run, query.Scheme.Field, start, n, widened, out var validity);
                ScopeMasks.Valid(validity, start, n, present[..words], valid);
                BucketCodes.Assign(values, MemoryMarshal.AsBytes(valid[..words]), 0, edges, codes);
                ValueMoments.Add(values, valid[..words], ref _moments);
                ByteCodes.OrPlanes(codes[..n], planes, planeCount, ScopeMasks.Words);
                for (var w = 0; w < words; w++)
                {
                    anyPresent[w] |= present[w];
                    anyNoValue[w] |= present[w] & ~valid[w];
                }
            }

            for (var b = 0; b < _counts.Length; b++)
            {
                _counts[b] += BitmapKernels.PopCount(planes.Slice(b * ScopeMasks.Words, words));
            }

            _nan += BitmapKernels.PopCount(planes.Slice(_counts.Length * ScopeMasks.Words, words));
            _total += BitmapKernels.PopCount(anyPresent[..words]);
            _noValue += BitmapKernels.PopCount(anyNoValue[..words]);
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
