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

    /// <summary>A sequential ramp (viridis stops: dark blue-purple → teal → green → yellow), distinguishable in order and with colour-vision deficiencies.</summary>
    private static readonly (int R, int G, int B)[] Ramp =
    [
        (0x44, 0x01, 0x54), (0x3B, 0x52, 0x8B), (0x21, 0x91, 0x8C), (0x5E, 0xC9, 0x62), (0xD8, 0xC8, 0x1E),
    ];

    /// <summary>
    /// The colour of the <paramref name="index"/>-th of <paramref name="count"/> ordered items (buckets from low to high): a
    /// step along a sequential ramp, so neighbours differ a little and the ends a lot, however many buckets there are.
    /// </summary>
    public static string Ordered(int index, int count)
    {
        var t = count <= 1 ? 0.5 : Math.Clamp((double)index / (count - 1), 0, 1);
        var scaled = t * (Ramp.Length - 1);
        var i = Math.Min((int)scaled, Ramp.Length - 2);
        var f = scaled - i;
        var (a, b) = (Ramp[i], Ramp[i + 1]);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"#{Lerp(a.R, b.R, f):X2}{Lerp(a.G, b.G, f):X2}{Lerp(a.B, b.B, f):X2}");

        static int Lerp(int x, int y, double f) => (int)Math.Round(x + ((y - x) * f));
    }

    /// <summary>A bucket's colour: CAI's for Low / Medium / High, else its step on the ordered ramp among the scheme's buckets.</summary>
    public static string Bucket(Bucket bucket, int index, int count, PropensityKind kind) => Cai(bucket, kind) ?? Ordered(index, count);

    /// <summary>
    /// A trend series' colour: buckets alone take CAI's colours or their step on the ordered ramp; cohorts (alone or split
    /// by bucket) a categorical colour per series; "No value" grey.
    /// </summary>
    public static string Series(Trends.ScoreTrend trend, Trends.TrendSeries series, PropensityKind kind) =>
        series.IsNoValue ? NoValue
        : series.Cohort is null && series.Bucket is { } bucket ? Bucket(bucket, bucket.Index, trend.Options.Scheme?.Buckets.Count ?? trend.Series.Count, kind)
        : Category(series.Index);

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
