using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Distributions;

/// <summary>One run of a <see cref="RunSummary"/>: who was scored, how the scores fall in the scheme's buckets, their mean, least and greatest value, the mean probability, and the values outside their range.</summary>
/// <param name="Run">The run's score date.</param>
/// <param name="ModelType">The run's propensity type (<c>conversion</c>, <c>churn</c>, …) or null.</param>
/// <param name="Persons">Persons scored in the run (and in the segment), with or without a score: <c>WithScore + NoValue + NaNCount</c>.</param>
/// <param name="WithScore">Of <paramref name="Persons"/>, those whose score is a number (not null, not NaN); the mean, least and greatest score are theirs.</param>
/// <param name="NoValue">Of <paramref name="Persons"/>, those whose score is null (CJA's "No value").</param>
/// <param name="NaNCount">Of <paramref name="Persons"/>, those whose score is NaN (only in tables built from hand-made records or foreign Arrow files).</param>
/// <param name="Buckets">Persons per bucket of <see cref="RunSummary.Scheme"/>, in its order, counting the scheme's field
/// (nulls and NaN in no bucket). For a scheme of the score they sum to <paramref name="WithScore"/>.</param>
/// <param name="MeanScore">The mean score, or null when no one has one.</param>
/// <param name="MinScore">The least score, or null when no one has one.</param>
/// <param name="MaxScore">The greatest score, or null when no one has one.</param>
/// <param name="ProbabilityCount">Persons whose probability is a number (not null, not NaN).</param>
/// <param name="MeanProbability">Their mean probability, or null when there are none.</param>
/// <param name="ScoreOutOfRange">Scores outside [0, 100], ±∞ and NaN included (kept in the table by <c>OutOfRangePolicy.Keep</c>).</param>
/// <param name="ProbabilityOutOfRange">Probabilities outside [0, 1], ±∞ and NaN included.</param>
/// <param name="PercentileOutOfRange">Percentile scores outside [1, 100].</param>
public sealed record RunSummaryRow(
    DateOnly Run,
    string? ModelType,
    long Persons,
    long WithScore,
    long NoValue,
    long NaNCount,
    IReadOnlyList<long> Buckets,
    double? MeanScore,
    double? MinScore,
    double? MaxScore,
    long ProbabilityCount,
    double? MeanProbability,
    long ScoreOutOfRange,
    long ProbabilityOutOfRange,
    long PercentileOutOfRange)
{
    /// <inheritdoc />
    public bool Equals(RunSummaryRow? other) =>
        other is not null
        && Run == other.Run
        && ModelType == other.ModelType
        && Persons == other.Persons
        && WithScore == other.WithScore
        && NoValue == other.NoValue
        && NaNCount == other.NaNCount
        && Buckets.SequenceEqual(other.Buckets)
        && Nullable.Equals(MeanScore, other.MeanScore)
        && Nullable.Equals(MinScore, other.MinScore)
        && Nullable.Equals(MaxScore, other.MaxScore)
        && ProbabilityCount == other.ProbabilityCount
        && Nullable.Equals(MeanProbability, other.MeanProbability)
        && ScoreOutOfRange == other.ScoreOutOfRange
        && ProbabilityOutOfRange == other.ProbabilityOutOfRange
        && PercentileOutOfRange == other.PercentileOutOfRange;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Run, Persons, WithScore, NoValue, Buckets.Count);
}

/// <summary>
/// Every run's summary in one call: persons scored, with a score and without, per-bucket counts for a scheme (default CAI's
/// Low / Medium / High), the mean, least and greatest score, the mean probability and the values outside their range —
/// one row per run, in run order.
/// </summary>
/// <remarks>
/// <para>One pass over the table: each run's columns are read once per block of persons, the buckets counted with the same
/// kernel as <see cref="ScoreDistribution"/> (so a row's bucket counts equal <c>ScoreDistribution.Compute</c> of that run
/// with the scheme), the means and extremes taken in the same pass. A person not scored in a run counts nowhere for it.</para>
/// <para>Out-of-range counts look at the values the table holds: under <c>OutOfRangePolicy.Keep</c> (the default) every
/// value read is there; under <c>Clamp</c> or <c>Exclude</c> they are 0 (see <see cref="ScoreTableDiagnostics.Ingest"/> for
/// what the reader counted). The means are sums over counts in a fixed order: the same for any
/// <see cref="RunSummaryOptions.MaxDegreeOfParallelism"/>, and they may differ from a plain loop's in the last bits.</para>
/// </remarks>
public sealed class RunSummary
{
    /// <summary>
    /// The one way a <see cref="RunSummary"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal RunSummary(BucketScheme scheme, RunSummaryRow[] rows, long persons, ScoreTableDiagnostics diagnostics)
    {
        Scheme = scheme;
        Rows = rows;
        Persons = persons;
        Diagnostics = diagnostics;
    }

