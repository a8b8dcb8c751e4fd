using System.Globalization;
using System.Text.Json.Serialization;

namespace CaiScores.Bucketing;

/// <summary>
/// CJA value bucketing: 1 to 19 ascending edges cut a score field into 2 to 20 buckets, <c>Less than a</c>,
/// <c>a to b</c>, …, <c>z or more</c>. A value on an edge goes to the upper bucket (25 is Medium, 75 is High in the CAI
/// scheme); buckets are always ordered by their lower bound.
/// </summary>
/// <remarks>
/// <para>The default, <see cref="Cai"/>, is Customer AI's own Low / Medium / High on the score (<c>&lt; 25</c>, <c>25 to
/// 75</c>, <c>≥ 75</c>). <see cref="Distribution5"/> is CJA's 5-point distribution (edges 5, 10, …, 95). Quantile schemes
/// (deciles and others) are computed from a run's values by <see cref="QuantileSchemes"/>.</para>
/// <para>Comparisons are on the stored <see cref="double"/>, never on a rounded value: 74.99999999 is Medium. Values
/// below the first edge, including out-of-range ones kept by <see cref="Ingest.OutOfRangePolicy.Keep"/> and −∞, fall in the
/// first bucket; values at or above the last edge, +∞ included, in the last (CJA's open-ended buckets).</para>
/// <para>Labels format the edges in the invariant culture, shortest round-trip (<c>0.25</c>, <c>12.5</c>). Immutable.</para>
/// </remarks>
[JsonConverter(typeof(BucketSchemeJsonConverter))] // JSON without the EdgeSpan span (which the net8.0 source generator cannot skip).
public sealed class BucketScheme
{
    /// <summary>The most buckets CJA allows (19 edges).</summary>
    public const int MaxBuckets = 20;

    private readonly double[] _edges;
    private readonly Bucket[] _buckets;

    private BucketScheme(ScoreField field, double[] edges, string[]? aliases, string? name)
    {
        Field = field;
        Name = name;
        _edges = edges;
        _buckets = new Bucket[edges.Length + 1];
        for (var i = 0; i <= edges.Length; i++)
        {
            double? lower = i == 0 ? null : edges[i - 1];
            double? upper = i == edges.Length ? null : edges[i];
            var label = (lower, upper) switch
            {
                (null, { } u) => $"Less than {Format(u)}",
                ({ } l, null) => $"{Format(l)} or more",
                ({ } l, { } u) => $"{Format(l)} to {Format(u)}",
                _ => throw new InvalidOperationException("A scheme has at least one edge."),
            };
            _buckets[i] = new Bucket(i, label, aliases?[i], lower, upper);
        }
    }

    /// <summary>Customer AI's Low (<c>Less than 25</c>), Medium (<c>25 to 75</c>) and High (<c>75 or more</c>) on the score.</summary>
    public static BucketScheme Cai { get; } = new(ScoreField.Score, [25, 75], ["Low", "Medium", "High"], "CAI");

    /// <summary>CJA's 5-point distribution of the score: edges 5, 10, …, 95, twenty buckets.</summary>
    public static BucketScheme Distribution5 { get; } = new(ScoreField.Score, [.. Enumerable.Range(1, 19).Select(i => i * 5.0)], null, "Distribution5");

    /// <summary>The field the scheme buckets.</summary>
    public ScoreField Field { get; }

    /// <summary>A name for the built-in schemes (<c>CAI</c>, <c>Distribution5</c>); null for custom ones.</summary>
    public string? Name { get; }

    /// <summary>The edges, strictly ascending.</summary>
    public IReadOnlyList<double> Edges => _edges;

    /// <summary>The buckets, ordered by lower bound (one more than the edges).</summary>
    public IReadOnlyList<Bucket> Buckets => _buckets;

    /// <summary>The edges as a span, for kernels.</summary>
    public ReadOnlySpan<double> EdgeSpan => _edges;

    /// <summary>A scheme with these edges.</summary>
    /// <param name="field">The field to bucket.</param>
    /// <param name="edges">1 to 19 finite edges, strictly ascending.</param>
    /// <returns>The scheme.</returns>
    /// <exception cref="ArgumentException">The edges are empty, more than 19, not finite, unsorted or repeated; the message says which.</exception>
    public static BucketScheme Create(ScoreField field, params double[] edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (!Enum.IsDefined(field))
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "Not a ScoreField value.");
        }

        if (edges.Length is 0 or > MaxBuckets - 1)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"A bucket scheme needs 1 to {MaxBuckets - 1} edges (2 to {MaxBuckets} buckets); {edges.Length} were given."),
                nameof(edges));
        }

        for (var i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Edge {i} is {Format(edges[i])}; edges must be finite."), nameof(edges));
            }

            if (i > 0 && edges[i] <= edges[i - 1])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Edges must be strictly ascending; edge {i} ({Format(edges[i])}) {(edges[i] == edges[i - 1] ? "repeats" : "is below")} edge {i - 1} ({Format(edges[i - 1])})."),
                    nameof(edges));
            }
        }

        return new BucketScheme(field, [.. edges], null, null);
    }

    /// <summary>The bucket of a value: the number of edges at or below it.</summary>
    /// <param name="value">The value; NaN has no bucket.</param>
    /// <returns>The bucket index, or −1 for NaN.</returns>
    public int BucketOf(double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        var index = 0;
        while (index < _edges.Length && value >= _edges[index])
        {
            index++;
        }

        return index;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name ?? "custom"} on {Field}: {string.Join(" | ", _buckets.Select(b => b.DisplayName))}";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
