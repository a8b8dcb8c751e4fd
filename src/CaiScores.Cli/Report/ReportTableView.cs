using System.Text;
using CaiScores.Bucketing;
using CaiScores.Output;

namespace CaiScores.Cli.Report;

/// <summary>
/// A result table as the page shows it: columns under human names (<c>Score range</c>, not <c>bucketLabel</c>), flags as
/// yes / no, buckets called by one name per scheme everywhere (CAI's Low / Medium / High, also where a result names a bucket
/// by its range), row numbers and bucket indexes left out. The CSV and JSON files keep the library's names and values.
/// </summary>
internal static class ReportTableView
{
    /// <summary>Columns the page leaves out: positions that say nothing a reader needs (the order of rows already says it).</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "bucketIndex", "index" };

    /// <summary>
    /// Counts of something wrong (NaN scores, values out of range): the page shows such a column only where it is not zero
    /// in some row, so that a clean dataset's tables stay narrow; the CSV and JSON keep it, and the Diagnostics card counts it.
    /// </summary>
    private static readonly HashSet<string> ShownWhenNonZero = new(StringComparer.Ordinal)
    {
        "nanCount", "notANumber", "scoreOutOfRange", "probabilityOutOfRange", "percentileOutOfRange",
    };

    /// <summary>Names that the generic camelCase → words rule would get wrong or leave obscure.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["isNoValue"] = "No value",
        ["isOverflow"] = "Overflow bucket (N+)",
        ["isComplete"] = "Window passed",
        ["lo"] = "From",
        ["hi"] = "To",
        ["bucketLabel"] = "Score range",
        ["lower"] = "From score",
        ["upper"] = "Below score",
        ["nanCount"] = "NaN scores",
        ["noValueCount"] = "No value",
        ["notANumber"] = "NaN scores",
        ["totalProfiles"] = "Profiles",
        ["lowShare"] = "Low %",
        ["mediumShare"] = "Medium %",
        ["highShare"] = "High %",
        ["shareOfPeriod"] = "Share of run",
        ["shareOfTableTotal"] = "Share of people with factors",
        ["shareOfGrandTotal"] = "Share of all people",
        ["coverageOfBucket"] = "Share of bucket",
        ["tableTotal"] = "People with factors",
        ["pctOfAnchor"] = "Share of entries",
        ["rowShare"] = "Share of row",
        ["columnShare"] = "Share of column",
        ["auc"] = "AUC",
        ["asOf"] = "As of",
        ["fromKind"] = "From (kind)",
        ["toKind"] = "To (kind)",
        ["degree"] = "Sets",
        ["members"] = "Set mask",
        ["entityCount"] = "People",
        ["belowStartCount"] = "Below the first bucket",
        ["withValue"] = "With a value",
        ["targetCount"] = "Target (⌈p % × n⌉)",
        ["probabilityCount"] = "With probability",
        ["scoreOutOfRange"] = "Scores out of range",
        ["probabilityOutOfRange"] = "Probabilities out of range",
        ["percentileOutOfRange"] = "Percentiles out of range",
    };

    /// <summary>The human name of a column (a result column's camelCase name in words, or its entry in the map).</summary>
    public static string Header(string name)
    {
        if (Names.TryGetValue(name, out var mapped))
        {
            return mapped;
        }

        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(i == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return words.ToString();
    }

    /// <summary>
    /// The table with human column names, flags as yes / no, bucket labels as the scheme's display names, and the scheme
    /// called by <paramref name="schemeName"/> (<c>5-point</c>, not the library's <c>Distribution5</c>) in the title and cells.
    /// </summary>
    public static ResultTable Of(ResultTable table, BucketScheme scheme, string schemeName)
    {
        string? Named(string? text) => scheme.Name is { } name && text is not null ? text.Replace(name, schemeName, StringComparison.Ordinal) : text;
        // One name per bucket: where a result names a bucket by its range ("25 to 75"), the page uses its alias ("Medium").
        var display = scheme.Buckets.Where(b => b.Alias is not null && b.Alias != b.Label).ToDictionary(b => b.Label, b => b.DisplayName, StringComparer.Ordinal);
        var columns = new List<ResultColumn>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            if (Hidden.Contains(column.Name) || Repeats(table, column) || AllZero(column))
            {
                continue;
            }

            var name = Header(column.Name);
            while (!used.Add(name))
            {
                name += " ";
            }

            var rows = Enumerable.Range(0, column.Count);
            columns.Add(column.Kind switch
            {
                ResultColumnKind.Boolean => ResultColumn.Strings(name, rows.Select(r => column.GetBoolean(r) is { } b ? (b ? "yes" : "no") : null), column.Description),
                ResultColumnKind.String when column.Name != "bucketLabel" && display.Count > 0 => ResultColumn.Strings(name, rows.Select(r => Relabel(column.GetString(r), display)), column.Description),
                ResultColumnKind.String => ResultColumn.Strings(name, rows.Select(r => Named(column.GetString(r))), column.Description),
                ResultColumnKind.Int64 => ResultColumn.Int64s(name, rows.Select(column.GetInt64), column.Description),
                ResultColumnKind.Double => ResultColumn.Doubles(name, rows.Select(column.GetDouble), column.Description, column.IsShare),
                ResultColumnKind.Date => ResultColumn.Dates(name, rows.Select(column.GetDate), column.Description),
                _ => ResultColumn.Timestamps(name, rows.Select(column.GetTimestamp), column.Description),
            });
        }

        return new ResultTable(table.Name, Named(table.Title)!, columns);
    }

    private static bool AllZero(ResultColumn column) =>
        ShownWhenNonZero.Contains(column.Name) && column.Kind == ResultColumnKind.Int64
        && Enumerable.Range(0, column.Count).All(r => column.GetInt64(r) is null or 0);

    /// <summary>A factor's <c>label</c> that repeats its <c>code</c> on every row says nothing twice on the page.</summary>
    private static bool Repeats(ResultTable table, ResultColumn column) =>
        column.Name == "label" && column.Kind == ResultColumnKind.String && table.HasColumn("code")
        && Enumerable.Range(0, column.Count).All(r => column.GetString(r) == table["code"].GetString(r));

    /// <summary>
    /// A one-row table of many columns (a summary, its settings) turned on its side: a row per column, the human name and
    /// the value as the page shows it, so it stays narrow.
    /// </summary>
    public static ResultTable Transposed(ResultTable table)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        string? Value(ResultColumn c) => c.Kind switch
        {
            ResultColumnKind.Int64 => c.GetInt64(0)?.ToString("#,##0", inv),
            ResultColumnKind.Double when c.GetDouble(0) is not { } v => null,
            ResultColumnKind.Double when c.IsShare && double.IsFinite(c.GetDouble(0)!.Value) => (c.GetDouble(0)!.Value * 100).ToString("0.0", inv) + "%",
            ResultColumnKind.Date => c.GetDate(0)?.ToString("yyyy-MM-dd", inv),
            ResultColumnKind.Timestamp => c.GetTimestamp(0)?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv),
            ResultColumnKind.Double => NumberText.Format(c.GetDouble(0)!.Value),
            _ => c.GetString(0),
        };
        return new ResultTable(table.Name, table.Title,
        [
            ResultColumn.Strings("Field", table.Columns.Select(c => (string?)c.Name)),
            ResultColumn.Strings("Value", table.Columns.Select(Value)),
        ]);
    }

    /// <summary>A cell that is a bucket label, or a path of labels joined by " → ", with each label replaced by its display name.</summary>
    internal static string? Relabel(string? text, IReadOnlyDictionary<string, string> display)
    {
        if (text is null)
        {
            return null;
        }

        if (display.TryGetValue(text, out var name))
        {
            return name;
        }

        if (!text.Contains(" → ", StringComparison.Ordinal))
        {
            return text;
        }

        return string.Join(" → ", text.Split(" → ").Select(step => display.TryGetValue(step, out var n) ? n : step));
    }
}
