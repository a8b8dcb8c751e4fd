using System.Buffers;
using System.Runtime.InteropServices;
using CaiScores.Bucketing;
using CaiScores.Kernels;

namespace CaiScores.Cohorts;

/// <summary>
/// The mergeable state behind a cohort table: per cohort row (period × item) the included persons, and per row and offset
/// the retained ones (returned in that period; with rolling, in every period up to it). Counting any partition of the
/// persons and merging gives the counts of the whole: a person's runs are always counted together.
/// </summary>
/// <remarks>
/// Persons are taken a block of 4,096 at a time (64 words, in L1): the return set of every period is the OR of its runs'
/// bitmaps; then for each cohort the inclusion set (or, with a split, one set per item from the byte codes of each
/// person's first qualifying run) and the cells as popcounts of ANDs — a running AND when rolling.
/// </remarks>
internal sealed class CohortState
{
    private const int Block = 4096;
    private const int BlockWords = Block / 64;

    private readonly CohortPlan _plan;
    private readonly long[] _included;   // [period * Items + item]
    private readonly long[][] _retained; // per period: [item * CellCount(period) + offset − 1]

    public CohortState(CohortPlan plan)
    {
        _plan = plan;
        _included = new long[plan.Periods.Length * plan.Items];
        _retained = new long[plan.Periods.Length][];
        for (var c = 0; c < _retained.Length; c++)
        {
            _retained[c] = new long[plan.CellCount(c) * plan.Items];
        }
    }

    public long Included(int period, int item) => _included[(period * _plan.Items) + item];

    public long Retained(int period, int item, int offset) => _retained[period][(item * _plan.CellCount(period)) + offset - 1];

    /// <summary>Counts persons <c>[from, from + count)</c>; <paramref name="from"/> is a multiple of 64.</summary>
    public void Add(int from, int count)
    {
        var plan = _plan;
        if (plan.LastData < 0 || count == 0)
        {
            return;
        }

        var periods = plan.LastData + 1;
        var returned = new ulong[periods * BlockWords];
        var hasReturn = new bool[periods];
        var included = new ulong[BlockWords];
        var rolling = new ulong[BlockWords];
        var split = plan.Split != CohortSplit.None ? new SplitBuffers(plan) : null;
        try
        {
            for (var start = from; start < from + count; start += Block)
            {
                var n = Math.Min(Block, from + count - start);
                var words = BitmapKernels.WordLength(n);
                var offset = start >> 6;
                for (var p = 0; p < periods; p++)
                {
                    var r = returned.AsSpan(p * BlockWords, words);
                    r.Clear();
                    var any = false;
                    foreach (var bits in plan.Return[p])
                    {
                        any |= CohortBitmaps.OrAndNot(r, bits.AsSpan(offset, words), default);
                    }

                    hasReturn[p] = any;
                }

                for (var c = 0; c < periods; c++)
                {
                    if (plan.Inclusion[c].Length == 0)
                    {
                        continue;
                    }

                    if (split is null)
                    {
                        var set = included.AsSpan(0, words);
                        set.Clear();
                        var any = false;
                        foreach (var bits in plan.Inclusion[c])
                        {
                            any |= CohortBitmaps.OrAndNot(set, bits.AsSpan(offset, words), default);
                        }

                        if (any)
                        {
                            Count(c, 0, set, returned, hasReturn, rolling);
                        }

                        continue;
                    }

                    split.Build(c, start, n);
                    for (var item = 0; item < plan.Items; item++)
                    {
                        if (split.HasItem[item])
                        {
                            Count(c, item, split.Plane(item, words), returned, hasReturn, rolling);
                        }
                    }
                }
            }
        }
        finally
        {
            split?.Dispose();
        }
    }

    public void Merge(CohortState other)
    {
        StateMerge.Add(_included, other._included);

        for (var c = 0; c < _retained.Length; c++)
        {
            StateMerge.Add(_retained[c], other._retained[c]);
        }
    }

    /// <summary>Adds the cohort <paramref name="set"/> of a block (period <paramref name="c"/>, item) and its cells.</summary>
    private void Count(int c, int item, ReadOnlySpan<ulong> set, ulong[] returned, bool[] hasReturn, ulong[] rolling)
    {
        var size = BitmapKernels.PopCount(set);
        if (size == 0)
        {
            return;
        }

        _included[(c * _plan.Items) + item] += size;
        var cells = _plan.CellCount(c);
        var row = _retained[c].AsSpan(item * cells, cells);
        var words = set.Length;
        if (_plan.Options.Rolling)
        {
            var acc = rolling.AsSpan(0, words);
            set.CopyTo(acc);
            for (var k = 1; k <= cells; k++)
            {
                var p = c + k;
                var kept = hasReturn[p] ? CohortBitmaps.AndInPlacePopCount(acc, returned.AsSpan(p * BlockWords, words)) : 0;
                if (kept == 0)
                {
                    break; // no one left: every later cell of the block is 0
                }

                row[k - 1] += kept;
            }

            return;
        }

        for (var k = 1; k <= cells; k++)
        {
            var p = c + k;
            if (hasReturn[p])
            {
                row[k - 1] += CohortBitmaps.AndPopCount(set, returned.AsSpan(p * BlockWords, words));
            }
        }
    }

