using System.Buffers;
using System.Numerics;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Outcomes;

/// <summary>One group of a <see cref="ModelEvaluation"/> (a decile by default): persons ranked by score, descending.</summary>
/// <param name="Group">1 for the highest scores, up to <see cref="ModelEvaluation.Groups"/>.</param>
/// <param name="Count">Persons in the group (group sizes differ by at most one; the first <c>n mod groups</c> hold one more).</param>
/// <param name="Positives">Persons of the group with an outcome in the window.</param>
/// <param name="Rate">Positives / Count; null for an empty group (fewer persons than groups).</param>
/// <param name="Lift">Rate / the overall rate (1 = random); null for an empty group or when nobody is positive.</param>
/// <param name="CumulativeShare">Persons in this and the higher groups over all persons ranked (the gains chart's x); 0 when none are.</param>
/// <param name="CumulativeGain">Positives in this and the higher groups over all positives (the gains chart's y); null when nobody is positive.</param>
/// <remarks>Persons with equal scores hold consecutive ranks in person-index order (see <see cref="ModelEvaluation.TieBreak"/>),
/// so a cut may fall between two of them: <see cref="SplitsTie"/> says so.</remarks>
public sealed record DecileRow(int Group, long Count, long Positives, double? Rate, double? Lift, double CumulativeShare, double? CumulativeGain)
{
    /// <summary>The highest score in the group (−0.0 reported as 0.0); null for an empty group.</summary>
    public double? MaxScore { get; init; }

    /// <summary>The lowest score in the group (−0.0 reported as 0.0); null for an empty group.</summary>
    public double? MinScore { get; init; }

    /// <summary>
    /// Whether the cut below this group splits a tie: persons with the group's lowest score (<see cref="MinScore"/>) are
    /// also in the next group, so which of them are here was decided by <see cref="ModelEvaluation.TieBreak"/>, not by
    /// score. Always false for the last non-empty group.
    /// </summary>
    public bool SplitsTie { get; init; }
}

/// <summary>
/// Model evaluation of one scoring run against outcomes, as Customer AI's lift and cumulative gains charts and AUC: the
/// persons scored in the run ranked by score, descending, cut into equal-count groups (deciles), with positives, rate,
/// lift and cumulative gain per group, and the area under the ROC curve.
/// </summary>
/// <remarks>
/// <para>A <b>positive</b> is a person with at least one outcome in <c>(scoreDate, scoreDate + window]</c> (see
/// <see cref="ModelEvaluationOptions.OutcomeWindowDays"/>); everyone else ranked is a negative — also before the window
/// has passed, so check <see cref="IsComplete"/>.</para>
/// <para>Ranked are the persons scored in the run (and in the segment) whose score is a number: a null score counts in
/// <see cref="NoValue"/>, NaN in <see cref="NaNCount"/>, and neither is ranked. −0.0 and 0.0 are one score.</para>
/// <para><b>Groups</b>: n persons in g groups of <c>⌊n/g⌋</c>, the remainder spread from the top (1,003 in deciles: three of
/// 101, then seven of 100). Persons with equal scores at a cut are split by person index (order of first appearance in the
/// input; <see cref="TieBreak"/>), so groups have exactly their sizes and the result is deterministic; each row says
/// whether its lower cut split a tie (<see cref="DecileRow.SplitsTie"/>) and its score range (<see cref="DecileRow.MinScore"/>,
/// <see cref="DecileRow.MaxScore"/>).</para>
/// <para><b>AUC</b> is the Mann–Whitney statistic: over every (positive, negative) pair, 1 when the positive scores higher, ½
/// when they score the same, 0 otherwise, averaged; computed exactly as an integer count of half-pairs. Null when there is
/// no positive or no negative. <see cref="TiedPairs"/> counts the pairs that scored the same. Cost: a radix sort of the scores' order-preserving bits and one pass in rank order (no
/// comparison sort of doubles).</para>
/// </remarks>
public sealed class ModelEvaluation
{
    /// <summary>
    /// The one way a <see cref="ModelEvaluation"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal ModelEvaluation(DateOnly run, OutcomeWindow window, DateTimeOffset? asOf, DecileRow[] rows, long count, long positives, long twiceU, long tiedPairs, long noValue, long nan, ScoreTableDiagnostics diagnostics, OutcomeDiagnostics outcomeDiagnostics)
    {
        Run = run;
        OutcomeWindowDays = window.Days;
        WindowStart = window.Start;
        WindowEnd = window.End;
        AsOf = asOf;
        IsComplete = window.HasPassed(asOf);
        Rows = rows;
        Count = count;
        Positives = positives;
        Negatives = count - positives;
        OverallRate = count == 0 ? null : (double)positives / count;
        Auc = positives == 0 || Negatives == 0 ? null : twiceU / (2.0 * positives * Negatives);
        TiedPairs = tiedPairs;
        NoValue = noValue;
        NaNCount = nan;
        Diagnostics = diagnostics;
        OutcomeDiagnostics = outcomeDiagnostics;
    }

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>The outcome window, in days.</summary>
    public int OutcomeWindowDays { get; }

