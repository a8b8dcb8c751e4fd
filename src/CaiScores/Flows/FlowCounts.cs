using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CaiScores.Bucketing;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Flows;

/// <summary>What a flow walks: the scope (runs and segment), the scheme and the path layout.</summary>
internal sealed class FlowQuery(AnalysisScope scope, BucketScheme scheme, FlowLayout layout, bool includeRepeats)
{
    public AnalysisScope Scope { get; } = scope;

    public BucketScheme Scheme { get; } = scheme;

    public FlowLayout Layout { get; } = layout;

    public bool IncludeRepeats { get; } = includeRepeats;
}

/// <summary>
/// The mergeable state behind a flow: how often each path key (the columns around one anchor occurrence) occurred, the
/// anchor occurrences and the persons with at least one. A person's runs are always walked together, so counting any
/// partition of the persons and merging gives the counts of the whole.
/// </summary>
internal sealed class FlowCounts
{
    private const uint NoState = 0xFD; // the previous step before the first: no state, Gap or Drop equals it

    private FlowCounts(FlowLayout layout) => Paths = new PathCounter(layout.KeySpace);

    public PathCounter Paths { get; }

    public long Anchors { get; private set; }

    public long Persons { get; private set; }

    public static FlowCounts Create(FlowLayout layout) => new(layout);

    public void Merge(FlowCounts other)
    {
        Paths.Merge(other.Paths);
        Anchors += other.Anchors;
        Persons += other.Persons;
    }

