using System.Globalization;
using CaiScores.Segments;

namespace CaiScores.Histograms;

/// <summary>Settings of <see cref="MetricHistogram.Compute"/>, CJA's Histogram settings panel; each property states its default.</summary>
/// <remarks>Immutable once built (<c>init</c> properties); validated when used, every problem reported in one message.</remarks>
public sealed class MetricHistogramOptions
{
    /// <summary>The metric each entity is bucketed by.</summary>
    /// <value>Default <see cref="HistogramMetric.ScoringEvents"/> (with Person counting: how many runs scored each person).</value>
    public HistogramMetric Metric { get; init; } = HistogramMetric.ScoringEvents;

    /// <summary>Persons or score rows.</summary>
    /// <value>Default <see cref="Histograms.CountingMethod.Person"/>.</value>
    public CountingMethod CountingMethod { get; init; } = CountingMethod.Person;

    /// <summary>The first integer of the first bucket (CJA's <i>Starting bucket</i>); entities below it are counted in <see cref="MetricHistogram.BelowStartCount"/>.</summary>
    /// <value>Default 1; at least 0 (CJA allows no negative start).</value>
    public long StartingBucket { get; init; } = 1;

    /// <summary>How many buckets (CJA's <i>Metric buckets</i>), before the overflow bucket.</summary>
    /// <value>Default 10; 1 to <see cref="MetricHistogram.MaxBuckets"/> (50).</value>
    public int BucketCount { get; init; } = 10;

    /// <summary>Integers per bucket (CJA's <i>Metric bucket size</i>).</summary>
    /// <value>Default 1; at least 1.</value>
    public long BucketSize { get; init; } = 1;

    /// <summary>The runs looked at: those whose score date is in this window.</summary>
    /// <value>Default null: every run of the table. A window with no run gives zeros.</value>
    public DateRange? Range { get; init; }

    /// <summary>Only the persons of this segment (person-level filter, looking at the runs in the range).</summary>
    /// <value>Default null: everyone.</value>
    public Segment? Segment { get; init; }

    /// <summary>Threads to count on. Results are identical for any value.</summary>
    /// <value>Default 1 (the calling thread only); at least 1.</value>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    internal static MetricHistogramOptions Default { get; } = new();

    /// <summary>Throws one exception listing every invalid setting.</summary>
    internal void Validate()
    {
        var errors = new List<string>();
        HistogramLayout.Check(StartingBucket, BucketCount, BucketSize, nameof(StartingBucket), nameof(BucketCount), nameof(BucketSize), errors);
        var countingOk = Enum.IsDefined(CountingMethod);
        var metricOk = Enum.IsDefined(Metric);
        if (!countingOk)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"CountingMethod {(int)CountingMethod} is not Person or Event"));
        }

        if (!metricOk)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Metric {(int)Metric} is not a HistogramMetric"));
        }

        if (countingOk && metricOk && !IsValidPair(CountingMethod, Metric))
        {
            errors.Add(CountingMethod == CountingMethod.Person
                ? $"Metric {Metric} cannot be counted per person (a person has one {Metric.ToString().ToLowerInvariant()} per run); with Person counting use ScoringEvents or Factors, or use Event counting"
                : "Metric ScoringEvents is 1 on every event; with Event counting use Score, Percentile or Factors, or use Person counting");
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"MaxDegreeOfParallelism is {MaxDegreeOfParallelism}; it is at least 1 (1 = the calling thread only)"));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid MetricHistogramOptions: {string.Join("; ", errors)}.", "options");
        }
    }

    private static bool IsValidPair(CountingMethod counting, HistogramMetric metric) =>
        counting == CountingMethod.Person
            ? metric is HistogramMetric.ScoringEvents or HistogramMetric.Factors
            : metric is HistogramMetric.Score or HistogramMetric.Percentile or HistogramMetric.Factors;
}
