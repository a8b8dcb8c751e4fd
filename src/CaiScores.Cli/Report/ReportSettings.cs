using System.Globalization;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;
using CaiScores.Targeting;

namespace CaiScores.Cli.Report;

/// <summary>
/// What a report covers, parsed from the command line: the runs (<c>--runs</c>), the bucket scheme (<c>--scheme</c>), the
/// segment (<c>--segment</c>, repeatable = AND) and the outcome window. Syntax errors are <see cref="UsageException"/>s;
/// a selection the data cannot satisfy (no run in the range, an unknown attribute) is an <see cref="InputException"/>.
/// </summary>
internal sealed class ReportSettings
{
    public string? Runs { get; init; }

    public BucketScheme Scheme { get; init; } = BucketScheme.Cai;

    /// <summary>The scheme as the user wrote it (for the report header).</summary>
    public string SchemeText { get; init; } = "cai";

    public IReadOnlyList<(string Attribute, string[] Values)> Segment { get; init; } = [];

    public int OutcomeWindowDays { get; init; } = 30;

    /// <summary>How the top 20 % is chosen (<c>--top-method</c>): the exact quantile of the score by default.</summary>
    public TargetingMethod TopMethod { get; init; } = TargetingMethod.Recomputed;

    /// <summary>The scheme's name for readers: <c>CAI (Low / Medium / High)</c>, <c>5-point</c>, <c>10-point</c>, or its edges.</summary>
    public string SchemeName => SchemeText.Trim().ToLowerInvariant() switch
    {
        "cai" => "CAI (Low / Medium / High)",
        "5pt" => "5-point (CJA's distribution buckets)",
        "10pt" => "10-point",
        _ => $"score edges {SchemeText.Trim()}",
    };

    /// <summary>The scheme's short name for titles: <c>CAI</c>, <c>5-point</c>, <c>10-point</c> or <c>custom</c>.</summary>
    public string SchemeShortName => SchemeText.Trim().ToLowerInvariant() switch
    {
        "cai" => "CAI",
        "5pt" => "5-point",
        "10pt" => "10-point",
        _ => "custom",
    };

    /// <summary>Parses <c>--top-method</c>: <c>exact</c> (the default) or <c>percentile</c>.</summary>
    public static TargetingMethod ParseTopMethod(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "exact" => TargetingMethod.Recomputed,
        "percentile" => TargetingMethod.SuppliedPercentile,
        _ => throw new UsageException($"--top-method must be exact or percentile, got '{text}'"),
    };

    public static BucketScheme ParseScheme(string text) => text.Trim().ToLowerInvariant() switch
    {
        "cai" => BucketScheme.Cai,
        "5pt" => BucketScheme.Distribution5,
        "10pt" => BucketScheme.Create(ScoreField.Score, [.. Enumerable.Range(1, 9).Select(i => i * 10.0)]),
        _ => Edges(text),
    };

    private static BucketScheme Edges(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var edges = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out edges[i]))
            {
                throw new UsageException($"--scheme must be cai, 5pt, 10pt or score edges such as 25,50,75; got '{text}'");
            }
        }

        try
        {
            return BucketScheme.Create(ScoreField.Score, edges);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--scheme '{text}': {FirstSentence(e.Message)}");
        }
    }

    /// <summary>Parses one <c>--segment</c>: <c>attribute=value</c> or <c>attribute=v1|v2</c> (any of the values).</summary>
    public static (string Attribute, string[] Values) ParseSegment(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var values = eq > 0 ? text[(eq + 1)..].Split('|', StringSplitOptions.TrimEntries) : [];
        if (eq <= 0 || values.Any(v => v.Length == 0))
        {
            throw new UsageException($"--segment must be attribute=value or attribute=value1|value2, got '{text}'");
        }

        return (text[..eq].Trim(), values);
    }

    /// <summary>The segment on a table for the selected runs, or null for everyone (checked by <see cref="ReportSegment"/>).</summary>
    public Segment? SegmentOn(ScoreTable table, IReadOnlyList<ScoreRun> runs) => ReportSegment.On(table, Segment, runs);

    /// <summary>The selected runs of the table (at least one), ascending.</summary>
    public IReadOnlyList<ScoreRun> SelectRuns(ScoreTable table)
    {
        var runs = table.Runs;
        if (runs.Count == 0)
        {
            throw new InputException($"{table.InstancePath} has no scoring run");
        }

        if (Runs is null)
        {
            return runs;
        }

        IReadOnlyList<ScoreRun> selected;
        if (Runs.StartsWith("last:", StringComparison.Ordinal))
        {
            if (!int.TryParse(Runs.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                throw new UsageException($"--runs last:N needs a whole number N of at least 1, got '{Runs}'");
            }

            selected = [.. runs.Skip(Math.Max(0, runs.Count - n))];
        }
        else
        {
            var (from, to) = ParseRange(Runs);
            selected = [.. runs.Where(r => (from is null || r.ScoreDate >= from) && (to is null || r.ScoreDate <= to))];
        }

        return selected.Count > 0
            ? selected
            : throw new InputException($"--runs {Runs} selects no run (the runs are {runs[0].ScoreDate:yyyy-MM-dd} to {runs[^1].ScoreDate:yyyy-MM-dd})");
    }

    /// <summary>Checks the syntax of <c>--runs</c> before any file is read.</summary>
    public static string? CheckRuns(string? text)
    {
        if (text is not null && !text.StartsWith("last:", StringComparison.Ordinal))
        {
            ParseRange(text);
        }
        else if (text is not null && (!int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1))
        {
            throw new UsageException($"--runs last:N needs a whole number N of at least 1, got '{text}'");
        }

        return text;
    }

    private static (DateOnly? From, DateOnly? To) ParseRange(string text)
    {
        var dots = text.IndexOf("..", StringComparison.Ordinal);
        var (a, b) = dots < 0 ? (text, text) : (text[..dots], text[(dots + 2)..]);
        DateOnly? from = a.Length == 0 ? null : Date(a, text);
        DateOnly? to = b.Length == 0 ? null : Date(b, text);
        if (from is null && to is null)
        {
            throw new UsageException($"--runs must be a date, FROM..TO (dates yyyy-MM-dd, either side may be left open) or last:N; got '{text}'");
        }

        if (from > to)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--runs: from {from.Value:yyyy-MM-dd} is after to {to!.Value:yyyy-MM-dd}"));
        }

        return (from, to);

        static DateOnly Date(string part, string text) =>
            DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d
                : throw new UsageException($"--runs must be a date, FROM..TO (dates yyyy-MM-dd, either side may be left open) or last:N; got '{text}'");
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).ReplaceLineEndings(" ");
    }
}
