namespace CaiScores.Histograms;

/// <summary>What a <see cref="MetricHistogram"/> buckets entities by (CJA's Histogram takes a standard metric).</summary>
/// <remarks>
/// With <see cref="CountingMethod.Person"/> the metric is summed over the person's runs in the date range; with
/// <see cref="CountingMethod.Event"/> it is the value on each score row. Valid pairs: Person with
/// <see cref="ScoringEvents"/> or <see cref="Factors"/>; Event with <see cref="Score"/>, <see cref="Percentile"/> or
/// <see cref="Factors"/>.
/// </remarks>
public enum HistogramMetric
{
    /// <summary>Scoring events: the runs in which the person was scored (Person counting).</summary>
    ScoringEvents = 0,

    /// <summary>Influential factors: per person, summed over their runs (Person); per score row, that row's count (Event).</summary>
    Factors = 1,

    /// <summary>The score of each score row, floored to an integer (Event counting; 74.6 is in the bucket of 74).</summary>
    Score = 2,

    /// <summary>The percentile score of each score row (Event counting).</summary>
    Percentile = 3,
}

/// <summary>The entities a <see cref="MetricHistogram"/> counts (CJA's <i>Counting method</i>).</summary>
public enum CountingMethod
{
    /// <summary>Persons scored at least once in the date range (and in the segment).</summary>
    Person = 0,

    /// <summary>Score rows in the date range: one per person and run.</summary>
    Event = 1,
}
