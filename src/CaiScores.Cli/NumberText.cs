using System.Globalization;

namespace CaiScores.Cli;

/// <summary>
/// Numbers as the command line prints them: grouped digits with up to four decimals, but never hundreds of digits — a
/// magnitude of 1e15 or more (or a non-zero one below 1e-4) is written in scientific notation (<c>1.0E+308</c>).
/// </summary>
internal static class NumberText
{
    /// <summary>The largest magnitude written with all its digits.</summary>
    public const double PlainLimit = 1e15;

    /// <summary>Formats a value (invariant culture); NaN and ±∞ as <c>NaN</c>, <c>∞</c>, <c>-∞</c>.</summary>
    public static string Format(double value) => Format(value, "#,##0.####");

    /// <summary>
    /// Formats a value (empty when null, as an interpolation hole would) with a .NET format (<c>F2</c>, <c>N0</c>, …) when its magnitude is below <see cref="PlainLimit"/>, else in
    /// scientific notation; NaN and ±∞ as <c>NaN</c>, <c>∞</c>, <c>-∞</c>. A small non-zero value is scientific only with the
    /// default format, whose four decimals would show it as 0.
    /// </summary>
    public static string Format(double? value, string format) => value is { } v ? Format(v, format) : string.Empty;

    /// <inheritdoc cref="Format(double?, string)"/>
    public static string Format(double value, string format)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "∞" : "-∞";
        }

        var magnitude = Math.Abs(value);
        var tiny = format == "#,##0.####" && magnitude > 0 && magnitude < 1e-4;
        return magnitude >= PlainLimit || tiny
            ? value.ToString("0.###E+0", CultureInfo.InvariantCulture)
            : value.ToString(format, CultureInfo.InvariantCulture);
    }
}
