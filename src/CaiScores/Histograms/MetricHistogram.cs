using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Histograms;

/// <summary>
/// CJA's Histogram visualisation: entities (persons or score rows) bucketed by an integer metric — how many runs scored
/// each person, how many influential factors they had, the score of each row — into <see cref="BucketCount"/> buckets of
/// <see cref="BucketSize"/> integers from <see cref="StartingBucket"/>, plus an overflow bucket.
/// </summary>
/// <remarks>
/// <para>Buckets are inclusive integer ranges labelled as CJA labels them: start 1, size 1 gives <c>1</c>, <c>2</c>, …;
/// start 1, size 2 gives <c>1-2</c>, <c>3-4</c>, …; start 0, size 5 gives <c>0-4</c>, <c>5-9</c>, …. The last row is the
/// overflow bucket <c>"{start + count·size}+"</c>, every value at or above it. Entities below the start (for example persons
/// with no factors when the start is 1) are not in a row; they are counted in <see cref="BelowStartCount"/>.</para>
/// <para>Non-integer metrics (scores) are floored: 74.6 counts as 74, −0.5 as −1 (below any start). ±∞ fall below the start
/// or into the overflow bucket. NaN counts in <see cref="NaNCount"/>, a null value (a score row without a score or
/// percentile) in <see cref="NoValueCount"/>; neither is in a row. So rows + BelowStartCount + NoValueCount + NaNCount =
/// <see cref="EntityCount"/>.</para>
/// <para>Person counting looks at the persons scored at least once in the date range (a person scored in no run of the
/// range is not an entity, as in CJA); Event counting at every score row in the range. Exact integer counting; the result
/// is the same for any degree of parallelism.</para>
/// </remarks>
public sealed class MetricHistogram
{
    /// <summary>The most buckets CJA's Histogram allows (<see cref="BucketCount"/>), the overflow bucket not included.</summary>
    public const int MaxBuckets = 50;

    /// <summary>
    /// The one way a <see cref="MetricHistogram"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal MetricHistogram(HistogramLayout layout, HistogramRow[] rows, long below, long noValue, long nan, long entities, HistogramMetric? metric, CountingMethod? counting, DateOnly[] runs, ScoreTableDiagnostics? diagnostics)
    {
        StartingBucket = layout.Start;
        BucketCount = layout.Count;
        BucketSize = layout.Size;
        Rows = rows;
        BelowStartCount = below;
        NoValueCount = noValue;
        NaNCount = nan;
        EntityCount = entities;
        Metric = metric;
        CountingMethod = counting;
        Runs = runs;
        Diagnostics = diagnostics;
    }

    /// <summary>The <see cref="BucketCount"/> buckets in ascending order, then the overflow bucket.</summary>
    [JsonPropertyOrder(1)] // JSON: the rows after what they count, then the diagnostics.
    public IReadOnlyList<HistogramRow> Rows { get; }

    /// <summary>Entities whose (floored) metric is below <see cref="StartingBucket"/>.</summary>
    public long BelowStartCount { get; }

    /// <summary>Entities without a value (score rows with a null score or percentile).</summary>
    public long NoValueCount { get; }

    /// <summary>Entities whose metric is NaN.</summary>
    public long NaNCount { get; }

    /// <summary>Entities looked at: persons scored in the range, score rows, or the values given.</summary>
    public long EntityCount { get; }

    /// <summary>The first integer of the first bucket.</summary>
    public long StartingBucket { get; }

    /// <summary>The number of buckets before the overflow bucket.</summary>
    public int BucketCount { get; }

    /// <summary>Integers per bucket.</summary>
    public long BucketSize { get; }

    /// <summary>The metric, or null for a histogram of given values (<see cref="FromValues(ReadOnlySpan{long}, long, int, long)"/>).</summary>
    public HistogramMetric? Metric { get; }

    /// <summary>The counting method, or null for a histogram of given values.</summary>
    public CountingMethod? CountingMethod { get; }

    /// <summary>The score dates of the runs looked at (empty for given values).</summary>
    public IReadOnlyList<DateOnly> Runs { get; }

    /// <summary>The diagnostics of the table, or null for given values.</summary>
    [JsonPropertyOrder(2)]
    public ScoreTableDiagnostics? Diagnostics { get; }

    /// <summary>The histogram of a metric of a table.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new MetricHistogramOptions()</c>: scoring
    /// events per person over every run, buckets 1, 2, …, 10 and <c>11+</c>.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message lists every
    /// problem), or the segment names something the table does not have.</exception>
    public static MetricHistogram Compute(ScoreTable table, MetricHistogramOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= MetricHistogramOptions.Default;
        options.Validate();
        var scope = AnalysisScope.Create(table, options.Range, options.Segment);
        var layout = new HistogramLayout(options.StartingBucket, options.BucketCount, options.BucketSize);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => new HistogramCounts(layout),
            (state, from, count) => state.Add(scope, options.CountingMethod, options.Metric, from, count),
            (into, other) => into.Merge(other));
        var runs = new DateOnly[scope.RunCount];
        for (var r = 0; r < runs.Length; r++)
        {
            runs[r] = table.Runs[scope.FromRun + r].ScoreDate;
        }

