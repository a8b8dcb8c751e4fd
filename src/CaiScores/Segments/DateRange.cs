using System.Globalization;

namespace CaiScores.Segments;

/// <summary>
/// A reporting window of days, <c>[Start, End)</c> as in CJA's date range: a run is in the window when its score date is
/// on or after <see cref="Start"/> and before <see cref="End"/>.
/// </summary>
public sealed record DateRange
{
    /// <summary>A window from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    /// <param name="start">The first day.</param>
    /// <param name="end">The day after the last.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public DateRange(DateOnly start, DateOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The end ({end:yyyy-MM-dd}, exclusive) must be after the start ({start:yyyy-MM-dd})."), nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>The first day, inclusive.</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last, exclusive.</summary>
    public DateOnly End { get; }

    /// <summary>Whether a day is in the window.</summary>
    /// <param name="day">The day.</param>
    public bool Contains(DateOnly day) => day >= Start && day < End;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Start:yyyy-MM-dd}, {End:yyyy-MM-dd})");
}
