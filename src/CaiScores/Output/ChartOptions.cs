using CaiScores.Models;

namespace CaiScores.Output;

/// <summary>Size, title and colouring of a chart drawn by <see cref="SvgCharts"/>.</summary>
public sealed record ChartOptions
{
    /// <summary>Width of the drawing in pixels.</summary>
    /// <value>Default 720; at least 240.</value>
    public int Width { get; init; } = 720;

    /// <summary>Height of the drawing in pixels.</summary>
    /// <value>Default 400; at least 160.</value>
    public int Height { get; init; } = 400;

    /// <summary>The title drawn above the chart.</summary>
    /// <value>Default null: a title made from the result (what is counted, which runs).</value>
    public string? Title { get; init; }

    /// <summary>Whether the model predicts conversion or churn: CAI colours High green and Low red for conversion, the reverse for churn; Medium is yellow.</summary>
    /// <value>Default <see cref="PropensityKind.Conversion"/>.</value>
    public PropensityKind Propensity { get; init; } = PropensityKind.Conversion;

    /// <summary>Whether stacked bars are drawn 100 % stacked: each bar scaled to its own stack's total.</summary>
    /// <value>Default false (counts).</value>
    public bool PercentStacked { get; init; }

    internal static ChartOptions Validate(ChartOptions? options, string parameter = "options")
    {
        options ??= new ChartOptions();
        var errors = new List<string>();
        if (options.Width < 240)
        {
            errors.Add($"Width {options.Width} is below 240 pixels");
        }

        if (options.Height < 160)
        {
            errors.Add($"Height {options.Height} is below 160 pixels");
        }

        if (!Enum.IsDefined(options.Propensity))
        {
            errors.Add($"Propensity {(int)options.Propensity} is not Conversion or Churn");
        }

        return errors.Count == 0 ? options : throw new ArgumentException($"Invalid chart options: {string.Join("; ", errors)}.", parameter);
    }
}
