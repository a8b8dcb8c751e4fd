namespace CaiScores.Models;

/// <summary>Parses Customer AI <c>scoreDate</c> strings.</summary>
/// <remarks>
/// Accepted forms: <c>yyyy-MM-dd</c>, <c>yyyy-MM-dd HH:mm[:ss[.f…]]</c>, and ISO 8601 <c>yyyy-MM-ddTHH:mm[:ss[.f…]]</c> with
/// an optional <c>Z</c> or <c>±HH:mm</c> offset. The result is the calendar date as written: an offset or a time of day does
/// not move it to another day, because a score date names the scoring run, not an instant.
/// </remarks>
public static class ScoreDates
{
    /// <summary>Parses a score date.</summary>
    /// <param name="text">The text, e.g. <c>2021-08-07</c> or <c>2021-08-07 00:00:00</c>.</param>
    /// <param name="date">The calendar date, or <see langword="default"/> when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid date in an accepted form.</returns>
    public static bool TryParse(string? text, out DateOnly date) => TryParse(text.AsSpan(), out date);

    /// <summary>Parses a score date from characters.</summary>
    /// <param name="text">The characters.</param>
    /// <param name="date">The calendar date, or <see langword="default"/> when parsing fails.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid date in an accepted form.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        Span<byte> ascii = stackalloc byte[40];
        date = default;
        if (text.Length > ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] > 127)
            {
                return false;
            }

            ascii[i] = (byte)text[i];
        }

        return TryParseUtf8(ascii[..text.Length], out date);
    }

    /// <summary>Parses a score date from UTF-8 bytes (the form the JSON reader sees).</summary>
    internal static bool TryParseUtf8(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        if (s.Length < 10 || s[4] != (byte)'-' || s[7] != (byte)'-'
            || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (s.Length > 10 && !IsValidTimeSuffix(s[10..]))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    // [ T]HH:mm[:ss[.f+]][Z|±HH:mm|±HHmm]
    private static bool IsValidTimeSuffix(ReadOnlySpan<byte> s)
    {
        if (s.Length < 6 || (s[0] != (byte)' ' && s[0] != (byte)'T') || s[3] != (byte)':'
            || !TryDigits(s.Slice(1, 2), out var hour) || !TryDigits(s.Slice(4, 2), out var minute) || hour > 23 || minute > 59)
        {
            return false;
        }

        var rest = s[6..];
        if (rest.Length >= 3 && rest[0] == (byte)':')
        {
            if (!TryDigits(rest.Slice(1, 2), out var second) || second > 59)
            {
                return false;
            }

            rest = rest[3..];
            if (rest.Length > 0 && rest[0] == (byte)'.')
            {
                var digits = 1;
                while (digits < rest.Length && rest[digits] is >= (byte)'0' and <= (byte)'9')
                {
                    digits++;
                }

                if (digits == 1)
                {
                    return false;
                }

                rest = rest[digits..];
            }
        }

        if (rest.IsEmpty || (rest.Length == 1 && rest[0] == (byte)'Z'))
        {
            return true;
        }

        if (rest[0] != (byte)'+' && rest[0] != (byte)'-')
        {
            return false;
        }

        rest = rest[1..];
        return rest.Length switch
        {
            5 => rest[2] == (byte)':' && TryDigits(rest[..2], out var h1) && TryDigits(rest.Slice(3, 2), out var m1) && h1 <= 14 && m1 <= 59,
            4 => TryDigits(rest[..2], out var h2) && TryDigits(rest.Slice(2, 2), out var m2) && h2 <= 14 && m2 <= 59,
            2 => TryDigits(rest, out var h3) && h3 <= 14,
            _ => false,
        };
    }

    private static bool TryDigits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            var d = b - (byte)'0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }
}
