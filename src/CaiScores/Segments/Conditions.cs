using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;

namespace CaiScores.Segments;

/// <summary>Scored in a run (or in any run of the scope).</summary>
internal sealed class PresentCondition(DateOnly? run) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var (from, to) = RunsOf(scope, run, "run");
        var acc = new ulong[BitmapKernels.WordLength(scope.Persons)];
        for (var r = from; r < to; r++)
        {
            Words.OrBitmap(acc, scope.Table.Runs[r].Presence, scope.Persons);
        }

        return PersonSet.FromWords(acc, scope.Persons);
    }

    public override string ToString() => run is null ? "scored in any run" : $"scored{RunText(run)}";
}

/// <summary>A value in one of a scheme's buckets.</summary>
internal sealed class BucketCondition(BucketScheme scheme, int[] buckets, DateOnly? run) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        // Consecutive buckets make one value range: [lower edge of the first, upper edge of the last).
        var acc = new ulong[BitmapKernels.WordLength(scope.Persons)];
        var start = 0;
        while (start < buckets.Length)
        {
            var end = start;
            while (end + 1 < buckets.Length && buckets[end + 1] == buckets[end] + 1)
            {
                end++;
            }

            var lower = scheme.Buckets[buckets[start]].Lower ?? double.NegativeInfinity;
            var upper = scheme.Buckets[buckets[end]].Upper;
            var range = new RangeCondition(scheme.Field, lower, upper, run).Evaluate(scope);
            BitmapKernels.Or(acc, range.Words, acc);
            start = end + 1;
        }

        return PersonSet.FromWords(acc, scope.Persons);
    }

    public override string ToString() =>
        $"{scheme.Field.ToString().ToLowerInvariant()} bucket is {string.Join(" or ", buckets.Select(b => scheme.Buckets[b].DisplayName))}{RunText(run)}";
}

/// <summary>A value in <c>[atLeast, below)</c>; no upper bound when <c>below</c> is null.</summary>
internal sealed class RangeCondition(ScoreField field, double atLeast, double? below, DateOnly? run) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var (from, to) = RunsOf(scope, run, "run");
        var n = scope.Persons;
        var acc = new ulong[BitmapKernels.WordLength(n)];
        var hit = new ulong[acc.Length];
        var valid = new ulong[acc.Length];
        var upper = below ?? double.NaN; // the kernel reads a NaN upper bound as none
        for (var r = from; r < to; r++)
        {
            var scoreRun = scope.Table.Runs[r];
            switch (field)
            {
                case ScoreField.Score:
                    BitmapKernels.InRange(scoreRun.Scores, atLeast, upper, hit);
                    Words.CopyBitmap(valid, scoreRun.ScoreValidity, n);
                    break;
                case ScoreField.Probability:
                    BitmapKernels.InRange(scoreRun.Probabilities, atLeast, upper, hit);
                    Words.CopyBitmap(valid, scoreRun.ProbabilityValidity, n);
                    break;
                default:
                    PercentilesInRange(scoreRun.Percentiles, atLeast, upper, hit);
                    Words.CopyBitmap(valid, scoreRun.PercentileValidity, n);
                    break;
            }

            BitmapKernels.And(hit, valid, hit);
            BitmapKernels.Or(acc, hit, acc);
        }

        return PersonSet.FromWords(acc, n);
    }

    // Each branch formats its numbers itself: a nested interpolated string would not take the outer invariant culture.
    public override string ToString() => below is { } b
        ? string.Create(CultureInfo.InvariantCulture, $"{field.ToString().ToLowerInvariant()} in [{atLeast:R}, {b:R}){RunText(run)}")
        : string.Create(CultureInfo.InvariantCulture, $"{field.ToString().ToLowerInvariant()} ≥ {atLeast:R}{RunText(run)}");

    private static void PercentilesInRange(ReadOnlySpan<short> percentiles, double atLeast, double below, Span<ulong> destination)
    {
        // 16-bit values: widen a block at a time and use the double kernel.
        Span<double> block = stackalloc double[512];
        Span<ulong> bits = stackalloc ulong[512 / 64];
        destination.Clear();
        for (var start = 0; start < percentiles.Length; start += block.Length)
        {
            var n = Math.Min(block.Length, percentiles.Length - start);
            for (var i = 0; i < n; i++)
            {
                block[i] = percentiles[start + i];
            }

            BitmapKernels.InRange(block[..n], atLeast, below, bits);
            bits[..BitmapKernels.WordLength(n)].CopyTo(destination[(start >> 6)..]);
        }
    }
}

