using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Distributions;

/// <summary>What a <see cref="ScoreDistribution"/> counts: CJA's People or Events metric.</summary>
public enum DistributionMetric
{
    /// <summary>
    /// Distinct persons (CJA's People): a person counts once in every bucket their value reached in the runs looked at, and
    /// once in <see cref="ScoreDistribution.Total"/>; over several runs the buckets may therefore sum to more than the total.
    /// </summary>
    People = 0,

    /// <summary>Score rows (CJA's Events): one per person and run looked at; the buckets, No value and NaN sum to the total.</summary>
    Events = 1,
}

/// <summary>Settings of <see cref="ScoreDistribution.Compute(Columnar.ScoreTable, ScoreDistributionOptions?)"/>; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class ScoreDistributionOptions
{
    /// <summary>The buckets, and the field they cut (score, probability or percentile).</summary>
    /// <value>Default <see cref="BucketScheme.Distribution5"/> (CJA's 5-point distribution of the score, 20 buckets).</value>
    public BucketScheme Scheme { get; init; } = BucketScheme.Distribution5;

    /// <summary>The run (score date) to count; mutually exclusive with <see cref="Range"/>.</summary>
    /// <value>Default null: the latest run, unless <see cref="Range"/> is set.</value>
    public DateOnly? Run { get; init; }

    /// <summary>Count every run whose score date is in this window; mutually exclusive with <see cref="Run"/>.</summary>
    /// <value>Default null (one run: <see cref="Run"/> or the latest). A window with no run gives zeros, not an error.</value>
    public DateRange? Range { get; init; }

    /// <summary>People (distinct persons) or Events (score rows).</summary>
    /// <value>Default <see cref="DistributionMetric.People"/>. Over one run the two are equal (a table holds one score per person and run).</value>
    public DistributionMetric Metric { get; init; } = DistributionMetric.People;

    /// <summary>
    /// Only the persons of this segment (a person-level filter: all rows of the persons who match). With <see cref="Range"/>
    /// the segment looks at the runs in the window; with one run, at every run of the table (CJA's person container) —
    /// give its conditions a <c>run</c> to look at one run only.
    /// </summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>
    /// Whether <see cref="ScoreDistribution.Rows"/> ends with a "No value" row (CJA's <i>Show No value</i>) counting the
    /// persons (or rows) scored without a value in the field. Either way the count is in <see cref="ScoreDistribution.NoValue"/>
    /// and in <see cref="ScoreDistribution.Total"/>, and shares are over that total.
    /// </summary>
    /// <value>Default false (CAI's cards show no such row).</value>
    public bool IncludeNoValue { get; init; }

    /// <summary>The label of the "No value" row (CJA lets a data view rename it).</summary>
    /// <value>Default <c>"No value"</c>; not empty.</value>
    public string NoValueLabel { get; init; } = "No value";

    /// <summary>Threads to count on. Results are identical for any value (fixed chunks merged in order).</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static ScoreDistributionOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        if (Scheme is null)
        {
            errors.Add("Scheme is null (use BucketScheme.Distribution5, BucketScheme.Cai or BucketScheme.Create)");
        }

        if (Run is not null && Range is not null)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Run ({Run:yyyy-MM-dd}) and Range ({Range}) are both set; give one run or one window"));
        }

        if (!Enum.IsDefined(Metric))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Metric {(int)Metric} is not People or Events"));
        }

        if (string.IsNullOrEmpty(NoValueLabel))
        {
            errors.Add("NoValueLabel is empty");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid ScoreDistributionOptions: {string.Join("; ", errors)}.", "options");
        }
    }
}
