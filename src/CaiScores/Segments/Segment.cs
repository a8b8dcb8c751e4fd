using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;

namespace CaiScores.Segments;

/// <summary>
/// A person-level filter, CJA's person container: a condition on a person's scores, factors or attributes that a person
/// meets or not, composable with <see cref="And"/>, <see cref="Or"/> and <see cref="Not"/> (or <c>&amp;</c>, <c>|</c>,
/// <c>!</c>). Evaluated on a table it gives a <see cref="PersonSet"/>; every analysis takes one to keep all the rows of the
/// persons who match.
/// </summary>
/// <remarks>
/// <para>A condition given a run (<c>run:</c> a score date) looks at that run only. Without one it looks at every run in the
/// analysis's scope (its date range; the whole table for <see cref="Evaluate(ScoreTable)"/>) and a person matches when any of their
/// runs does — CJA's "person who met the condition within the date range".</para>
/// <para>Names that belong to the table's schema are checked: a run, a bucket or an attribute that does not exist fails with
/// an <see cref="ArgumentException"/> naming the parameter. Values that belong to the data are not: a factor code or an
/// attribute value that no one has simply matches no one.</para>
/// <para><see cref="Not"/> is the complement within the table's persons. Segments are immutable and can be reused on
/// several tables.</para>
/// </remarks>
public abstract class Segment
{
    private protected Segment()
    {
    }

    /// <summary>Every person scored in some run of the scope.</summary>
    public static Segment Everyone { get; } = new PresentCondition(null);

    /// <summary>The persons scored in a run.</summary>
    /// <param name="run">The run's score date.</param>
    public static Segment PresentIn(DateOnly run) => new PresentCondition(run);

    /// <summary>The persons whose value falls in one of these buckets (in a run, or in any run of the scope).</summary>
    /// <param name="scheme">The bucket scheme (its field is the value looked at).</param>
    /// <param name="buckets">Bucket labels (<c>75 or more</c>) or aliases (<c>High</c>), ordinal; at least one.</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    /// <exception cref="ArgumentException">No buckets, or a name that is not a bucket of the scheme (the message lists them).</exception>
    public static Segment InBucket(BucketScheme scheme, IEnumerable<string> buckets, DateOnly? run = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(buckets);
        var indexes = new SortedSet<int>();
        foreach (var name in buckets)
        {
            var bucket = scheme.Buckets.FirstOrDefault(b => b.Label == name || b.Alias == name)
                ?? throw new ArgumentException($"'{name}' is not a bucket of {scheme}; use one of: {string.Join(", ", scheme.Buckets.Select(b => b.Alias is null ? b.Label : $"{b.Alias} ({b.Label})"))}.", nameof(buckets));
            indexes.Add(bucket.Index);
        }

        if (indexes.Count == 0)
        {
            throw new ArgumentException("An empty list of buckets selects no one; give at least one bucket.", nameof(buckets));
        }

        return new BucketCondition(scheme, [.. indexes], run);
    }

    /// <summary>The persons whose value falls in a bucket (in a run, or in any run of the scope).</summary>
    /// <param name="scheme">The bucket scheme.</param>
    /// <param name="bucket">A bucket label or alias.</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    public static Segment InBucket(BucketScheme scheme, string bucket, DateOnly? run = null) => InBucket(scheme, [bucket], run);

    /// <summary>The persons whose value is at least <paramref name="atLeast"/> and below <paramref name="below"/>.</summary>
    /// <param name="field">The value looked at.</param>
    /// <param name="atLeast">The inclusive lower bound (−∞ for none).</param>
    /// <param name="below">The exclusive upper bound; default none (+∞ included).</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    /// <exception cref="ArgumentException">A bound is NaN, or <paramref name="below"/> is not above <paramref name="atLeast"/>.</exception>
    public static Segment ValueInRange(ScoreField field, double atLeast, double? below = null, DateOnly? run = null)
    {
        if (!Enum.IsDefined(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a ScoreField value.");
        }

        if (double.IsNaN(atLeast))
        {
            throw new ArgumentException("The lower bound is NaN.", nameof(atLeast));
        }

        if (below is { } b && (double.IsNaN(b) || b <= atLeast))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The upper bound ({b}) must be above the lower bound ({atLeast})."), nameof(below));
        }

        return new RangeCondition(field, atLeast, below, run);
    }

