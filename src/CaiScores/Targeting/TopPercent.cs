using System.Runtime.InteropServices;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Targeting;

/// <summary>
/// Top-p % targeting: the persons of one scoring run in the top p %, with the exact threshold. Customer AI's docs target
/// "the top two deciles" as <c>PercentileScore &gt; 80</c>; this computes that from the supplied percentiles (the default),
/// or recomputes it from the score or probability with an exact O(n) selection, or applies DuckDB's
/// <c>quantile_disc</c> convention.
/// </summary>
/// <remarks>
/// <para><b>Supplied percentiles</b> (<see cref="TargetingMethod.SuppliedPercentile"/>): a person is selected when their
/// <c>percentileScore &gt; 100 − p</c> (p = 20 → 81…100). Persons without a percentile are excluded, or their percentile is
/// recomputed from the score (<see cref="MissingPercentilePolicy.Recompute"/>).</para>
/// <para><b>Recomputed</b> (<see cref="TargetingMethod.Recomputed"/>): of the n persons with a value of
/// <see cref="TopPercentOptions.Field"/>, the threshold is the value of the <c>k = ⌈p/100 × n⌉</c>-th highest, and everyone
/// at or above it is selected — so ties at the threshold are all in and <see cref="TopPercentSelection.Count"/> may exceed
/// k by <see cref="TopPercentSelection.ExcessOverTarget"/>. For a whole p this is exactly the set CAI's percentile rule
/// gives on recomputed percentiles (<c>⌈100 × rank / n⌉ &gt; 100 − p</c>, ties sharing the highest rank).</para>
/// <para><b>quantile_disc</b> (<see cref="TargetingMethod.QuantileDisc"/>): the threshold is the value at ascending rank
/// <c>max(1, ⌈(1 − p/100) × n⌉)</c> (DuckDB's <c>quantile_disc(x, 1 − p/100)</c>), everyone at or above it selected. It
/// differs from Recomputed only when <c>(1 − p/100) × n</c> is a whole number, where it takes one more rank (and its ties).</para>
/// <para>NaN values are excluded and counted; −0.0 and 0.0 are one value; −∞ and +∞ rank lowest and highest. p is taken at
/// its shortest decimal (0.07 is 7/100), so <c>⌈p/100 × n⌉</c> is exact. Cost: two passes over the run's column
/// (histogram, then gather) plus a pass to build the person bitmap; no sort.</para>
/// </remarks>
public static class TopPercent
{
    /// <summary>Selects the top <paramref name="percent"/> % of a run.</summary>
    /// <param name="table">The table.</param>
    /// <param name="percent">p, in (0, 100]: 20 for the top 20 %. 100 selects everyone with a value (supplied percentiles: everyone with a percentile above 0).</param>
    /// <param name="options">The settings; default <see cref="TopPercentOptions.Default"/> (latest run, supplied percentiles).</param>
    /// <returns>The selection; empty (no persons, null threshold) when no scored person in the scope has a value.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is NaN, not above 0 or above 100.</exception>
    /// <exception cref="ArgumentException">The options are invalid or name a run the table does not have, or the table has no runs (the message says which).</exception>
    public static TopPercentSelection Select(ScoreTable table, double percent, TopPercentOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!(percent > 0 && percent <= 100))
        {
            throw new ArgumentOutOfRangeException(nameof(percent), percent, "The top p % needs p above 0 and at most 100 (20 for the top 20 %); NaN is not a percent.");
        }