/// <summary>Has an influential factor with a code.</summary>
internal sealed class FactorCondition(string code, DateOnly? run) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var (from, to) = RunsOf(scope, run, "run");
        var acc = new ulong[BitmapKernels.WordLength(scope.Persons)];
        var id = scope.Table.FactorCodes.IndexOf(code);
        if (id >= 0)
        {
            for (var r = from; r < to; r++)
            {
                var scoreRun = scope.Table.Runs[r];
                var offsets = scoreRun.FactorOffsets;
                var codes = scoreRun.FactorCodes;
                for (var p = 0; p < scope.Persons; p++)
                {
                    if (codes[offsets[p]..offsets[p + 1]].Contains(id))
                    {
                        acc[p >> 6] |= 1UL << (p & 63);
                    }
                }
            }
        }

        return PersonSet.FromWords(acc, scope.Persons);
    }

    public override string ToString() => $"has factor '{code}'{RunText(run)}";
}

/// <summary>An attribute value in a set.</summary>
internal sealed class AttributeCondition(string attribute, string[] values, DateOnly? run) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var column = scope.Table.Attributes.Find(attribute) ?? throw AnalysisErrors.NoSuchAttribute(scope.Table, attribute, "attribute");
        var (from, to) = RunsOf(scope, run, "run");
        var acc = new ulong[BitmapKernels.WordLength(scope.Persons)];
        int[] wanted = [.. values.Select(column.Values.IndexOf).Where(id => id >= 0)];
        if (wanted.Length > 0 && from < to)
        {
            var hit = new ulong[acc.Length];
            if (!column.VariesOverTime)
            {
                to = from + 1; // one array serves every run
            }

            for (var r = from; r < to; r++)
            {
                BitmapKernels.IdIn(column.GetValueIds(r)[..scope.Persons], wanted, hit);
                BitmapKernels.Or(acc, hit, acc);
            }
        }

        return PersonSet.FromWords(acc, scope.Persons);
    }

    public override string ToString() =>
        $"{attribute} {(values.Length == 1 ? $"is '{values[0]}'" : $"in ({string.Join(", ", values.Select(v => $"'{v}'"))})")}{RunText(run)}";
}

/// <summary>Persons by id.</summary>
internal sealed class IdsCondition(string[] ids) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var acc = new ulong[BitmapKernels.WordLength(scope.Persons)];
        foreach (var id in ids)
        {
            var p = scope.Table.Persons.IndexOf(id);
            if (p >= 0)
            {
                acc[p >> 6] |= 1UL << (p & 63);
            }
        }

        return PersonSet.FromWords(acc, scope.Persons);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"one of {ids.Length:N0} person ids");
}

/// <summary>A set evaluated before.</summary>
internal sealed class SetCondition(PersonSet set) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope) =>
        set.Universe == scope.Persons
            ? set
            : throw new ArgumentException($"The set is drawn from {set.Universe} persons but {scope.Table.InstancePath} has {scope.Persons}.", "segment");

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"a set of {set.Count:N0} persons");
}

/// <summary>All of, or any of, several segments.</summary>
internal sealed class Combination : Segment
{
    private readonly Segment[] _parts;
    private readonly bool _all;

    private Combination(Segment[] parts, bool all)
    {
        _parts = parts;
        _all = all;
    }

    public static Segment Create(Segment[] segments, bool all)
    {
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Length == 0)
        {
            throw new ArgumentException($"{(all ? "AllOf" : "AnyOf")} needs at least one segment.", nameof(segments));
        }

        foreach (var s in segments)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(segments));
        }

        // (a & b) & c is a & b & c: flatten so that descriptions read naturally.
        Segment[] parts = [.. segments.SelectMany(s => s is Combination c && c._all == all ? c._parts : [s])];
        return parts.Length == 1 ? parts[0] : new Combination(parts, all);
    }

    internal override PersonSet Evaluate(SegmentScope scope)
    {
        var acc = _parts[0].Evaluate(scope);
        for (var i = 1; i < _parts.Length; i++)
        {
            acc = _all ? acc.And(_parts[i].Evaluate(scope)) : acc.Or(_parts[i].Evaluate(scope));
        }

        return acc;
    }

    public override string ToString() => string.Join(_all ? " and " : " or ", _parts.Select(p => p is Combination ? $"({p})" : p.ToString()));
}

/// <summary>The complement within the table's persons.</summary>
internal sealed class Negation(Segment inner) : Segment
{
    internal override PersonSet Evaluate(SegmentScope scope) => inner.Evaluate(scope).Not();

    public override string ToString() => $"not ({inner})";
}