    /// <summary>Walks persons <paramref name="from"/> to <paramref name="from"/> + <paramref name="count"/>, a block at a time:
    /// each run of the block coded once into a byte per person, then each person's sequence built from the codes.</summary>
    public void Add(FlowQuery query, int from, int count)
    {
        var scope = query.Scope;
        var runs = scope.RunCount;
        if (runs == 0 || count == 0)
        {
            return;
        }

        var codes = ArrayPool<byte>.Shared.Rent(runs * ScopeMasks.Block);
        var widened = query.Scheme.Field == ScoreField.Percentile ? ArrayPool<double>.Shared.Rent(ScopeMasks.Block) : null;
        var sequence = new byte[runs + 1]; // a step per run at most, and a spare byte for the branch-free append
        try
        {
            for (var start = from; start < from + count; start += ScopeMasks.Block)
            {
                var n = Math.Min(ScopeMasks.Block, from + count - start);
                Code(query, start, n, codes, widened);
                Walk(query, codes, n, sequence);
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

    /// <summary>Codes each run of the block: the bucket, NaN code for scored without a value, skip code for missing.</summary>
    private static void Code(FlowQuery query, int start, int n, byte[] codes, double[]? widened)
    {
        Span<ulong> present = stackalloc ulong[ScopeMasks.Words];
        Span<ulong> valid = stackalloc ulong[ScopeMasks.Words];
        var words = BitmapKernels.WordLength(n);
        var scope = query.Scope;
        var edges = query.Scheme.EdgeSpan;
        var noValue = BucketCodes.NaNCode(edges.Length);
        for (var r = 0; r < scope.RunCount; r++)
        {
            var destination = codes.AsSpan(r * ScopeMasks.Block, n);
            var run = scope.Table.Runs[scope.FromRun + r];
            if (!ScopeMasks.Present(scope, run, start, n, present))
            {
                destination.Fill(BucketCodes.SkipCode(edges.Length));
                continue;
            }

            var values = ScopeMasks.Column(run, query.Scheme.Field, start, n, widened, out var validity);
            ScopeMasks.Valid(validity, start, n, present[..words], valid);
            BucketCodes.Assign(values, MemoryMarshal.AsBytes(valid[..words]), 0, edges, destination);
            for (var w = 0; w < words; w++)
            {
                // Scored without a value: the NaN code (No value), not the skip code (missing).
                var bits = present[w] & ~valid[w];
                while (bits != 0)
                {
                    destination[(w << 6) + BitOperations.TrailingZeroCount(bits)] = noValue;
                    bits &= bits - 1;
                }
            }
        }
    }

    /// <summary>Builds each person's sequence of states and counts the path keys around its anchor occurrences.</summary>
    private void Walk(FlowQuery query, byte[] codes, int n, byte[] sequence)
    {
        var layout = query.Layout;
        var runs = query.Scope.RunCount;
        var repeats = query.IncludeRepeats;
        var notScored = layout.NotScoredState;
        ref var map = ref MemoryMarshal.GetArrayDataReference(layout.CodeMap); // 256 entries: any byte indexes it
        ref var code0 = ref MemoryMarshal.GetArrayDataReference(codes);
        ref var seq = ref MemoryMarshal.GetArrayDataReference(sequence); // runs entries: a run adds at most one step
        long anchors = 0;
        long persons = 0;
        for (var i = 0; i < n; i++)
        {
            var length = 0;
            var gaps = 0;
            ref var code = ref Unsafe.Add(ref code0, i);
            if (notScored < 0)
            {
                // No Not scored steps: a branch-free append. The state is written at the end whatever it is (the buffer
                // has a spare byte) and kept by advancing the length when it is a step and, repeats collapsed, a new one.
                var last = NoState;
                for (var r = 0; r < runs; r++)
                {
                    uint state = Unsafe.Add(ref map, Unsafe.Add(ref code, r * ScopeMasks.Block));
                    Unsafe.Add(ref seq, length) = (byte)state;
                    var step = (state < FlowLayout.Gap ? 1 : 0) & (repeats || state != last ? 1 : 0);
                    last = step != 0 ? state : last;
                    length += step;
                }
            }
            else
            {
                for (var r = 0; r < runs; r++)
                {
                    var state = Unsafe.Add(ref map, Unsafe.Add(ref code, r * ScopeMasks.Block));
                    if (state < FlowLayout.Gap)
                    {
                        if (gaps > 0)
                        {
                            // Missing runs between two scored ones (never before the first: gaps only count once length > 0).
                            for (var g = repeats ? gaps : 1; g > 0; g--)
                            {
                                Unsafe.Add(ref seq, length++) = (byte)notScored;
                            }

                            gaps = 0;
                        }

                        if (repeats || length == 0 || Unsafe.Add(ref seq, length - 1) != state)
                        {
                            Unsafe.Add(ref seq, length++) = state;
                        }
                    }
                    else if (state == FlowLayout.Gap && length > 0)
                    {
                        gaps++;
                    }
                }
            }

            if (length == 0)
            {
                continue;
            }

            var found = Anchor(layout, sequence.AsSpan(0, length));
            anchors += found;
            persons += found > 0 ? 1 : 0;
        }

        Anchors += anchors;
        Persons += persons;
    }

    /// <summary>Counts the path key of each anchor occurrence in one sequence; returns the occurrences counted.</summary>
    private int Anchor(FlowLayout layout, ReadOnlySpan<byte> sequence)
    {
        var item = layout.AnchorState;
        switch (layout.Kind)
        {
            case FlowAnchorKind.Entry:
                Paths.Increment(After(layout, sequence, -1));
                return 1;
            case FlowAnchorKind.EndsWith:
            {
                var found = 0;
                for (var a = sequence.Length - 1; a >= 0; a--)
                {
                    if (sequence[a] == item)
                    {
                        Paths.Increment(Before(layout, sequence, a));
                        found++;
                        if (layout.LastOnly)
                        {
                            break;
                        }
                    }
                }

                return found;
            }

            default:
            {
                var found = 0;
                for (var a = 0; a < sequence.Length; a++)
                {
                    if (sequence[a] == item)
                    {
                        Paths.Increment(After(layout, sequence, a) + Before(layout, sequence, a));
                        found++;
                        if (layout.FirstOnly)
                        {
                            break;
                        }
                    }
                }

                return found;
            }
        }
    }

    /// <summary>The digits of the columns after position <paramref name="anchor"/> (Exit = terminal once the sequence ends).</summary>
    private static ulong After(FlowLayout layout, ReadOnlySpan<byte> sequence, int anchor)
    {
        ulong key = 0;
        var weights = layout.Weights;
        for (var j = 0; j < layout.After; j++)
        {
            var p = anchor + 1 + j;
            key += (p < sequence.Length ? sequence[p] : layout.Terminal) * weights[j];
        }

        return key;
    }

    /// <summary>The digits of the columns before position <paramref name="anchor"/> (Entry = terminal before the sequence began).</summary>
    private static ulong Before(FlowLayout layout, ReadOnlySpan<byte> sequence, int anchor)
    {
        ulong key = 0;
        var weights = layout.Weights;
        for (var k = 0; k < layout.Before; k++)
        {
            var p = anchor - 1 - k;
            key += (p >= 0 ? sequence[p] : layout.Terminal) * weights[layout.After + k];
        }

        return key;
    }
}
