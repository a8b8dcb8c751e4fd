using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.Bucketing;

/// <summary>Which value of a run stands for the quantile q of its n values (1-based ascending ranks).</summary>
public enum QuantileConvention
{
    /// <summary>
    /// The value at ascending rank <c>min(n, ⌊q × n⌋ + 1)</c>: the smallest value with more than <c>q × n</c> values at or
    /// below it. With CJA's value bucketing (a value on an edge goes up) the bucket at or above the edge holds exactly the
    /// top <c>⌈(1 − q) × n⌉</c> persons plus the ties of the edge — the same cut as
    /// <c>TopPercent.Select</c> (Targeting) with <c>TargetingMethod.Recomputed</c> and p = 100 × (1 − q). Deciles of ten
    /// distinct values put one value in each bucket. The default.
    /// </summary>
    UpperRank = 0,

    /// <summary>
    /// DuckDB's <c>quantile_disc(x, q)</c> (PostgreSQL's <c>percentile_disc</c>, Hyndman–Fan type 1): the value at ascending
    /// rank <c>max(1, ⌈q × n⌉)</c>, the smallest value with at least <c>q × n</c> values at or below it. Computed with
    /// exact decimal arithmetic, as DuckDB does for a DECIMAL q (a literal such as <c>0.8</c>).
    /// </summary>
    QuantileDisc = 1,
}

/// <summary>
/// Bucket schemes cut at quantiles of a run's values: deciles, quartiles or any probabilities, on score, probability or
/// percentile. The edges are exact order statistics found by selection (no sort); equal edges are merged.
/// </summary>
/// <remarks>
/// <para>These are <em>value</em> edges, bucketed CJA's way (<see cref="BucketScheme"/>): when many persons share a value
/// the buckets are not equal-sized, and when ties make two quantiles equal the buckets between them collapse
/// (<see cref="QuantileScheme.CollapsedBuckets"/>). Model evaluation's deciles — ten groups of equal count by score,
/// descending — are a different thing.</para>
/// <para>The quantiles are taken over every person of the run with a value; nulls and NaN are left out. Infinite
/// quantiles (±∞ kept by <c>OutOfRange = Keep</c>) cannot be edges and are dropped (the open first and last buckets already
/// hold those values).</para>
/// </remarks>
public static class QuantileSchemes
{
    private static readonly double[] DecileProbabilities = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <summary>Deciles of a run: edges at q = 0.1, 0.2, …, 0.9 (ten buckets unless ties merge some).</summary>
    /// <param name="table">The table.</param>
    /// <param name="field">The value to cut; default <see cref="ScoreField.Score"/>.</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <param name="convention">Which value stands for a quantile; default <see cref="QuantileConvention.UpperRank"/>.</param>
    /// <returns>The scheme and how it was derived.</returns>
    /// <exception cref="ArgumentException">No such run, no runs, or no person of the run has a finite quantile (the message says which).</exception>
    public static QuantileScheme Deciles(ScoreTable table, ScoreField field = ScoreField.Score, DateOnly? run = null, QuantileConvention convention = QuantileConvention.UpperRank) =>
        Create(table, field, DecileProbabilities, run, convention);

