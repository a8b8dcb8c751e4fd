using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;

namespace CaiScores.Distributions;

/// <summary>One bucket of a <see cref="ScoreDistribution"/>.</summary>
/// <param name="Bucket">The bucket (label, alias, edges).</param>
/// <param name="Count">People of the run whose value falls in the bucket.</param>
/// <param name="Share">Count over the people scored in the run (<see cref="ScoreDistribution.Total"/>), 0 when there are none.</param>
public sealed record DistributionRow(Bucket Bucket, long Count, double Share);

/// <summary>
/// The distribution of one scoring run over a bucket scheme: CAI's "scoring summary" with the CAI scheme, CJA's bar of
/// bucketed score with the 5-point scheme. People metric: each person scored in the run counts once (a table holds one
/// score per person and run, so People equals Events here).
/// </summary>
/// <remarks>
/// <para>Persons not scored in the run are not counted. A scored person whose value is null counts in <see cref="NoValue"/>
/// ("No value"), not in a bucket; <see cref="Total"/> includes them, so the shares and <c>NoValue / Total</c> add up to 1.
/// Buckets follow the scheme's order (ascending lower bound), empty ones included.</para>
/// <para>Counting runs over the run's column with the vectorised bucket kernel; the result is exact (integer counts of
/// exact comparisons on the stored doubles).</para>
/// </remarks>
public sealed class ScoreDistribution
{
    private ScoreDistribution(DateOnly run, BucketScheme scheme, DistributionRow[] rows, long total, long noValue, ScoreTableDiagnostics diagnostics)
    {
        Run = run;
        Scheme = scheme;
        Rows = rows;
        Total = total;
        NoValue = noValue;
        Diagnostics = diagnostics;
    }

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>The scheme the values were bucketed by.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>One row per bucket, in the scheme's order.</summary>
    public IReadOnlyList<DistributionRow> Rows { get; }

    /// <summary>People scored in the run (with or without a value).</summary>
    public long Total { get; }

    /// <summary>Scored people whose value is null ("No value").</summary>
    public long NoValue { get; }

    /// <summary>The diagnostics of the table the distribution was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the distribution of a run.</summary>
    /// <param name="table">The table.</param>
    /// <param name="scheme">The buckets; default <see cref="BucketScheme.Distribution5"/>.</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <returns>The distribution.</returns>
    /// <exception cref="ArgumentException">The table has no runs.</exception>
    /// <exception cref="KeyNotFoundException">No run has that date (the message lists the runs).</exception>
    public static ScoreDistribution Compute(ScoreTable table, BucketScheme? scheme = null, DateOnly? run = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        scheme ??= BucketScheme.Distribution5;
        if (table.Runs.Count == 0)
        {
            throw new ArgumentException($"The table {table.InstancePath} has no runs.", nameof(table));
        }

        var scoreRun = run is { } date ? table.GetRun(date) : table.Runs[^1];
        var counts = DistributionCounts.Create(scheme);
        counts.Add(scoreRun, scheme.Field, 0, scoreRun.PersonCount);
        return counts.ToResult(scoreRun.ScoreDate, table.Diagnostics);
    }

    /// <summary>
    /// The mergeable state behind a distribution: per-bucket counts, the people scored and those without a value. Counting
    /// any partition of the persons and merging gives the counts of the whole.
    /// </summary>
    internal sealed class DistributionCounts
    {
        private readonly BucketScheme _scheme;
        private readonly long[] _counts;
        private long _total;
        private long _noValue;

        private DistributionCounts(BucketScheme scheme)
        {
            _scheme = scheme;
            _counts = new long[scheme.Buckets.Count];
        }

        public static DistributionCounts Create(BucketScheme scheme) => new(scheme);

        public IReadOnlyList<long> Counts => _counts;

        /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/> of a run.</summary>
        public void Add(ScoreRun run, ScoreField field, int from, int count)
        {
            var present = Internal.Bitmaps.PopCountRange(run.Presence, from, count);
            long withValue;
            if (field == ScoreField.Percentile)
            {
                withValue = CountPercentiles(run, from, count);
            }
            else
            {
                var values = field == ScoreField.Score ? run.Scores : run.Probabilities;
                var validity = field == ScoreField.Score ? run.ScoreValidity : run.ProbabilityValidity;
                var before = Sum();
                BucketCounter.Count(values.Slice(from, count), validity, from, _scheme.EdgeSpan, _counts);
                withValue = Sum() - before;
            }

            _total += present;
            _noValue += present - withValue;
        }

        public void Merge(DistributionCounts other)
        {
            for (var i = 0; i < _counts.Length; i++)
            {
                _counts[i] += other._counts[i];
            }

            _total += other._total;
            _noValue += other._noValue;
        }

        public ScoreDistribution ToResult(DateOnly run, ScoreTableDiagnostics diagnostics)
        {
            var rows = new DistributionRow[_counts.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new DistributionRow(_scheme.Buckets[i], _counts[i], _total == 0 ? 0 : (double)_counts[i] / _total);
            }

            return new ScoreDistribution(run, _scheme, rows, _total, _noValue, diagnostics);
        }

        private long Sum() => _counts.Sum();

        private long CountPercentiles(ScoreRun run, int from, int count)
        {
            // Percentiles are 16-bit: widen a block at a time and count it with the same kernel.
            Span<double> block = stackalloc double[1024];
            var before = Sum();
            var percentiles = run.Percentiles;
            for (var start = 0; start < count; start += block.Length)
            {
                var n = Math.Min(block.Length, count - start);
                for (var i = 0; i < n; i++)
                {
                    block[i] = percentiles[from + start + i];
                }

                BucketCounter.Count(block[..n], run.PercentileValidity, from + start, _scheme.EdgeSpan, _counts);
            }

            return Sum() - before;
        }
    }
}
