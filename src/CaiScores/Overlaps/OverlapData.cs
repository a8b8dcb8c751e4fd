using System.Buffers;
using System.Globalization;
using System.Numerics;
using CaiScores.Analysis;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Kernels;
using CaiScores.Segments;

namespace CaiScores.Overlaps;

/// <summary>
/// What a <see cref="Venn"/> and <see cref="SetIntersections"/> share: the sets evaluated on the table, the base, the count
/// of base persons per membership combination, and the persons of any combination on demand.
/// </summary>
internal sealed class OverlapData
{
    private readonly PersonSet[] _sets;
    private readonly int[] _masks;    // the non-empty membership combinations (never 0), ascending
    private readonly long[] _counts;  // base persons in exactly that combination

    private OverlapData(DateOnly[] runs, DateRange? range, string[] names, PersonSet[] sets, PersonSet universe, OverlapCounts.Compact counts, ScoreTableDiagnostics diagnostics)
    {
        Runs = runs;
        Range = range;
        Names = names;
        _sets = sets;
        Universe = universe;
        _masks = counts.Masks;
        _counts = counts.Counts;
        Diagnostics = diagnostics;
        BaseCount = universe.Count;
        Union = counts.Counts.Sum();
        Outside = BaseCount - Union;
    }

    /// <summary>The diagnostics of the table the sets were counted on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    public DateRange? Range { get; }

    public IReadOnlyList<string> Names { get; }

    public int SetCount => _sets.Length;

    /// <summary>The base persons (scored in the scope and in <see cref="OverlapOptions.Base"/>).</summary>
    public PersonSet Universe { get; }

    public IReadOnlyList<DateOnly> Runs { get; }

    public long BaseCount { get; }

    public long Union { get; }

    public long Outside { get; }

    /// <summary>The non-empty membership combinations, ascending.</summary>
    public ReadOnlySpan<int> NonEmpty => _masks;

    /// <summary>Validates the sets and options, evaluates the segments and counts every membership combination.</summary>
    public static OverlapData Compute(ScoreTable table, IReadOnlyList<OverlapSet> sets, OverlapOptions? options, int maxSets, string analysis)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(sets);
        options ??= OverlapOptions.Default;
        CheckSets(sets, maxSets, analysis);
        options.Validate();

        var scope = AnalysisScope.Create(table, options.Range, null);
        var segmentScope = new SegmentScope(table, scope.FromRun, scope.ToRun);
        var universe = Segment.Everyone.Evaluate(segmentScope);
        if (options.Base is { } baseSegment)
        {
            universe = universe.And(baseSegment.Evaluate(segmentScope));
        }

        var evaluated = new PersonSet[sets.Count];
        var names = new string[sets.Count];
        for (var i = 0; i < evaluated.Length; i++)
        {
            names[i] = sets[i].Name;
            evaluated[i] = sets[i].Segment.Evaluate(segmentScope);
        }