    /// <summary>A scheme with an edge at each of these quantiles of a run.</summary>
    /// <param name="table">The table.</param>
    /// <param name="field">The value to cut.</param>
    /// <param name="probabilities">1 to 19 probabilities, strictly ascending, each above 0 and below 1 (0.25, 0.5, 0.75 for quartiles).</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <param name="convention">Which value stands for a quantile; default <see cref="QuantileConvention.UpperRank"/>.</param>
    /// <returns>The scheme and how it was derived.</returns>
    /// <exception cref="ArgumentException">Bad probabilities, no such run, no runs, or no finite quantile (the message says which).</exception>
    public static QuantileScheme Create(ScoreTable table, ScoreField field, IReadOnlyList<double> probabilities, DateOnly? run = null, QuantileConvention convention = QuantileConvention.UpperRank)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (!Enum.IsDefined(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a ScoreField value.");
        }

        if (!Enum.IsDefined(convention))
        {
            throw new ArgumentOutOfRangeException(nameof(convention), convention, "Not a QuantileConvention value.");
        }

        CheckProbabilities(probabilities);
        var scoreRun = table.Runs[AnalysisErrors.RunIndexOrLatest(table, run, nameof(run))];
        var ranks = new long[probabilities.Count];
        var statistics = new OrderStatistic[probabilities.Count];
        long n;
        if (field == ScoreField.Percentile)
        {
            using var selector = new Int16Selector(scoreRun.Percentiles, scoreRun.PercentileValidity, 0);
            n = selector.Valid;
            FillRanks(probabilities, convention, n, ranks);
            for (var i = 0; i < ranks.Length && n > 0; i++)
            {
                statistics[i] = selector.Select(ranks[i]);
            }
        }
        else
        {
            var values = field == ScoreField.Score ? scoreRun.Scores : scoreRun.Probabilities;
            using var selector = new DoubleSelector(values, ScoreFields.Validity(scoreRun, field), 0);
            n = selector.Valid;
            FillRanks(probabilities, convention, n, ranks);
            if (n > 0)
            {
                selector.Select(ranks, statistics);
            }
        }

        if (n == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"No person of the run {scoreRun.ScoreDate:yyyy-MM-dd} in {table.InstancePath} has a {ScoreFields.XdmName(field)} value to take quantiles of."),
                run is null ? nameof(table) : nameof(run));
        }

        var quantiles = Array.ConvertAll(statistics, s => s.Value);
        double[] edges = [.. quantiles.Where(double.IsFinite).Distinct()];
        if (edges.Length == 0)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Every quantile of {ScoreFields.XdmName(field)} in the run {scoreRun.ScoreDate:yyyy-MM-dd} is infinite; a bucket scheme needs a finite edge."),
                run is null ? nameof(table) : nameof(run));
        }

        return new QuantileScheme(BucketScheme.Create(field, edges), scoreRun.ScoreDate, convention, [.. probabilities], quantiles, n);
    }

    private static void FillRanks(IReadOnlyList<double> probabilities, QuantileConvention convention, long n, long[] ranks)
    {
        if (n == 0)
        {
            return;
        }

        for (var i = 0; i < ranks.Length; i++)
        {
            var q = QuantileRanks.Exact(probabilities[i]);
            var ascending = convention == QuantileConvention.QuantileDisc ? QuantileRanks.DiscRank(q, n) : QuantileRanks.UpperRank(q, n);
            ranks[i] = QuantileRanks.Descending(ascending, n);
        }
    }

    private static void CheckProbabilities(IReadOnlyList<double> probabilities)
    {
        if (probabilities.Count is 0 or > BucketScheme.MaxBuckets - 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A quantile scheme needs 1 to {BucketScheme.MaxBuckets - 1} probabilities (2 to {BucketScheme.MaxBuckets} buckets); {probabilities.Count} were given."),
                nameof(probabilities));
        }

        for (var i = 0; i < probabilities.Count; i++)
        {
            var q = probabilities[i];
            if (!(q > 0 && q < 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Probability {i} is {q:R}; each must be above 0 and below 1."), nameof(probabilities));
            }

            if (i > 0 && q <= probabilities[i - 1])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Probabilities must be strictly ascending; probability {i} ({q:R}) is not above probability {i - 1} ({probabilities[i - 1]:R})."),
                    nameof(probabilities));
            }
        }
    }
}

/// <summary>A bucket scheme cut at quantiles of one run, with the quantiles it came from (see <see cref="QuantileSchemes"/>).</summary>
public sealed class QuantileScheme
{
    internal QuantileScheme(BucketScheme scheme, DateOnly run, QuantileConvention convention, double[] probabilities, double[] quantiles, long values)
    {
        Scheme = scheme;
        Run = run;
        Convention = convention;
        Probabilities = probabilities;
        Quantiles = quantiles;
        Values = values;
    }

    /// <summary>The scheme: one edge per distinct finite quantile, ascending. Use it with any analysis that takes a <see cref="BucketScheme"/>.</summary>
    public BucketScheme Scheme { get; }

    /// <summary>The field the quantiles were taken of.</summary>
    public ScoreField Field => Scheme.Field;

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>Which value stood for each quantile.</summary>
    public QuantileConvention Convention { get; }

    /// <summary>The probabilities asked for, ascending.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>The quantile at each probability (values of the column; ascending, possibly repeated or infinite).</summary>
    public IReadOnlyList<double> Quantiles { get; }

    /// <summary>The persons of the run with a value (nulls and NaN left out): the n of the ranks.</summary>
    public long Values { get; }

    /// <summary>
    /// Buckets lost to ties and infinite quantiles: <c>Probabilities.Count + 1 − Scheme.Buckets.Count</c>. Zero when every
    /// quantile is a distinct finite value.
    /// </summary>
    public int CollapsedBuckets => Probabilities.Count + 1 - Scheme.Buckets.Count;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Probabilities.Count + 1} quantile buckets of {Field} in {Run:yyyy-MM-dd} ({Convention}, n = {Values:N0}): edges {string.Join(", ", Scheme.Edges.Select(e => e.ToString("R", CultureInfo.InvariantCulture)))}{(CollapsedBuckets > 0 ? $"; {CollapsedBuckets} collapsed by ties" : string.Empty)}");
}
