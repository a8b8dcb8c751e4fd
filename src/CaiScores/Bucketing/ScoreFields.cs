using CaiScores.Columnar;

namespace CaiScores.Bucketing;

/// <summary>What every analysis needs to know of a <see cref="ScoreField"/>: its column's validity and its XDM name.</summary>
internal static class ScoreFields
{
    /// <summary>The validity bitmap of <paramref name="field"/>'s column in <paramref name="run"/>.</summary>
    public static ReadOnlySpan<byte> Validity(ScoreRun run, ScoreField field) => field switch
    {
        ScoreField.Probability => run.ProbabilityValidity,
        ScoreField.Percentile => run.PercentileValidity,
        _ => run.ScoreValidity,
    };

    /// <summary>The field's name in the CAI record (<c>score</c>, <c>probability</c>, <c>percentileScore</c>).</summary>
    public static string XdmName(ScoreField field) => field switch
    {
        ScoreField.Probability => "probability",
        ScoreField.Percentile => "percentileScore",
        _ => "score",
    };
}