    /// <summary>The window's start (exclusive): midnight of the score date in the options' time zone.</summary>
    public DateTimeOffset WindowStart { get; }

    /// <summary>The window's end (inclusive): <see cref="OutcomeWindowDays"/> days after <see cref="WindowStart"/>, at midnight.</summary>
    public DateTimeOffset WindowEnd { get; }

    /// <summary>When the outcome data is taken to be complete (the option, else the latest outcome read); null when unknown.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>Whether the window had passed as of <see cref="AsOf"/> (<c>WindowEnd &lt;= AsOf</c>): before that, late positives may be missing.</summary>
    public bool IsComplete { get; }

    /// <summary>The number of groups (10 for deciles).</summary>
    public int Groups => Rows.Count;

    /// <summary>One row per group, highest scores first.</summary>
    public IReadOnlyList<DecileRow> Rows { get; }

    /// <summary>Persons ranked (scored in the run and segment, with a score that is a number).</summary>
    public long Count { get; }

    /// <summary>Ranked persons with an outcome in the window.</summary>
    public long Positives { get; }

    /// <summary>Ranked persons without one.</summary>
    public long Negatives { get; }

    /// <summary>Positives / Count; null when nobody is ranked.</summary>
    public double? OverallRate { get; }

    /// <summary>The area under the ROC curve (Mann–Whitney, ties ½): 0.5 is random, 1 perfect; null without both positives and negatives.</summary>
    public double? Auc { get; }

    /// <summary>
    /// The (positive, negative) pairs whose scores are equal (−0.0 and 0.0 equal): each counts ½ in <see cref="Auc"/>. Of
    /// <c>Positives × Negatives</c> pairs; many tied pairs (scores with two decimals, large runs) pull the AUC towards 0.5.
    /// </summary>
    public long TiedPairs { get; }

    /// <summary>
    /// How persons with equal scores are ordered when a group cut falls among them: <c>personIndex</c> — by the table's
    /// person index, ascending (the order in which persons first appear in the input the table was built from), the earlier
    /// person into the higher group. The same for any degree of parallelism.
    /// </summary>
    public string TieBreak => "personIndex";

    /// <summary>Persons scored in the run (and segment) with a null score: not ranked.</summary>
    public long NoValue { get; }

