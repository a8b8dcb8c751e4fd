using System.Text;
using CaiScores.Output;

namespace CaiScores.Cli.Report;

/// <summary>
/// The files beside <c>report.html</c>: per analysis, the result as JSON (<c>json/&lt;analysis&gt;.json</c>, written by
/// <see cref="Serialization.CaiJson"/>) and one CSV file per result table (<c>csv/&lt;analysis&gt;/&lt;table&gt;.csv</c>, written by
/// <see cref="CaiCsv"/>). Paths are relative to the report folder, with forward slashes (they are links).
/// </summary>
/// <remarks>
/// The CSV files are for spreadsheets, and their labels come from data (factor codes, attribute values): a text cell that a
/// spreadsheet would run as a formula (<c>= + - @</c>, tab, CR first) is written with a leading <c>'</c>
/// (<see cref="CsvOptions.EscapeFormulas"/>). Programs read the JSON files, which carry every string as it is.
/// </remarks>
internal static class ReportFiles
{
    private static readonly CsvOptions SpreadsheetSafe = new() { EscapeFormulas = true };

    public static string Csv(ReportSection section, ResultTable table) => $"csv/{section.Id}/{table.Name}.csv";

    public static string Json(ReportSection section) => $"json/{section.Id}.json";

    /// <summary>Writes the data files of every section; returns how many were written.</summary>
    public static int Write(string outDir, IReadOnlyList<ReportSection> sections)
    {
        var count = 0;
        var utf8 = new UTF8Encoding(false);
        foreach (var section in sections)
        {
            var json = Path.Combine(outDir, Json(section));
            Directory.CreateDirectory(Path.GetDirectoryName(json)!);
            File.WriteAllText(json, section.Json, utf8);
            count++;
            foreach (var table in section.Tables)
            {
                var path = Path.Combine(outDir, Csv(section, table));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                using var writer = new StreamWriter(path, append: false, utf8);
                CaiCsv.Write(table, writer, SpreadsheetSafe);
                count++;
            }
        }

        return count;
    }
}
