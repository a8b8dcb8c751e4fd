using System.Globalization;

namespace CaiScores.Output;

/// <summary>The invariant, culture-independent text of cell values shared by the CSV and HTML writers.</summary>
internal static class CellText
{
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    /// <summary>ISO 8601 in UTC, fractional seconds only when there are some: <c>2026-01-11T00:00:00Z</c>.</summary>
    public static string Timestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The raw text of a cell (CSV's): null for a null cell.</summary>
    public static string? Raw(ResultColumn column, int row) => column.Kind switch
    {
        ResultColumnKind.String => column.GetString(row),
        ResultColumnKind.Int64 => column.GetInt64(row)?.ToString(CultureInfo.InvariantCulture),
        ResultColumnKind.Double => column.GetDouble(row) is { } d ? Double(d) : null,
        ResultColumnKind.Date => column.GetDate(row) is { } d ? Date(d) : null,
        ResultColumnKind.Boolean => column.GetBoolean(row) is { } b ? Boolean(b) : null,
        _ => column.GetTimestamp(row) is { } t ? Timestamp(t) : null,
    };
}
