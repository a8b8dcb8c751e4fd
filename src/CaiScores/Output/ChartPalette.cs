using CaiScores.Bucketing;
using CaiScores.Models;

namespace CaiScores.Output;

/// <summary>
/// Colours of the charts: CAI's own for Low / Medium / High (conversion: High green, Low red; churn flipped; Medium yellow),
/// a grey for "No value", and otherwise the Okabe–Ito palette, which stays distinguishable with the common colour-vision
/// deficiencies.
/// </summary>
internal static class ChartPalette
{
    public const string Green = "#009E73";
    public const string Yellow = "#E6C229";
    public const string Red = "#D55E00";
    public const string NoValue = "#A0A0A0";
    public const string Single = "#0072B2";
    public const string Axis = "#666";
    public const string Grid = "#E3E3E3";

    /// <summary>Okabe–Ito without black (kept for text) and yellow (kept for Medium), then darker and lighter tones.</summary>
    private static readonly string[] Categorical =
    [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#6A3D9A", "#8C6D31",
        "#1B9E77", "#7570B3", "#E7298A", "#66A61E", "#A6761D", "#666666",
    ];

    /// <summary>The i-th categorical colour (cycling after the fourteenth).</summary>
    public static string Category(int index) => Categorical[index % Categorical.Length];

    /// <summary>CAI's colour for a bucket called Low, Medium or High (by alias or label), or null for any other bucket.</summary>
    public static string? Cai(Bucket? bucket, PropensityKind kind) => (bucket?.Alias ?? bucket?.Label) switch
    {
        "Low" => kind == PropensityKind.Conversion ? Red : Green,
        "Medium" => Yellow,
        "High" => kind == PropensityKind.Conversion ? Green : Red,
        _ => null,
    };
}