    /// <summary>The persons with an influential factor of this code (in a run, or in any run of the scope).</summary>
    /// <param name="code">The factor code (ordinal).</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    public static Segment HasFactor(string code, DateOnly? run = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        return new FactorCondition(code, run);
    }

    /// <summary>The persons whose attribute has this value (as of a run, or as of any run of the scope).</summary>
    /// <param name="attribute">The attribute's name.</param>
    /// <param name="value">The value (ordinal).</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    public static Segment AttributeEquals(string attribute, string value, DateOnly? run = null) => AttributeIn(attribute, [value], run);

    /// <summary>The persons whose attribute has one of these values (as of a run, or as of any run of the scope).</summary>
    /// <param name="attribute">The attribute's name.</param>
    /// <param name="values">The values (ordinal); at least one.</param>
    /// <param name="run">The run's score date; default any run of the scope.</param>
    /// <exception cref="ArgumentException">No values.</exception>
    public static Segment AttributeIn(string attribute, IEnumerable<string> values, DateOnly? run = null)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        ArgumentNullException.ThrowIfNull(values);
        string[] list = [.. values.Distinct(StringComparer.Ordinal)];
        if (list.Length == 0)
        {
            throw new ArgumentException($"An empty list of values of '{attribute}' selects no one; give at least one value.", nameof(values));
        }

        foreach (var v in list)
        {
            ArgumentNullException.ThrowIfNull(v, nameof(values));
        }

        return new AttributeCondition(attribute, list, run);
    }

    /// <summary>The persons with these ids (ids not in the table are ignored).</summary>
    /// <param name="personIds">Person ids (ordinal).</param>
    public static Segment Persons(IEnumerable<string> personIds)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        return new IdsCondition([.. personIds.Distinct(StringComparer.Ordinal)]);
    }

    /// <summary>A set already evaluated (e.g. the persons of a top-N % selection); usable on tables of its universe.</summary>
    /// <param name="set">The set.</param>
    public static Segment Of(PersonSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new SetCondition(set);
    }

    /// <summary>The persons who meet every one of the segments.</summary>
    /// <param name="segments">At least one segment.</param>
    /// <exception cref="ArgumentException">No segments.</exception>
    public static Segment AllOf(params Segment[] segments) => Combination.Create(segments, all: true);

    /// <summary>The persons who meet any of the segments.</summary>
    /// <param name="segments">At least one segment.</param>
    /// <exception cref="ArgumentException">No segments.</exception>
    public static Segment AnyOf(params Segment[] segments) => Combination.Create(segments, all: false);

    /// <summary>The persons who meet this segment and <paramref name="other"/>.</summary>
    /// <param name="other">The other segment.</param>
    public Segment And(Segment other) => AllOf(this, other);

    /// <summary>The persons who meet this segment or <paramref name="other"/>.</summary>
    /// <param name="other">The other segment.</param>
    public Segment Or(Segment other) => AnyOf(this, other);

    /// <summary>The table's persons who do not meet this segment.</summary>
    public Segment Not() => new Negation(this);

    /// <summary>The persons who meet both segments.</summary>
    public static Segment operator &(Segment left, Segment right) => AllOf(left, right);

    /// <summary>The persons who meet either segment.</summary>
    public static Segment operator |(Segment left, Segment right) => AnyOf(left, right);

    /// <summary>The persons who do not meet the segment.</summary>
    public static Segment operator !(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segment.Not();
    }

    /// <summary>The persons of the table who meet the segment, looking at all of its runs.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The set, over the table's person index.</returns>
    /// <exception cref="ArgumentException">The segment names a run, bucket or attribute the table does not have.</exception>
    public PersonSet Evaluate(ScoreTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return Evaluate(new SegmentScope(table, 0, table.Runs.Count));
    }

    /// <summary>A readable statement of the condition, e.g. <c>score bucket is High in run 2026-01-04</c>.</summary>
    public abstract override string ToString();

    internal abstract PersonSet Evaluate(SegmentScope scope);

    /// <summary>The run indexes a condition looks at: the given run, or every run of the scope.</summary>
    private protected static (int From, int To) RunsOf(SegmentScope scope, DateOnly? run, string parameter)
    {
        if (run is not { } date)
        {
            return (scope.FromRun, scope.ToRun);
        }

        var index = scope.Table.IndexOfRun(date);
        return index >= 0 ? (index, index + 1) : throw AnalysisErrors.NoSuchRun(scope.Table, date, parameter);
    }

    private protected static string RunText(DateOnly? run) =>
        run is { } d ? string.Create(CultureInfo.InvariantCulture, $" in run {d:yyyy-MM-dd}") : " in any run";
}

/// <summary>The table and the runs <c>[FromRun, ToRun)</c> an analysis looks at.</summary>
internal readonly record struct SegmentScope(ScoreTable Table, int FromRun, int ToRun)
{
    public int Persons => Table.Persons.Count;
}