    /// <summary>Persons scored with a NaN score: not ranked.</summary>
    public long NaNCount { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The diagnostics of the outcome join (unknown persons and their samples).</summary>
    public OutcomeDiagnostics OutcomeDiagnostics { get; }

    /// <summary>Evaluates one run's scores against the outcomes.</summary>
    /// <param name="table">The table.</param>
    /// <param name="outcomes">Outcomes joined to <paramref name="table"/> with <see cref="OutcomeEvents.Join"/>.</param>
    /// <param name="options">The settings (the outcome window is required).</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The options are invalid (parameter <c>options</c>, every problem listed; an outcome
    /// window of 0 or less among them); the run does not exist or the table has no runs; the outcomes were joined to another
    /// table (parameter <c>outcomes</c>); the segment names something the table does not have.</exception>
    public static ModelEvaluation Compute(ScoreTable table, OutcomeEvents outcomes, ModelEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        outcomes.CheckTable(table, nameof(outcomes));
        var runIndex = AnalysisErrors.RunIndexOrLatest(table, options.Run, nameof(options));
        var scope = AnalysisScope.ForRun(table, runIndex, options.Segment);
        var run = table.Runs[runIndex];
        var window = OutcomeWindow.For(run.ScoreDate, options.OutcomeWindowDays, options.TimeZone);
        var n = table.Persons.Count;
        var positives = new ulong[BitmapKernels.WordLength(n)];
        window.MarkPositives(outcomes, 0, n, positives);
        using var ranked = RankedScores.Rank(scope, 0, n, options.MaxDegreeOfParallelism);
        var sizes = EqualCountGroups.Sizes(ranked.Count, options.Groups);
        var (rows, positiveCount, twiceU, tiedPairs) = ranked.Evaluate(positives, sizes);
        return new ModelEvaluation(run.ScoreDate, window, options.AsOf ?? outcomes.Latest, rows, ranked.Count, positiveCount, twiceU, tiedPairs, ranked.NoValue, ranked.NaN, table.Diagnostics, outcomes.Diagnostics);
    }

    /// <summary>
    /// The mergeable state behind an evaluation: the ranked persons of a run as (descending key, person) pairs sorted by key
    /// then person, with the counts of null and NaN scores. Ranking any partition of the persons and merging gives the
    /// ranking of the whole (the order is total).
    /// </summary>
    internal sealed class RankedScores : IDisposable
    {
        private ulong[] _keys;
        private int[] _persons;

        private RankedScores(ulong[] keys, int[] persons, int count)
        {
            _keys = keys;
            _persons = persons;
            Count = count;
        }

        public int Count { get; private set; }

        public long NoValue { get; private set; }

        public long NaN { get; private set; }

        public ReadOnlySpan<ulong> Keys => _keys.AsSpan(0, Count);

        public ReadOnlySpan<int> Persons => _persons.AsSpan(0, Count);

        /// <summary>Ranks persons <c>[from, from + count)</c> of the scope's run, in up to <paramref name="parts"/> parts ranked in parallel and merged.</summary>
        public static RankedScores Rank(AnalysisScope scope, int from, int count, int parts)
        {
            // Parts on 64-person boundaries, at least 2^16 persons each: below that a thread costs more than it saves.
            parts = Math.Max(1, Math.Min(parts, count / PersonChunks.Size));
            if (parts == 1)
            {
                return Create(scope, from, count);
            }

            var step = ((count / parts) + 63) & ~63;
            var states = new RankedScores[parts];
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, i =>
            {
                var start = from + (i * step);
                var end = i == parts - 1 ? from + count : Math.Min(from + count, start + step);
                states[i] = Create(scope, start, Math.Max(0, end - start));
            });

            var total = states[0];
            for (var i = 1; i < parts; i++)
            {
                total.Merge(states[i]);
                states[i].Dispose();
            }

            return total;
        }

        /// <summary>Ranks persons <c>[from, from + count)</c>; <paramref name="from"/> is a multiple of 64.</summary>
        public static RankedScores Create(AnalysisScope scope, int from, int count)
        {
            var run = scope.Table.Runs[scope.FromRun];
            var present = scope.Mask(run.Presence);
            var validity = run.ScoreValidity;
            var scores = run.Scores;
            var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(count, 1));
            var persons = ArrayPool<int>.Shared.Rent(Math.Max(count, 1));
            var state = new RankedScores(keys, persons, 0);
            var k = 0;
            long noValue = 0, nan = 0;
            var end = from + count;
            for (var word = from >> 6; word << 6 < end; word++)
            {
                var bits = Word(present, word) & (end - (word << 6) >= 64 ? ulong.MaxValue : (1UL << (end - (word << 6))) - 1);
                var valid = Word(validity, word);
                noValue += BitOperations.PopCount(bits & ~valid);
                bits &= valid;
                while (bits != 0)
                {
                    var p = (word << 6) + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    var v = scores[p];
                    if (double.IsNaN(v))
                    {
                        nan++;
                        continue;
                    }

                    keys[k] = RankSort.DescendingKey(v);
                    persons[k++] = p;
                }
            }

            var keyScratch = ArrayPool<ulong>.Shared.Rent(Math.Max(k, 1));
            var personScratch = ArrayPool<int>.Shared.Rent(Math.Max(k, 1));
            try
            {
                RankSort.Sort(keys.AsSpan(0, k), persons.AsSpan(0, k), keyScratch, personScratch);
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(keyScratch);
                ArrayPool<int>.Shared.Return(personScratch);
            }

            state.Count = k;
            state.NoValue = noValue;
            state.NaN = nan;
            return state;
        }