        return counts.ToResult(options.Metric, options.CountingMethod, runs, table.Diagnostics);
    }

    /// <summary>The histogram of any per-entity integer metric (one value per entity).</summary>
    /// <param name="values">The values.</param>
    /// <param name="startingBucket">The first integer of the first bucket; default 1, at least 0.</param>
    /// <param name="bucketCount">Buckets before the overflow bucket; default 10, 1 to <see cref="MaxBuckets"/>.</param>
    /// <param name="bucketSize">Integers per bucket; default 1, at least 1.</param>
    /// <returns>The histogram (no metric, counting method, runs or diagnostics).</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the parameter named is the first invalid one; the message lists every problem).</exception>
    public static MetricHistogram FromValues(ReadOnlySpan<long> values, long startingBucket = 1, int bucketCount = 10, long bucketSize = 1)
    {
        var counts = new HistogramCounts(Layout(startingBucket, bucketCount, bucketSize));
        counts.AddValues(values, default, 0);
        counts.AddEntities(values.Length);
        return counts.ToResult(null, null, [], null);
    }

    /// <summary>The histogram of any per-entity metric, floored (one value per entity; NaN counts in <see cref="NaNCount"/>).</summary>
    /// <param name="values">The values.</param>
    /// <param name="startingBucket">The first integer of the first bucket; default 1, at least 0.</param>
    /// <param name="bucketCount">Buckets before the overflow bucket; default 10, 1 to <see cref="MaxBuckets"/>.</param>
    /// <param name="bucketSize">Integers per bucket; default 1, at least 1.</param>
    /// <returns>The histogram (no metric, counting method, runs or diagnostics).</returns>
    /// <exception cref="ArgumentException">A setting is invalid (the parameter named is the first invalid one; the message lists every problem).</exception>
    public static MetricHistogram FromValues(ReadOnlySpan<double> values, long startingBucket = 1, int bucketCount = 10, long bucketSize = 1)
    {
        var counts = new HistogramCounts(Layout(startingBucket, bucketCount, bucketSize));
        counts.AddValues(values, default, 0);
        counts.AddEntities(values.Length);
        return counts.ToResult(null, null, [], null);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Label}: {r.Count:N0}")));

    private static HistogramLayout Layout(long startingBucket, int bucketCount, long bucketSize)
    {
        var errors = new List<string>();
        var first = HistogramLayout.Check(startingBucket, bucketCount, bucketSize, nameof(startingBucket), nameof(bucketCount), nameof(bucketSize), errors);
        return first is null
            ? new HistogramLayout(startingBucket, bucketCount, bucketSize)
            : throw new ArgumentException($"Invalid histogram buckets: {string.Join("; ", errors)}.", first);
    }

    /// <summary>
    /// The mergeable state behind a histogram: the count per code (below, the buckets, overflow, NaN), the entities and
    /// those without a value. Counting any partition of the persons and merging gives the counts of the whole.
    /// </summary>
    internal sealed class HistogramCounts
    {
        private readonly HistogramLayout _layout;
        private readonly long[] _tally; // HistogramCodes: 0 below, 1…n the buckets, n+1 overflow, n+2 NaN
        private long _entities;
        private long _noValue;

        public HistogramCounts(HistogramLayout layout)
        {
            _layout = layout;
            _tally = new long[layout.Count + 3];
        }

        public IReadOnlyList<long> Tally => _tally;

        public long Entities => _entities;

        public long NoValue => _noValue;

        public void AddEntities(long count) => _entities += count;

        /// <summary>Codes and counts integer values (those whose validity bit is set).</summary>
        public void AddValues(ReadOnlySpan<long> values, ReadOnlySpan<byte> validity, int validityOffset)
        {
            Span<byte> codes = stackalloc byte[ScopeMasks.Block];
            for (var start = 0; start < values.Length; start += codes.Length)
            {
                var n = Math.Min(codes.Length, values.Length - start);
                HistogramCodes.Assign(values.Slice(start, n), validity, validityOffset + start, _layout.Start, _layout.Size, _layout.Count, codes);
                ByteCodes.Count(codes[..n], _tally);
            }
        }

        /// <summary>Codes and counts values, floored (those whose validity bit is set).</summary>
        public void AddValues(ReadOnlySpan<double> values, ReadOnlySpan<byte> validity, int validityOffset)
        {
            Span<byte> codes = stackalloc byte[ScopeMasks.Block];
            for (var start = 0; start < values.Length; start += codes.Length)
            {
                var n = Math.Min(codes.Length, values.Length - start);
                HistogramCodes.Assign(values.Slice(start, n), validity, validityOffset + start, _layout.Start, _layout.Size, _layout.Count, codes);
                ByteCodes.Count(codes[..n], _tally);
            }
        }

        /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> of a table, a block at a time.</summary>
        public void Add(AnalysisScope scope, CountingMethod counting, HistogramMetric metric, int from, int count)
        {
            var buffer = ArrayPool<long>.Shared.Rent(ScopeMasks.Block);
            try
            {
                for (var start = from; start < from + count; start += ScopeMasks.Block)
                {
                    var n = Math.Min(ScopeMasks.Block, from + count - start);
                    if (counting == Histograms.CountingMethod.Person)
                    {
                        AddPersons(scope, metric, start, n, buffer.AsSpan(0, n));
                    }
                    else
                    {
                        AddEvents(scope, metric, start, n, buffer.AsSpan(0, n));
                    }
                }
            }
            finally
            {
                ArrayPool<long>.Shared.Return(buffer);
            }
        }

        public void Merge(HistogramCounts other)
        {
            StateMerge.Add(_tally, other._tally);

            _entities += other._entities;
            _noValue += other._noValue;
        }

        public MetricHistogram ToResult(HistogramMetric? metric, CountingMethod? counting, DateOnly[] runs, ScoreTableDiagnostics? diagnostics)
        {
            var n = _layout.Count;
            var rows = _layout.Rows(_tally.AsSpan(1, n), _tally[n + 1]);
            return new MetricHistogram(_layout, rows, _tally[0], _noValue, _tally[n + 2], _entities, metric, counting, runs, diagnostics);
        }

        /// <summary>Person counting: the metric summed over each person's runs in the scope; the entities are the persons scored in any of them.</summary>
        private void AddPersons(AnalysisScope scope, HistogramMetric metric, int start, int n, Span<long> values)
        {
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> entity = stackalloc ulong[ScopeMasks.Words];
            var words = BitmapKernels.WordLength(n);
            entity.Clear();
            values.Clear();
            for (var r = scope.FromRun; r < scope.ToRun; r++)
            {
                var run = scope.Table.Runs[r];
                if (!ScopeMasks.Present(scope, run, start, n, present))
                {
                    continue;
                }

                var offsets = run.FactorOffsets;
                for (var w = 0; w < words; w++)
                {
                    var bits = present[w];
                    entity[w] |= bits;
                    while (bits != 0)
                    {
                        var j = (w << 6) + BitOperations.TrailingZeroCount(bits);
                        values[j] += metric == HistogramMetric.ScoringEvents ? 1 : offsets[start + j + 1] - offsets[start + j];
                        bits &= bits - 1;
                    }
                }
            }

            _entities += BitmapKernels.PopCount(entity[..words]);
            AddValues(values, MemoryMarshal.AsBytes(entity[..words]), 0);
        }

        /// <summary>Event counting: the metric of every score row of the block in the scope's runs.</summary>
        private void AddEvents(AnalysisScope scope, HistogramMetric metric, int start, int n, Span<long> values)
        {
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            var words = BitmapKernels.WordLength(n);
            for (var r = scope.FromRun; r < scope.ToRun; r++)
            {
                var run = scope.Table.Runs[r];
                if (!ScopeMasks.Present(scope, run, start, n, present))
                {
                    continue;
                }

                _entities += BitmapKernels.PopCount(present[..words]);
                switch (metric)
                {
                    case HistogramMetric.Score:
                        ScopeMasks.Valid(run.ScoreValidity, start, n, present[..words], valid);
                        AddValues(run.Scores.Slice(start, n), MemoryMarshal.AsBytes(valid[..words]), 0);
                        break;
                    case HistogramMetric.Percentile:
                        ScopeMasks.Valid(run.PercentileValidity, start, n, present[..words], valid);
                        var percentiles = run.Percentiles.Slice(start, n);
                        for (var i = 0; i < n; i++)
                        {
                            values[i] = percentiles[i];
                        }

                        AddValues(values, MemoryMarshal.AsBytes(valid[..words]), 0);
                        break;
                    default: // Factors: each row's count; absent persons are masked out by the presence bits
                        present[..words].CopyTo(valid);
                        var offsets = run.FactorOffsets.Slice(start, n + 1);
                        for (var i = 0; i < n; i++)
                        {
                            values[i] = offsets[i + 1] - offsets[i];
                        }

                        AddValues(values, MemoryMarshal.AsBytes(valid[..words]), 0);
                        break;
                }

                _noValue += ScopeMasks.CountExcept(present[..words], valid[..words]);
            }
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
