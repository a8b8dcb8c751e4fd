using System.Globalization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Internal;
using CaiScores.Segments;

namespace CaiScores.Trends;

/// <summary>
/// Propensity over time: per period (scoring run, day, week, month, quarter or year) and per series (bucket, cohort, or
/// cohort × bucket), the people, the rows, the share of the period, and the mean and percentiles of score and probability —
/// CJA's trended and stacked bar charts of People by score bucket, and the "bronze vs silver vs gold" cohort comparison.
/// </summary>
/// <remarks>
/// <para>An Experience Event run falls on the day of its timestamp in <see cref="TrendOptions.TimeZone"/> (runs whose rows
/// carry different timestamps are split person by person); a profile-format run on its score date. Every period of the
/// window appears, empty ones with zeros; the first and last are clipped to the window.</para>
/// <para>People are distinct persons (CJA's People metric): with one run per period they equal the rows; when a period
/// holds several runs a person counts once in every series they reached and once in the period total, so the series may add
/// up to more than the total. Events are rows. Means are over the rows that have the value; a NaN score kept by the table's
/// out-of-range policy goes to "No value" and is counted in <see cref="NaNScores"/>.</para>
/// <para>Cohorts are the values of a person attribute as of each run (an attribute given with dates follows the person from
/// tier to tier), ordered by ordinal value; "No value" series come last and are shown only with
/// <see cref="TrendOptions.IncludeNoValue"/>.</para>
/// <para>Counts are exact. Means are sums in a fixed order over fixed chunks of persons, identical for any degree of
/// parallelism; they may differ from a sequential sum in the last bits.</para>
/// </remarks>
public sealed class ScoreTrend
{
    private readonly TrendRow[] _rows;
    private readonly TrendSeries[] _series;

    private ScoreTrend(TrendOptions options, TrendPeriod[] periods, TrendSeries[] series, TrendRow[] rows, long nanScores, ScoreTableDiagnostics diagnostics)
    {
        Options = options;
        Periods = periods;
        _series = series;
        _rows = rows;
        NaNScores = nanScores;
        Diagnostics = diagnostics;
    }

    /// <summary>The options the trend was computed with.</summary>
    public TrendOptions Options { get; }

    /// <summary>The periods, ascending.</summary>
    public IReadOnlyList<TrendPeriod> Periods { get; }

    /// <summary>The shown series, in legend order (cohorts by ordinal value, buckets ascending, "No value" last).</summary>
    public IReadOnlyList<TrendSeries> Series => _series;

    /// <summary>One row per period × shown series, period by period in series order.</summary>
    public IReadOnlyList<TrendRow> Rows => _rows;

    /// <summary>Rows in the window whose score was NaN (counted under "No value").</summary>
    public long NaNScores { get; }

    /// <summary>The diagnostics of the table the trend was computed on.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>The cell of a period and a series.</summary>
    /// <param name="period">The period index.</param>
    /// <param name="series">The series index.</param>
    public TrendRow this[int period, int series] =>
        (uint)period < (uint)Periods.Count && (uint)series < (uint)_series.Length
            ? _rows[(period * _series.Length) + series]
            : throw new ArgumentOutOfRangeException(nameof(period), $"The trend has {Periods.Count} periods and {_series.Length} series; ({period}, {series}) is outside.");

    /// <summary>Computes a trend.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">What to compute; default <c>new TrendOptions()</c>: weekly, by CAI bucket, everyone.</param>
    /// <returns>The trend.</returns>
    /// <exception cref="ArgumentException">An option is invalid or names an attribute the table does not have; the message names it.</exception>
    public static ScoreTrend Compute(ScoreTable table, TrendOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new TrendOptions();
        var plan = TrendPlan.Create(table, options);
        var state = PersonChunks.Aggregate(
            table.Persons.Count,
            options.MaxDegreeOfParallelism,
            () => new TrendState(plan),
            (s, from, count) => s.Add(from, count),
            (a, b) => a.Merge(b));
        return state.ToResult(options, table.Diagnostics);
    }

    /// <summary>
    /// The one factory of a <see cref="ScoreTrend"/>, from its computed state: what the in-memory engine counted, or the same
    /// counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal static ScoreTrend Create(
        TrendOptions options,
        TrendPeriod[] periods,
        TrendSeries[] series,
        TrendRow[] rows,
        long nanScores,
        ScoreTableDiagnostics diagnostics) =>
        new(options, periods, series, rows, nanScores, diagnostics);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Options.Granularity} trend: {Periods.Count} periods × {_series.Length} series");

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