    /// <summary>The scheme each row's <see cref="RunSummaryRow.Buckets"/> counts.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>One row per run, in run order (empty when the range holds no run).</summary>
    public IReadOnlyList<RunSummaryRow> Rows { get; }

    /// <summary>Distinct persons scored in at least one of the runs (and in the segment); at most the sum of the rows' <see cref="RunSummaryRow.Persons"/>.</summary>
    public long Persons { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the summary of every run.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new RunSummaryOptions()</c> (every run,
    /// <see cref="BucketScheme.Cai"/>, everyone).</param>
    /// <returns>One row per run.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>; the message lists every
    /// problem), or the segment names a run, bucket or attribute the table does not have.</exception>
    public static RunSummary Compute(ScoreTable table, RunSummaryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= RunSummaryOptions.Default;
        options.Validate();
        var scope = AnalysisScope.Create(table, options.Range, options.Segment);
        var counts = PersonChunks.Aggregate(
            scope.Persons,
            options.MaxDegreeOfParallelism,
            () => new RunSummaryCounts(scope.RunCount, options.Scheme.Buckets.Count),
            (state, from, count) => state.Add(scope, options.Scheme, from, count),
            (into, other) => into.Merge(other));
        return counts.ToResult(scope, options.Scheme);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"Run summary: {Rows.Count} runs, {Persons:N0} persons, {Scheme.Name ?? "custom"} buckets");

    /// <summary>The mergeable state: per run, the bucket counts, the persons, the score and probability moments and the out-of-range counts.</summary>
    internal sealed class RunSummaryCounts
    {
        private readonly RunCounts[] _runs;
        private long _persons;

        public RunSummaryCounts(int runs, int buckets)
        {
            _runs = new RunCounts[runs];
            for (var r = 0; r < runs; r++)
            {
                _runs[r] = new RunCounts(buckets);
            }
        }

        /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, a block at a time.</summary>
        public void Add(AnalysisScope scope, BucketScheme scheme, int from, int count)
        {
            var widened = scheme.Field == ScoreField.Percentile ? new double[ScopeMasks.Block] : null;
            Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
            Span<ulong> anyPresent = stackalloc ulong[ScopeMasks.Words];
            for (var start = from; start < from + count; start += ScopeMasks.Block)
            {
                var n = Math.Min(ScopeMasks.Block, from + count - start);
                var words = BitmapKernels.WordLength(n);
                anyPresent.Clear();
                for (var r = scope.FromRun; r < scope.ToRun; r++)
                {
                    var run = scope.Table.Runs[r];
                    if (ScopeMasks.Present(scope, run, start, n, present))
                    {
                        _runs[r - scope.FromRun].Add(run, scheme, start, n, present[..words], valid[..words], widened);
                        BitmapKernels.Or(anyPresent[..words], present[..words], anyPresent[..words]);
                    }
                }

                _persons += BitmapKernels.PopCount(anyPresent[..words]);
            }
        }

        public void Merge(RunSummaryCounts other)
        {
            _persons += other._persons;
            for (var r = 0; r < _runs.Length; r++)
            {
                _runs[r].Merge(other._runs[r]);
            }
        }

        public RunSummary ToResult(AnalysisScope scope, BucketScheme scheme)
        {
            var rows = new RunSummaryRow[_runs.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var run = scope.Table.Runs[scope.FromRun + r];
                rows[r] = _runs[r].ToRow(run.ScoreDate, run.ModelType);
            }

            return new RunSummary(scheme, rows, _persons, scope.Table.Diagnostics);
        }
    }

    /// <summary>One run's counts.</summary>
    private sealed class RunCounts(int buckets)
    {
        private readonly long[] _buckets = new long[buckets];
        private Moments _score = Moments.Empty;
        private Moments _probability = Moments.Empty;
        private long _persons;
        private long _noValue;
        private long _nan;
        private long _scoreOut;
        private long _probabilityOut;
        private long _percentileOut;

        public void Add(ScoreRun run, BucketScheme scheme, int start, int n, ReadOnlySpan<ulong> present, Span<ulong> valid, double[]? widened)
        {
            _persons += BitmapKernels.PopCount(present);

            ScopeMasks.Valid(run.ScoreValidity, start, n, present, valid);
            var scores = run.Scores.Slice(start, n);
            _noValue += ScopeMasks.CountExcept(present, valid);
            ValueMoments.Add(scores, valid, ref _score);
            _scoreOut += CountOutside(scores, valid, 0, 100, out var scoreNaN);
            _nan += scoreNaN;

            ScopeMasks.Valid(run.ProbabilityValidity, start, n, present, valid);
            var probabilities = run.Probabilities.Slice(start, n);
            ValueMoments.Add(probabilities, valid, ref _probability);
            _probabilityOut += CountOutside(probabilities, valid, 0, 1, out _);

            ScopeMasks.Valid(run.PercentileValidity, start, n, present, valid);
            var percentiles = run.Percentiles.Slice(start, n);
            foreach (var i in new SetBits(valid))
            {
                if (percentiles[i] is < 1 or > 100)
                {
                    _percentileOut++;
                }
            }

            var values = ScopeMasks.Column(run, scheme.Field, start, n, widened, out var validity);
            ScopeMasks.Valid(validity, start, n, present, valid);
            BucketCounter.Count(values, System.Runtime.InteropServices.MemoryMarshal.AsBytes(valid), 0, scheme.EdgeSpan, _buckets);
        }

        public void Merge(RunCounts other)
        {
            StateMerge.Add(_buckets, other._buckets);
            _score.Merge(other._score);
            _probability.Merge(other._probability);
            _persons += other._persons;
            _noValue += other._noValue;
            _nan += other._nan;
            _scoreOut += other._scoreOut;
            _probabilityOut += other._probabilityOut;
            _percentileOut += other._percentileOut;
        }

        public RunSummaryRow ToRow(DateOnly run, string? modelType) => new(
            run,
            modelType,
            _persons,
            _score.Count,
            _noValue,
            _nan,
            _buckets,
            _score.Count == 0 ? null : _score.Sum / _score.Count,
            _score.Count == 0 ? null : _score.Min,
            _score.Count == 0 ? null : _score.Max,
            _probability.Count,
            _probability.Count == 0 ? null : _probability.Sum / _probability.Count,
            _scoreOut,
            _probabilityOut,
            _percentileOut);

        /// <summary>The valid values outside [<paramref name="min"/>, <paramref name="max"/>] or NaN; <paramref name="nan"/> the NaN among them.</summary>
        private static long CountOutside(ReadOnlySpan<double> values, ReadOnlySpan<ulong> valid, double min, double max, out long nan)
        {
            long outside = 0;
            nan = 0;
            foreach (var i in new SetBits(valid))
            {
                var v = values[i];
                if (double.IsNaN(v))
                {
                    nan++;
                    outside++;
                }
                else if (v < min || v > max)
                {
                    outside++;
                }
            }

            return outside;
        }
    }

    /// <summary>The indexes of the set bits of a word mask, ascending.</summary>
    private ref struct SetBits(ReadOnlySpan<ulong> words)
    {
        private readonly ReadOnlySpan<ulong> _words = words;
        private int _word = -1;
        private ulong _bits;

        public int Current { get; private set; }

        public readonly SetBits GetEnumerator() => this;

        public bool MoveNext()
        {
            while (_bits == 0)
            {
                if (++_word >= _words.Length)
                {
                    return false;
                }

                _bits = _words[_word];
            }

            Current = (_word * 64) + System.Numerics.BitOperations.TrailingZeroCount(_bits);
            _bits &= _bits - 1;
            return true;
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