        public void Merge(RankedScores other)
        {
            var n = Count + other.Count;
            var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(n, 1));
            var persons = ArrayPool<int>.Shared.Rent(Math.Max(n, 1));
            RankSort.Merge(Keys, Persons, other.Keys, other.Persons, keys, persons);
            ArrayPool<ulong>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_persons);
            _keys = keys;
            _persons = persons;
            Count = n;
            NoValue += other.NoValue;
            NaN += other.NaN;
        }

        /// <summary>The group rows, the positives, twice the Mann–Whitney U and the tied pairs, in one pass in rank order.</summary>
        public (DecileRow[] Rows, long Positives, long TwiceU, long TiedPairs) Evaluate(ReadOnlySpan<ulong> positiveWords, long[] sizes)
        {
            var ends = new long[sizes.Length];
            long end = 0;
            for (var g = 0; g < sizes.Length; g++)
            {
                ends[g] = end += sizes[g];
            }

            var groupPositives = new long[sizes.Length];
            var twiceU = RankSort.TwiceMannWhitneyU(Keys, Persons, positiveWords, ends, groupPositives, out var positives, out var tiedPairs);
            var overall = Count == 0 ? 0 : (double)positives / Count;
            var rows = new DecileRow[sizes.Length];
            long cumulativeCount = 0, cumulativePositives = 0;
            for (var g = 0; g < sizes.Length; g++)
            {
                cumulativeCount += sizes[g];
                cumulativePositives += groupPositives[g];
                double? rate = sizes[g] == 0 ? null : (double)groupPositives[g] / sizes[g];
                rows[g] = new DecileRow(
                    g + 1,
                    sizes[g],
                    groupPositives[g],
                    rate,
                    rate is { } r && positives > 0 ? r / overall : null,
                    Count == 0 ? 0 : (double)cumulativeCount / Count,
                    positives == 0 ? null : (double)cumulativePositives / positives);
                if (sizes[g] > 0)
                {
                    // Ascending keys are descending scores: the group's first rank holds its highest score, its last the lowest.
                    var first = (int)(cumulativeCount - sizes[g]);
                    var last = (int)cumulativeCount - 1;
                    rows[g] = rows[g] with
                    {
                        MaxScore = Selection.FromKey(~Keys[first]),
                        MinScore = Selection.FromKey(~Keys[last]),
                        SplitsTie = last + 1 < Count && Keys[last + 1] == Keys[last],
                    };
                }
            }

            return (rows, positives, twiceU, tiedPairs);
        }

        public void Dispose()
        {
            ArrayPool<ulong>.Shared.Return(_keys);
            ArrayPool<int>.Shared.Return(_persons);
            _keys = [];
            _persons = [];
            Count = 0;
        }

        private static ulong Word(ReadOnlySpan<byte> bitmap, int word)
        {
            var at = word << 3;
            if (at + 8 <= bitmap.Length)
            {
                return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bitmap[at..]);
            }

            ulong w = 0;
            for (var i = 0; at + i < bitmap.Length && i < 8; i++)
            {
                w |= (ulong)bitmap[at + i] << (8 * i);
            }

            return w;
        }
    }

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