    /// <summary>
    /// The per-item inclusion sets of one cohort and block: each included person goes to the item (bucket or attribute
    /// value) of the first run of the period in which they met the inclusion criterion.
    /// </summary>
    private sealed class SplitBuffers : IDisposable
    {
        private readonly CohortPlan _plan;
        private readonly ulong[] _planes;
        private readonly ulong[] _assigned = new ulong[BlockWords];
        private readonly ulong[] _newly = new ulong[BlockWords];
        private readonly ulong[] _valid = new ulong[BlockWords];
        private readonly byte[] _codes = new byte[Block];
        private readonly double[]? _widened;

        public SplitBuffers(CohortPlan plan)
        {
            _plan = plan;
            _planes = new ulong[plan.Items * BlockWords];
            HasItem = new bool[plan.Items];
            _widened = plan.Scheme?.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(Block) : null;
        }

        public bool[] HasItem { get; }

        public ReadOnlySpan<ulong> Plane(int item, int words) => _planes.AsSpan(item * BlockWords, words);

        public void Build(int c, int start, int n)
        {
            var plan = _plan;
            var words = BitmapKernels.WordLength(n);
            var offset = start >> 6;
            _planes.AsSpan().Clear();
            var assigned = _assigned.AsSpan(0, words);
            assigned.Clear();
            var runs = plan.Runs[c];
            for (var i = 0; i < runs.Length; i++)
            {
                var newly = _newly.AsSpan(0, words);
                newly.Clear();
                if (!CohortBitmaps.OrAndNot(newly, plan.Inclusion[c][i].AsSpan(offset, words), assigned))
                {
                    continue;
                }

                if (plan.Split == CohortSplit.Bucket)
                {
                    AddBuckets(runs[i], start, n, newly);
                }
                else
                {
                    AddAttribute(runs[i], start, n, newly);
                }

                CohortBitmaps.OrAndNot(assigned, newly, default);
            }

            for (var item = 0; item < plan.Items; item++)
            {
                HasItem[item] = _planes.AsSpan(item * BlockWords, words).ContainsAnyExcept(0UL);
            }
        }

        public void Dispose()
        {
            if (_widened is not null)
            {
                ArrayPool<double>.Shared.Return(_widened);
            }
        }

        /// <summary>Buckets 0…E by code, NaN (code E + 1) and null values into "No value" (item E + 1).</summary>
        private void AddBuckets(int runIndex, int start, int n, ReadOnlySpan<ulong> newly)
        {
            var scheme = _plan.Scheme!;
            var run = _plan.Table.Runs[runIndex];
            var words = newly.Length;
            ReadOnlySpan<double> values;
            ReadOnlySpan<byte> validity;
            switch (scheme.Field)
            {
                case ScoreField.Score:
                    values = run.Scores.Slice(start, n);
                    validity = run.ScoreValidity;
                    break;
                case ScoreField.Probability:
                    values = run.Probabilities.Slice(start, n);
                    validity = run.ProbabilityValidity;
                    break;
                default:
                    var percentiles = run.Percentiles.Slice(start, n);
                    for (var i = 0; i < n; i++)
                    {
                        _widened![i] = percentiles[i];
                    }

                    values = _widened.AsSpan(0, n);
                    validity = run.PercentileValidity;
                    break;
            }

            // Valid values of the persons newly included: every other person gets the skip code, which has no plane.
            var valid = _valid.AsSpan(0, words);
            BitBlocks.Load(validity, start, n, valid);
            BitmapKernels.And(valid, newly, valid);
            BucketCodes.Assign(values, MemoryMarshal.AsBytes(valid), 0, scheme.EdgeSpan, _codes);
            var noValue = _plan.NoValueItem; // = BucketCodes.NaNCode(edges): NaN lands in "No value" by its code
            ByteCodes.OrPlanes(_codes.AsSpan(0, n), _planes, noValue + 1, BlockWords);
            CohortBitmaps.OrAndNot(_planes.AsSpan(noValue * BlockWords, words), newly, valid);
        }

        /// <summary>Attribute value ids 0…V−1 by code, no value into "No value" (item V); persons not newly included get no code.</summary>
        private void AddAttribute(int runIndex, int start, int n, ReadOnlySpan<ulong> newly)
        {
            var slots = _plan.Slots[runIndex].AsSpan(start, n);
            var noValue = (byte)_plan.NoValueItem;
            var codes = _codes.AsSpan(0, n);
            codes.Fill(byte.MaxValue);
            for (var w = 0; w < newly.Length; w++)
            {
                var word = newly[w];
                while (word != 0)
                {
                    var i = (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    var slot = slots[i];
                    codes[i] = slot == 0 ? noValue : (byte)(slot - 1);
                    word &= word - 1;
                }
            }

            ByteCodes.OrPlanes(codes, _planes, _plan.Items, BlockWords);
        }
    }
}
