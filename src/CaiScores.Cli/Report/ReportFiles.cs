using System.Text;
using CaiScores.Audiences;
using CaiScores.Columnar;
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

    /// <summary>The folder of the audience files, beside the report.</summary>
    public const string AudienceFolder = "audiences";

    /// <summary>The name of the report's audience files: <c>audiences/top-20.&lt;namespace&gt;.csv</c>.</summary>
    public const string AudienceName = "top-20";

    /// <summary>
    /// Writes the ids of the report's audience (its <c>audience</c> section) as AEP upload files, one per identity namespace
    /// (<see cref="AudienceExport.WriteCsvFiles"/>); none when the table does not know the namespace of every person of it.
    /// </summary>
    /// <returns>The files written.</returns>
    public static IReadOnlyList<AudienceFile> WriteAudience(string outDir, ScoreTable table, IReadOnlyList<ReportSection> sections)
    {
        if (sections.FirstOrDefault(s => s.Id == "audience")?.Result is not Audience audience || audience.Count == 0 || audience.Namespaces.Any(n => n.Namespace is null))
        {
            return [];
        }

        var options = new AudienceOptions { Name = AudienceName, Run = audience.Run };
        return AudienceExport.WriteCsvFiles(table, audience.ToSegment(), Path.Combine(outDir, AudienceFolder), options).Files;
    }
}