        var persons = table.Persons.Count;
        using var state = options.MaxDegreeOfParallelism == 1
            ? Add(new OverlapCounts(evaluated.Length), evaluated, universe, 0, persons)
            : PersonChunks.Aggregate(
                persons,
                options.MaxDegreeOfParallelism,
                () => new OverlapCounts(evaluated.Length),
                (s, from, count) => s.Add(evaluated, universe, from, count),
                (into, other) => into.Merge(other));
        var runs = table.Runs.Skip(scope.FromRun).Take(scope.ToRun - scope.FromRun).Select(r => r.ScoreDate).ToArray();
        return Create(runs, options.Range, names, evaluated, universe, state.ToCompact(), table.Diagnostics);
    }

    /// <summary>
    /// The one factory of overlap results' state, from what was counted: the runs and range looked at, the sets' names and
    /// persons, the base (universe) and the count of every non-empty membership combination. It holds no table.
    /// </summary>
    internal static OverlapData Create(
        DateOnly[] runs,
        DateRange? range,
        string[] names,
        PersonSet[] sets,
        PersonSet universe,
        OverlapCounts.Compact counts,
        ScoreTableDiagnostics diagnostics) =>
        new(runs, range, names, sets, universe, counts, diagnostics);

    /// <summary>Base persons in exactly the sets of <paramref name="members"/>.</summary>
    public long Exclusive(int members)
    {
        var at = Array.BinarySearch(_masks, members);
        return at >= 0 ? _counts[at] : 0;
    }

    /// <summary>Base persons in at least the sets of <paramref name="members"/> (the sum of the regions containing them).</summary>
    public long Inclusive(int members)
    {
        long sum = 0;
        for (var i = 0; i < _masks.Length; i++)
        {
            sum += (_masks[i] & members) == members ? _counts[i] : 0;
        }

        return sum;
    }

    public OverlapRegion Row(int members, bool exclusive)
    {
        var count = exclusive ? Exclusive(members) : Inclusive(members);
        var names = new string[BitOperations.PopCount((uint)members)];
        var n = 0;
        for (var i = 0; i < _sets.Length; i++)
        {
            if ((members & (1 << i)) != 0)
            {
                names[n++] = Names[i];
            }
        }

        return new OverlapRegion(members, names, exclusive, count, Union == 0 ? 0 : (double)count / Union, BaseCount == 0 ? 0 : (double)count / BaseCount);
    }

    /// <summary>The sets, in the order given, as inclusive rows of degree 1.</summary>
    public OverlapRegion[] SetRows()
    {
        var rows = new OverlapRegion[_sets.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = Row(1 << i, exclusive: false);
        }

        return rows;
    }

    /// <summary>The base persons of a region or intersection.</summary>
    public PersonSet Persons(OverlapRegion region, string parameter)
    {
        ArgumentNullException.ThrowIfNull(region, parameter);
        var members = region.Members;
        if (members <= 0 || members >= 1 << _sets.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Members {members} is not a combination of these {_sets.Length} sets (1 to {(1 << _sets.Length) - 1})."), parameter);
        }

        var universe = Universe.Words;
        var words = new ulong[universe.Length];
        for (var w = 0; w < words.Length; w++)
        {
            var word = universe[w];
            for (var i = 0; i < _sets.Length && word != 0; i++)
            {
                if ((members & (1 << i)) != 0)
                {
                    word &= _sets[i].Words[w];
                }
                else if (region.Exclusive)
                {
                    word &= ~_sets[i].Words[w];
                }
            }

            words[w] = word;
        }

        return PersonSet.FromWords(words, Universe.Universe);
    }

    /// <summary>The base persons in at least one set.</summary>
    public PersonSet UnionPersons()
    {
        var any = PersonSet.None(Universe.Universe);
        foreach (var set in _sets)
        {
            any = any.Or(set);
        }

        return any.And(Universe);
    }

    /// <summary>Orders combinations by degree, then by their sets in the order given (<c>{0,1}</c> before <c>{0,2}</c> before <c>{1,2}</c>).</summary>
    public static int CompareMembers(int a, int b)
    {
        var byDegree = BitOperations.PopCount((uint)a).CompareTo(BitOperations.PopCount((uint)b));
        if (byDegree != 0)
        {
            return byDegree;
        }

        while (a != b)
        {
            var lowA = BitOperations.TrailingZeroCount(a);
            var lowB = BitOperations.TrailingZeroCount(b);
            if (lowA != lowB)
            {
                return lowA.CompareTo(lowB);
            }

            a &= a - 1;
            b &= b - 1;
        }

        return 0;
    }

    private static OverlapCounts Add(OverlapCounts state, PersonSet[] sets, PersonSet universe, int from, int count)
    {
        state.Add(sets, universe, from, count);
        return state;
    }

    private static void CheckSets(IReadOnlyList<OverlapSet> sets, int maxSets, string analysis)
    {
        var errors = new List<string>();
        if (sets.Count == 0 || sets.Count > maxSets)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{analysis} takes 1 to {maxSets} sets; {sets.Count} were given{(maxSets == Venn.MaxSets && sets.Count > maxSets ? $" (CJA's Venn shows at most {Venn.MaxSets} filters; use SetIntersections for up to {SetIntersections.MaxSets})" : string.Empty)}"));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sets.Count; i++)
        {
            var set = sets[i];
            if (set is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"set {i} is null"));
                continue;
            }

            if (string.IsNullOrWhiteSpace(set.Name))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"set {i} has no name"));
            }
            else if (!seen.Add(set.Name))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"set {i}'s name '{set.Name}' is a duplicate (names are compared ordinally and must be unique)"));
            }

            if (set.Segment is null)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"set {i} ('{set.Name}') has no segment"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid sets for {analysis}: {string.Join("; ", errors)}.", "sets");
        }
    }
}

