using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Transitions;

/// <summary>
/// What the transition counts look at: the table, the scheme, the segment, and the run pairs. Codes each run one byte per
/// person: the bucket (<c>0 … B−1</c>), <see cref="NoValueCode"/> for a person scored without a value (null or NaN), and
/// <see cref="AbsentCode"/> for a person not scored in the run or outside the segment.
/// </summary>
internal sealed class TransitionPlan
{
    public TransitionPlan(ScoreTable table, TransitionOptions options, (int From, int To)[] pairs)
    {
        Table = table;
        Options = options;
        Scheme = options.Scheme;
        Scope = AnalysisScope.Create(table, null, options.Segment);
        Pairs = pairs;
        Runs = [.. pairs.SelectMany(p => new[] { p.From, p.To }).Distinct().Order()];
        Slots = [.. pairs.Select(p => (Array.IndexOf(Runs, p.From), Array.IndexOf(Runs, p.To)))];
        Codes = new TransitionCodes(Scheme);
    }

    public ScoreTable Table { get; }

    public TransitionOptions Options { get; }

    public BucketScheme Scheme { get; }

    /// <summary>The table's persons (all runs) and the segment evaluated over every run.</summary>
    public AnalysisScope Scope { get; }

    /// <summary>The run index pairs, each from an earlier run to a later one.</summary>
    public (int From, int To)[] Pairs { get; }

    /// <summary>The runs the pairs need, ascending; each is coded once per block however many pairs it is in.</summary>
    public int[] Runs { get; }

    /// <summary>Per pair, the positions of its runs in <see cref="Runs"/>.</summary>
    public (int From, int To)[] Slots { get; }

    /// <summary>How the scheme's buckets, "No value" and absent are coded.</summary>
    public TransitionCodes Codes { get; }

    /// <summary>Scored without a value.</summary>
    public byte NoValueCode => Codes.NoValueCode;

    /// <summary>Not scored (or outside the segment).</summary>
    public byte AbsentCode => Codes.AbsentCode;

    /// <summary>Codes per side of a pair.</summary>
    public int CodeCount => Codes.CodeCount;

    /// <summary>Writes the codes of persons <c>[start, start + n)</c> (at most <see cref="ScopeMasks.Block"/>) in run <paramref name="run"/>.</summary>
    public void Code(int run, int start, int n, Span<byte> codes, double[]? widened)
    {
        Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
        Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
        var scoreRun = Table.Runs[run];
        if (!ScopeMasks.Present(Scope, scoreRun, start, n, present))
        {
            codes[..n].Fill(AbsentCode);
            return;
        }

        var words = BitmapKernels.WordLength(n);
        var values = ScopeMasks.Column(scoreRun, Scheme.Field, start, n, widened, out var validity);
        ScopeMasks.Valid(validity, start, n, present[..words], valid);

        // Valid values get their bucket (NaN gets the NaN code, which is NoValueCode); everyone else the skip code (absent).
        BucketCodes.Assign(values, MemoryMarshal.AsBytes(valid[..words]), 0, Scheme.EdgeSpan, codes);

        // Scored without a value (null): few, visited bit by bit.
        var noValue = NoValueCode;
        for (var w = 0; w < words; w++)
        {
            var missing = present[w] & ~valid[w];
            while (missing != 0)
            {
                codes[(w << 6) + BitOperations.TrailingZeroCount(missing)] = noValue;
                missing &= missing - 1;
            }
        }
    }

    /// <summary>The persons whose code in <paramref name="fromRun"/> is in <paramref name="fromSet"/> and in <paramref name="toRun"/> in <paramref name="toSet"/>.</summary>
    public PersonSet Select(int fromRun, int toRun, ulong fromSet, ulong toSet)
    {
        var persons = Table.Persons.Count;
        var words = new ulong[BitmapKernels.WordLength(persons)];
        var from = ArrayPool<byte>.Shared.Rent(ScopeMasks.Block);
        var to = ArrayPool<byte>.Shared.Rent(ScopeMasks.Block);
        var widened = Scheme.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(ScopeMasks.Block) : null;
        try
        {
            for (var start = 0; start < persons; start += ScopeMasks.Block)
            {
                var n = Math.Min(ScopeMasks.Block, persons - start);
                Code(fromRun, start, n, from, widened);
                Code(toRun, start, n, to, widened);
                PairCounter.Select(from.AsSpan(0, n), to.AsSpan(0, n), fromSet, toSet, words.AsSpan(start >> 6));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(from);
            ArrayPool<byte>.Shared.Return(to);
            if (widened is not null)
            {
                ArrayPool<double>.Shared.Return(widened);
            }
        }

        return PersonSet.FromWords(words, persons);
    }
}

/// <summary>
/// The mergeable state behind transition matrices: per run pair, a histogram of (from code, to code) over the persons.
/// Counting any partition of the persons and merging gives the counts of the whole.
/// </summary>
internal sealed class TransitionCounts
{
    private readonly TransitionPlan _plan;
    private readonly long[] _counts;

    public TransitionCounts(TransitionPlan plan)
    {
        _plan = plan;
        _counts = new long[plan.Pairs.Length * Cells];
    }

    /// <summary>Cells per pair: <c>CodeCount²</c>, row-major by the from-run's code.</summary>
    public int Cells => _plan.CodeCount * _plan.CodeCount;

    /// <summary>The histogram of pair <paramref name="pair"/>.</summary>
    public ReadOnlySpan<long> Pair(int pair) => _counts.AsSpan(pair * Cells, Cells);

    /// <summary>Counts persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, a block at a time: each run coded once, each pair counted from the codes.</summary>
    public void Add(int from, int count)
    {
        var plan = _plan;
        var codes = ArrayPool<byte>.Shared.Rent(plan.Runs.Length * ScopeMasks.Block);
        var widened = plan.Scheme.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(ScopeMasks.Block) : null;
        try
        {
            for (var start = from; start < from + count; start += ScopeMasks.Block)
            {
                var n = Math.Min(ScopeMasks.Block, from + count - start);
                for (var r = 0; r < plan.Runs.Length; r++)
                {
                    plan.Code(plan.Runs[r], start, n, codes.AsSpan(r * ScopeMasks.Block, n), widened);
                }

                for (var p = 0; p < plan.Slots.Length; p++)
                {
                    var (a, b) = plan.Slots[p];
                    PairCounter.Count(
                        codes.AsSpan(a * ScopeMasks.Block, n),
                        codes.AsSpan(b * ScopeMasks.Block, n),
                        plan.CodeCount,
                        _counts.AsSpan(p * Cells, Cells));
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(codes);
            if (widened is not null)
            {
                ArrayPool<double>.Shared.Return(widened);
            }
        }
    }

    public void Merge(TransitionCounts other)
    {
        StateMerge.Add(_counts, other._counts);
    }

    /// <summary>Counts every person of the plan on up to <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    public static TransitionCounts Count(TransitionPlan plan, int maxDegreeOfParallelism) =>
        PersonChunks.Aggregate(
            plan.Table.Persons.Count,
            maxDegreeOfParallelism,
            () => new TransitionCounts(plan),
            (state, from, count) => state.Add(from, count),
            (into, other) => into.Merge(other));
}
