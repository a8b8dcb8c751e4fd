using System.Text.Json.Serialization;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Distributions;

/// <summary>
/// Customer AI's "Latest scores" card (scoring summary) for one run: the profiles scored and how many are Low
/// (<c>score &lt; 25</c>), Medium (<c>25 ≤ score &lt; 75</c>) and High (<c>score ≥ 75</c>), with shares.
/// </summary>
/// <remarks>
/// <para>The buckets are <see cref="BucketScheme.Cai"/>: CAI's documentation says "low is less than 24, medium is 25 to 74,
/// and high is above 74", leaving gaps; CJA's labels <c>Less than 25</c> / <c>25 to 75</c> / <c>75 or more</c> close them,
/// and a score on an edge goes up (25 is Medium, 75 is High, 74.99999999999999 is Medium).</para>
/// <para><see cref="TotalProfiles"/> counts the persons scored in the run, with or without a score; a null score counts in
/// <see cref="NoValueCount"/> and a NaN score (only in tables built from hand-made records or foreign Arrow files) in
/// <see cref="NaNCount"/>, neither in a bucket, so Low + Medium + High + NoValueCount + NaNCount = TotalProfiles. Each
/// share is the count over <see cref="TotalProfiles"/> (0 when no one was scored). Persons not scored in the run are not
/// counted; a segment matching no one gives zeros, not an error.</para>
/// <para>A thin layer over <see cref="ScoreDistribution"/> (People of one run with the CAI scheme).</para>
/// </remarks>
public sealed class ScoringSummary
{
    /// <summary>
    /// The one way a <see cref="ScoringSummary"/> is made: from its computed state — what the in-memory engine counted, or the
    /// same counts from any other source (merged partitions, a database). The result holds no table.
    /// </summary>
    internal ScoringSummary(ScoreDistribution distribution, string? modelType)
    {
        Run = distribution.Runs[0];
        ModelType = modelType;
        TotalProfiles = distribution.Total;
        Buckets = distribution.Rows;
        NoValueCount = distribution.NoValue;
        NaNCount = distribution.NaNCount;
        Diagnostics = distribution.Diagnostics;
    }

    /// <summary>The run's score date.</summary>
    public DateOnly Run { get; }

    /// <summary>The run's propensity type (<c>conversion</c>, <c>churn</c>, …) or null: CAI colours High green for conversion, red for churn.</summary>
    public string? ModelType { get; }

    /// <summary>Profiles scored in the run (and in the segment), with or without a score.</summary>
    public long TotalProfiles { get; }

    /// <summary>Low propensity: <c>Less than 25</c>.</summary>
    [JsonIgnore] // JSON: a duplicate of buckets[0].
    public DistributionRow Low => Buckets[0];

    /// <summary>Medium propensity: <c>25 to 75</c> (25 included, 75 not).</summary>
    [JsonIgnore] // JSON: a duplicate of buckets[1].
    public DistributionRow Medium => Buckets[1];

    /// <summary>High propensity: <c>75 or more</c>.</summary>
    [JsonIgnore] // JSON: a duplicate of buckets[2].
    public DistributionRow High => Buckets[2];

    /// <summary>Low, Medium and High, in that order.</summary>
    public IReadOnlyList<DistributionRow> Buckets { get; }

    /// <summary>Profiles scored in the run whose score is null.</summary>
    public long NoValueCount { get; }

    /// <summary>Profiles whose score is NaN.</summary>
    public long NaNCount { get; }

    /// <summary>The diagnostics of the table.</summary>
    public ScoreTableDiagnostics Diagnostics { get; }

    /// <summary>Computes the scoring summary of a run.</summary>
    /// <param name="table">The table.</param>
    /// <param name="run">The run's score date; default the latest run.</param>
    /// <param name="segment">Only these persons (a person-level filter looking at every run of the table unless its
    /// conditions name a run); default everyone.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">The run does not exist (parameter <c>run</c>; the message lists the runs), the
    /// table has no runs (parameter <c>table</c>), or the segment names something the table does not have.</exception>
    public static ScoringSummary Compute(ScoreTable table, DateOnly? run = null, Segment? segment = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var distribution = ScoreDistribution.Compute(table, new ScoreDistributionOptions { Scheme = BucketScheme.Cai, Run = run, Segment = segment });
        return new ScoringSummary(distribution, table.Runs[table.IndexOfRun(distribution.Runs[0])].ModelType);
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Run:yyyy-MM-dd}: {TotalProfiles:N0} profiles; Low {Low.Count:N0} ({Low.Share:P1}), Medium {Medium.Count:N0} ({Medium.Share:P1}), High {High.Count:N0} ({High.Share:P1}), no value {NoValueCount:N0}");

    // LINQPad's Dump() looks for a type's own ToDump() by reflection: a result shows as its charts and tables.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("CodeQuality", "IDE0051:Remove unused private members", Justification = "Called by LINQPad through reflection.")]
    private object ToDump() => DumpHook.Render(this);
}