        options ??= TopPercentOptions.Default;
        options.Validate();
        var runIndex = AnalysisErrors.RunIndexOrLatest(table, options.Run, nameof(options));
        var run = table.Runs[runIndex];
        var scope = AnalysisScope.ForRun(table, runIndex, options.Segment);
        var p = QuantileRanks.Exact(percent);
        var present = ToWords(scope.Mask(run.Presence), run.PersonCount);
        var scored = BitmapKernels.PopCount(present);
        return options.Method == TargetingMethod.SuppliedPercentile
            ? BySuppliedPercentile(table, run, scope, percent, p, options, present, scored)
            : ByRank(table, run, scope, percent, p, options, scored);
    }

    private static TopPercentSelection ByRank(ScoreTable table, ScoreRun run, AnalysisScope scope, double percent, decimal p, TopPercentOptions options, long scored)
    {
        var field = options.Field;
        var n = run.PersonCount;
        var valid = ToWords(scope.Mask(ScoreFields.Validity(run, field)), n);
        var validBytes = Bytes(valid, n);
        var selected = new ulong[valid.Length];
        long withValue;
        long nan = 0;
        long rank = 0;
        OrderStatistic? at = null;
        if (field == ScoreField.Percentile)
        {
            using var selector = new Int16Selector(run.Percentiles, validBytes, 0);
            withValue = selector.Valid;
            if (withValue > 0)
            {
                rank = Rank(options.Method, p, withValue);
                at = selector.Select(rank);
                Selection.AtLeast(run.Percentiles, (short)at.Value.Value, selected);
            }
        }
        else
        {
            var values = field == ScoreField.Score ? run.Scores : run.Probabilities;
            using var selector = new DoubleSelector(values, validBytes, 0);
            withValue = selector.Valid;
            nan = selector.NaN;
            if (withValue > 0)
            {
                rank = Rank(options.Method, p, withValue);
                at = selector.Select(rank);
                Selection.AtLeast(values, at.Value.Value, selected);
            }
        }

        BitmapKernels.And(selected, valid, selected);
        var count = at is { } s ? s.Above + s.Equal : 0;
        return new TopPercentSelection(
            run.ScoreDate, percent, options.Method, field, at?.Value, scored, withValue, scored - withValue - nan, nan,
            QuantileRanks.TopCount(p, withValue), count, at?.Equal ?? 0, at is null ? null : rank, at?.Above + 1, 0, null,
            PersonSet.FromWords(selected, n), table.Diagnostics);
    }

    private static TopPercentSelection BySuppliedPercentile(
        ScoreTable table, ScoreRun run, AnalysisScope scope, double percent, decimal p, TopPercentOptions options, ulong[] present, long scored)
    {
        var n = run.PersonCount;

        // percentileScore > 100 − p  ⇔  percentileScore ≥ ⌊100 − p⌋ + 1 for whole percentiles.
        var above = (int)Math.Floor(100m - p);
        var supplied = ToWords(scope.Mask(run.PercentileValidity), n);
        var selected = new ulong[supplied.Length];
        using var percentiles = new Int16Selector(run.Percentiles, Bytes(supplied, n), 0);
        var (count, lowest) = percentiles.AtLeast(above + 1);
        Selection.AtLeast(run.Percentiles, (short)(above + 1), selected);
        BitmapKernels.And(selected, supplied, selected);

        long recomputed = 0;
        long nan = 0;
        double? recomputedThreshold = null;
        if (options.MissingPercentile == MissingPercentilePolicy.Recompute)
        {
            // Scored persons of the scope without a percentile but with a value to rank.
            var values = options.Field == ScoreField.Score ? run.Scores : run.Probabilities;
            var fieldValidity = ScoreFields.Validity(run, options.Field);
            var missing = new ulong[supplied.Length];
            BitmapKernels.AndNot(present, supplied, missing);
            BitmapKernels.And(missing, ToWords(fieldValidity, n), missing);
            var numbers = new ulong[supplied.Length];
            Selection.AtLeast(values, double.NegativeInfinity, numbers);
            var rankable = new ulong[supplied.Length];
            BitmapKernels.And(missing, numbers, rankable);
            recomputed = BitmapKernels.PopCount(rankable);
            nan = BitmapKernels.PopCount(missing) - recomputed;
            if (recomputed > 0)
            {
                // CAI's percentile ranks every person of the run with a value, whatever the segment:
                // ⌈100 × rank / N⌉ > above  ⇔  value ≥ the ⌈(100 − above) / 100 × N⌉-th highest value.
                using var selector = new DoubleSelector(values, fieldValidity, 0);
                var threshold = selector.Select(QuantileRanks.TopCount(100 - above, selector.Valid)).Value;
                recomputedThreshold = threshold;
                var hit = new ulong[supplied.Length];
                Selection.AtLeast(values, threshold, hit);
                BitmapKernels.And(hit, rankable, hit);
                count += BitmapKernels.PopCount(hit);
                BitmapKernels.Or(selected, hit, selected);
            }
        }

        var withValue = percentiles.Valid + recomputed;
        return new TopPercentSelection(
            run.ScoreDate, percent, TargetingMethod.SuppliedPercentile, ScoreField.Percentile, lowest?.Value, scored, withValue,
            scored - withValue - nan, nan, QuantileRanks.TopCount(p, withValue), count, lowest?.Equal ?? 0,
            lowest?.Above + lowest?.Equal, lowest?.Above + 1, recomputed,
            recomputedThreshold, PersonSet.FromWords(selected, n), table.Diagnostics);
    }

    /// <summary>The descending rank of the threshold among <paramref name="n"/> values.</summary>
    private static long Rank(TargetingMethod method, decimal p, long n) => method == TargetingMethod.QuantileDisc
        ? QuantileRanks.Descending(QuantileRanks.DiscRank(1 - (p / 100), n), n)
        : QuantileRanks.TopCount(p, n);


    internal static ulong[] ToWords(ReadOnlySpan<byte> bitmap, int bits)
    {
        var words = new ulong[BitmapKernels.WordLength(bits)];
        Words.CopyBitmap(words, bitmap, bits);
        return words;
    }

    internal static ReadOnlySpan<byte> Bytes(ulong[] words, int bits) => MemoryMarshal.AsBytes(words.AsSpan())[..Bitmaps.ByteLength(bits)];
}
