using CaiScores.Bucketing;
using CaiScores.Segments;

namespace CaiScores.Targeting;

/// <summary>
/// Settings of <see cref="TopPercent.Select"/>. Each property documents its default; <see cref="Validate"/> reports every
/// problem at once. Immutable once built.
/// </summary>
public sealed class TopPercentOptions
{
    /// <summary>The defaults: latest run, supplied percentiles, everyone, missing percentiles excluded.</summary>
    public static TopPercentOptions Default { get; } = new();

    /// <summary>The run's score date.</summary>
    /// <value>Default <see langword="null"/>: the latest run.</value>
    public DateOnly? Run { get; init; }

    /// <summary>How the top p % is decided.</summary>
    /// <value>Default <see cref="TargetingMethod.SuppliedPercentile"/> (<c>percentileScore &gt; 100 − p</c>).</value>
    public TargetingMethod Method { get; init; } = TargetingMethod.SuppliedPercentile;

    /// <summary>
    /// The value ranked by <see cref="TargetingMethod.Recomputed"/> and <see cref="TargetingMethod.QuantileDisc"/>, and the
    /// value missing percentiles are recomputed from under <see cref="MissingPercentilePolicy.Recompute"/> (where it must be
    /// <see cref="ScoreField.Score"/> or <see cref="ScoreField.Probability"/>). Unused by the supplied-percentile rule itself.
    /// </summary>
    /// <value>Default <see cref="ScoreField.Score"/>.</value>
    public ScoreField Field { get; init; } = ScoreField.Score;

    /// <summary>
    /// A person-level filter: the top p % is taken among the persons of the segment (ranks, n and the target count are
    /// the segment's). The segment is evaluated over every run of the table, as a CJA person container.
    /// </summary>
    /// <value>Default <see langword="null"/>: everyone scored in the run.</value>
    public Segment? Segment { get; init; }

    /// <summary>What <see cref="TargetingMethod.SuppliedPercentile"/> does with a person who has no percentile.</summary>
    /// <value>Default <see cref="MissingPercentilePolicy.Exclude"/>.</value>
    public MissingPercentilePolicy MissingPercentile { get; init; } = MissingPercentilePolicy.Exclude;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">Some settings are invalid; the message lists every problem (parameter <c>options</c>).</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(Method))
        {
            problems.Add($"Method: {(int)Method} is not a TargetingMethod value.");
        }

        if (!Enum.IsDefined(Field))
        {
            problems.Add($"Field: {(int)Field} is not a ScoreField value.");
        }

        if (!Enum.IsDefined(MissingPercentile))
        {
            problems.Add($"MissingPercentile: {(int)MissingPercentile} is not a MissingPercentilePolicy value.");
        }

        if (Method == TargetingMethod.SuppliedPercentile && MissingPercentile == MissingPercentilePolicy.Recompute && Field == ScoreField.Percentile)
        {
            problems.Add("Field: missing percentiles cannot be recomputed from the percentile itself; use Score or Probability.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid TopPercentOptions: {string.Join(" ", problems)}", "options");
        }
    }
}