/// <summary>
/// The mergeable state behind an overlap: base persons per membership combination of a range of persons. Counting any
/// partition of the persons (at word boundaries) and merging gives the counts of the whole. The <c>2^k</c> counters are
/// pooled (16 sets: 512 KiB); dispose the state, and do not use a state after merging it into another.
/// </summary>
internal sealed class OverlapCounts : IDisposable
{
    /// <summary>Persons per block: the planes of 16 sets (64 words each, 8 KiB) fit on the stack and in L1.</summary>
    private const int Block = 4096;

    private const int BlockWords = Block / 64;

    private readonly int _sets;
    private readonly int _length;
    private long[]? _counts; // by membership mask; [0] unused
    private long _base;

    public OverlapCounts(int sets)
    {
        _sets = sets;
        _length = 1 << sets;
        _counts = ArrayPool<long>.Shared.Rent(_length);
        _counts.AsSpan(0, _length).Clear();
    }

    /// <summary>Base persons counted so far.</summary>
    public long Base => _base;

    private Span<long> Counts => (_counts ?? throw new ObjectDisposedException(nameof(OverlapCounts))).AsSpan(0, _length);

    /// <summary>Counts persons <c>[from, from + count)</c>; <paramref name="from"/> is a multiple of 64.</summary>
    public void Add(PersonSet[] sets, PersonSet universe, int from, int count)
    {
        if ((from & 63) != 0)
        {
            throw new ArgumentException("A range of persons starts on a bitmap word.", nameof(from));
        }

        var counts = Counts;
        Span<ulong> planes = stackalloc ulong[MembershipCounts.MaxPlanes * BlockWords];
        for (var start = from; start < from + count; start += Block)
        {
            var n = Math.Min(Block, from + count - start);
            var words = BitmapKernels.WordLength(n);
            var first = start >> 6;
            var inBase = universe.Words.Slice(first, words);
            _base += BitmapKernels.PopCount(inBase);
            for (var i = 0; i < _sets; i++)
            {
                BitmapKernels.And(sets[i].Words.Slice(first, words), inBase, planes.Slice(i * words, words));
            }

            MembershipCounts.Count(planes[..(_sets * words)], _sets, words, counts);
        }
    }

    /// <summary>Adds another state's counts to this one, and releases the other's counters.</summary>
    public void Merge(OverlapCounts other)
    {
        StateMerge.Add(Counts, other.Counts);

        _base += other._base;
        other.Dispose();
    }

    /// <summary>The non-empty combinations, ascending, with their counts.</summary>
    public Compact ToCompact()
    {
        var counts = Counts;
        var n = 0;
        for (var m = 1; m < counts.Length; m++)
        {
            n += counts[m] != 0 ? 1 : 0;
        }

        var masks = new int[n];
        var values = new long[n];
        n = 0;
        for (var m = 1; m < counts.Length; m++)
        {
            if (counts[m] != 0)
            {
                masks[n] = m;
                values[n++] = counts[m];
            }
        }

        return new Compact(masks, values);
    }

    public void Dispose()
    {
        if (_counts is { } counts)
        {
            _counts = null;
            ArrayPool<long>.Shared.Return(counts);
        }
    }

    /// <summary>Non-empty membership combinations (ascending) and the base persons in each.</summary>
    internal readonly record struct Compact(int[] Masks, long[] Counts);
}
