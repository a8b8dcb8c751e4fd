using System.Globalization;
using CaiScores.Columnar;

namespace CaiScores.Outcomes;

/// <summary>
/// A run's outcome window, <c>(scoreDate, scoreDate + days]</c>: from midnight of the score date (exclusive) to midnight
/// <paramref name="Days"/> days later (inclusive), in a time zone; and the per-person tests on <see cref="OutcomeEvents"/>.
/// </summary>
internal readonly record struct OutcomeWindow(DateTimeOffset Start, DateTimeOffset End, int Days)
{
    public long StartMicros { get; } = Timestamps.ToMicros(Start);

    public long EndMicros { get; } = Timestamps.ToMicros(End);

    public static OutcomeWindow For(DateOnly scoreDate, int days, TimeZoneInfo timeZone) =>
        new(Midnight(scoreDate, timeZone), Midnight(scoreDate.AddDays(days), timeZone), days);

    /// <summary>Whether the window has passed as of <paramref name="asOf"/> (its end at or before it); false without one.</summary>
    public bool HasPassed(DateTimeOffset? asOf) => asOf is { } at && End <= at;

    /// <summary>Sets bit <c>p − from</c> of <paramref name="words"/> for every person <c>p</c> in <c>[from, from + count)</c> with at least one outcome in the window (others untouched).</summary>
    public void MarkPositives(OutcomeEvents outcomes, int from, int count, Span<ulong> words)
    {
        var offsets = outcomes.Offsets;
        var micros = outcomes.TimestampMicros;
        for (var p = from; p < from + count; p++)
        {
            var o = offsets[p];
            var e = offsets[p + 1];
            if (o != e && FirstAfterStart(micros, o, e) is var k && k < e && micros[k] <= EndMicros)
            {
                words[(p - from) >> 6] |= 1UL << (p - from);
            }
        }
    }

    /// <summary>The outcomes of a person inside the window: entries <c>[first, end)</c> of the outcome columns.</summary>
    public (int First, int End) Range(OutcomeEvents outcomes, int person)
    {
        var offsets = outcomes.Offsets;
        var micros = outcomes.TimestampMicros;
        var o = offsets[person];
        var e = offsets[person + 1];
        if (o == e)
        {
            return (o, o);
        }

        var first = FirstAfterStart(micros, o, e);
        var last = first;
        while (last < e && micros[last] <= EndMicros)
        {
            last++;
        }

        return (first, last);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({Start:yyyy-MM-dd HH:mm zzz}, {End:yyyy-MM-dd HH:mm zzz}]");

    /// <summary>The first entry of <c>[o, e)</c> after the window's start (timestamps ascend).</summary>
    private int FirstAfterStart(ReadOnlySpan<long> micros, int o, int e)
    {
        if (e - o <= 8)
        {
            while (o < e && micros[o] <= StartMicros)
            {
                o++;
            }

            return o;
        }

        var lo = o;
        var hi = e;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (micros[mid] <= StartMicros)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo timeZone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }
}
