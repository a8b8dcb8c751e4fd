using System.Globalization;

namespace CaiScores.Output;

/// <summary>Numbers as the charts write them in labels and tooltips, in the invariant culture.</summary>
internal static class ChartText
{
    /// <summary>A count with thousands separators: <c>1,234</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value a chart plots (a count, a mean score): <c>1,234</c> when whole, else <c>1.35</c>; from 1e15 on, or NaN/±∞,
    /// E notation with up to four significant digits (<c>1E+308</c>, <c>Infinity</c>), never hundreds of grouped digits (a
    /// kept out-of-range score can be that large).
    /// </summary>
    public static string Number(double value) =>
        !double.IsFinite(value) || Math.Abs(value) >= 1e15 ? value.ToString("0.###E+0", CultureInfo.InvariantCulture)
        : value == Math.Floor(value) ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("N2", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with one decimal: <c>0.2345</c> → <c>23.5%</c>.</summary>
    public static string Percent(double share) => share.ToString("0.0%", CultureInfo.InvariantCulture);

    /// <summary>A score date: <c>2026-01-05</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary><c>1 code</c>, <c>2 codes</c>.</summary>
    public static string Plural(long count, string noun) => $"{Count(count)} {noun}{(count == 1 ? string.Empty : "s")}";

    /// <summary>The text cut into lines of at most <paramref name="width"/> characters at spaces (a longer word stays whole on its own line).</summary>
    public static IEnumerable<string> Wrap(string text, int width)
    {
        var line = new System.Text.StringBuilder();
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            line.Append(line.Length == 0 ? string.Empty : " ").Append(word);
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
