using System.Globalization;
using System.Net;
using System.Text;
using CaiScores.Output;

namespace CaiScores.Cli.Report;

/// <summary>
/// Writes <c>report.html</c>: one self-contained page (inline CSS and SVG; no script, font or image from anywhere else, so it
/// opens offline and prints) with a header (the dataset and its diagnostics), a table of contents and one section per
/// analysis. Every string from the data is HTML-escaped.
/// </summary>
internal static partial class HtmlReport
{
    /// <summary>Rows of a table shown on the page; longer tables show their first rows and link to the CSV file.</summary>
    public const int MaxRows = 100;

    /// <summary>A one-row table with more columns than this is shown on its side (a row per column).</summary>
    public const int TransposeAfterColumns = 8;

    /// <summary>Tables longer than this are folded in a <c>&lt;details&gt;</c> element (opened by a click, no script).</summary>
    public const int FoldAfterRows = 12;

    private const string Css = """
        :root { color-scheme: light; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2933; margin: 0; background: #f5f7fa; }
        header, main, footer { max-width: 1000px; margin: 0 auto; padding: 0 24px; }
        header { padding-top: 24px; }
        h1 { font-size: 26px; margin: 0 0 4px; }
        h2 { font-size: 20px; margin: 0 0 4px; }
        .sub { color: #52606d; margin: 0 0 16px; }
        .kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 16px; padding: 0; list-style: none; }
        .kpis li { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 8px 14px; min-width: 96px; flex: 0 1 auto; }
        .kpis .label { display: block; color: #52606d; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
        .kpis .value { display: block; font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .kpis .note { display: block; color: #7b8794; font-size: 12px; }
        .finding { font-size: 16px; font-weight: 600; margin: 0 0 8px; }
        .warn { color: #9a3412; font-weight: 600; }
        .card { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dt { color: #52606d; } dd { margin: 0; font-variant-numeric: tabular-nums; }
        nav ol { columns: 2; margin: 0; padding-left: 20px; }
        nav a, footer a { color: #1d4ed8; text-decoration: none; }
        .explain { color: #3e4c59; margin: 8px 0; }
        .figures { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; background: #f0f4f8; padding: 6px 10px; border-radius: 4px; overflow-wrap: anywhere; }
        .chart svg { max-width: 100%; height: auto; display: block; margin: 12px 0; }
        .files { font-size: 13px; color: #52606d; }
        table { border-collapse: collapse; font-size: 13px; margin: 12px 0; font-variant-numeric: tabular-nums; max-width: 100%; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid #e4e7eb; padding: 3px 8px; text-align: left; vertical-align: top; }
        td.num { white-space: nowrap; } td.long { overflow-wrap: anywhere; min-width: 8em; }
        th { background: #f0f4f8; } .num { text-align: right; } .null { color: #9aa5b1; }
        .tables { overflow-x: auto; }
        details { margin: 8px 0; } summary { cursor: pointer; color: #1d4ed8; font-size: 14px; }
        footer { color: #7b8794; font-size: 12px; padding-bottom: 24px; }
        @media (max-width: 900px) { header, main, footer { padding: 0 10px; } .card { padding: 12px; } table { font-size: 12px; } th, td { padding: 3px 5px; } }
        @media print { body { background: #fff; } .card { border: none; break-inside: avoid; padding: 0; } nav { display: none; } details > *:not(summary) { display: block; } }
        """;

    public static string Render(ReportInput input, ReportSettings settings, IReadOnlyList<ReportSection> sections)
    {
        var table = input.Table;
        var runs = settings.SelectRuns(table);
        var inv = CultureInfo.InvariantCulture;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(E($"Customer AI report: {table.InstancePath}")).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<header>\n")
            .Append("<h1>Customer AI report</h1>\n<p class=\"sub\">").Append(E(table.InstancePath))
            .Append(table.ModelType is { } modelType ? E($" · {modelType} model") : string.Empty)
            .Append(E(string.Create(inv, $" · runs {ReportAnalyses.Day(runs[0].ScoreDate)} to {ReportAnalyses.Day(runs[^1].ScoreDate)}"))).Append("</p>\n");

        html.Append("<ul class=\"kpis\" id=\"key-figures\">\n");
        foreach (var (label, value, note) in ReportKeyFigures.Of(input, runs.Count, sections))
        {
            html.Append("<li><span class=\"label\">").Append(E(label)).Append("</span><span class=\"value\">").Append(E(value)).Append("</span>");
            if (note is not null)
            {
                html.Append("<span class=\"note\">").Append(E(note)).Append("</span>");
            }

            html.Append("</li>\n");
        }

        html.Append("</ul>\n");
        var d = table.Diagnostics;
        var ingest = d.Ingest;
        html.Append("<section class=\"card\" id=\"dataset\">\n<h2>Dataset</h2>\n<dl>\n");
        Item(html, "Score files", string.Join(", ", input.ScoreFiles.Select(Path.GetFileName)));
        Item(html, "Persons", string.Create(inv, $"{table.Persons.Count:N0}"));
        Item(html, "Score rows", string.Create(inv, $"{d.ScoreRows:N0} in {ReportFindings.Plural(table.Runs.Count, "run")}"));
        Item(html, "Selected runs", string.Create(inv, $"{runs.Count} ({string.Join(", ", runs.Select(r => ReportAnalyses.Day(r.ScoreDate)))})"));
        Item(html, "Bucket scheme", $"{settings.SchemeName}: {string.Join(" | ", settings.Scheme.Buckets.Select(b => b.DisplayName))}");
        Item(html, "Top 20 % method", ReportFindings.Method(settings.TopMethod));
        Item(html, "Segment", settings.Segment.Count == 0 ? "everyone" : string.Join(" and ", settings.Segment.Select(s => $"{s.Attribute} = {string.Join(" or ", s.Values)}")));
        Item(html, "Attributes", input.AttributesFile is null ? "none" : $"{Path.GetFileName(input.AttributesFile)}: {string.Join(", ", table.Attributes.Select(a => a.Name))}");
        Item(html, "Outcomes", input.Outcomes is { } o
            ? string.Create(inv, $"{Path.GetFileName(input.OutcomesFile)}: {o.Count:N0} events of {o.PersonsWithOutcomes:N0} persons; outcome window {settings.OutcomeWindowDays} days")
            : "none (the outcome analyses need --outcomes)");
        html.Append("</dl>\n<h2 style=\"margin-top:16px\">Diagnostics</h2>\n<dl>\n");
        Item(html, "Records read", string.Create(inv, $"{ingest.RecordsRead:N0} from {ingest.DocumentsRead:N0} documents"));
        Item(html, "Dropped", string.Create(inv, $"no identity {ingest.DroppedNoIdentity:N0} (no identity map {ingest.DroppedNoIdentityMap:N0}, no usable id {ingest.DroppedNoUsableId:N0}, several ids and none primary {ingest.DroppedNoPrimary:N0}), no run {ingest.DroppedNoRun:N0}, rejected {ingest.RecordsRejected + ingest.DocumentsRejected:N0}, out of range excluded {ingest.ExcludedOutOfRange:N0}"));
        Item(html, "Duplicates resolved", string.Create(inv, $"{ingest.DuplicatesResolved:N0}"));
        Item(html, "Null scores", string.Create(inv, $"{ingest.NullScores:N0}; out of range {ingest.OutOfRange.Total:N0}; unknown importance {ingest.UnknownImportance:N0}"));
        Item(html, "Persons in one run only", string.Create(inv, $"{d.PersonsInOneRunOnly:N0}"));
        if (input.SkippedFiles.Count > 0)
        {
            Item(html, "Files skipped", string.Create(inv, $"{input.SkippedFiles.Count:N0} not read as scores: {string.Join(", ", input.SkippedFiles.Select(Path.GetFileName))}"));
        }

        foreach (var warning in ReportFindings.InputWarnings(ingest, input.OutOfRange))
        {
            html.Append("<dt class=\"warn\">Warning</dt><dd class=\"warn\">").Append(E(warning)).Append("</dd>\n");
        }

        if (input.AttributesFile is not null)
        {
            // The library counts one attribute row per person and attribute (a file row with two attributes is two).
            Item(html, "Attribute values", string.Create(inv, $"{d.Attributes.RowsRead:N0} read (one per person and attribute; {ReportFindings.Plural(table.Attributes.Count, "attribute")}), {d.Attributes.RowsUnmatched:N0} of unknown persons"));
        }

        if (input.Outcomes is { } outcomes)
        {
            var od = outcomes.Diagnostics;
            Item(html, "Outcome records", string.Create(inv, $"{od.RecordsRead:N0} read, {od.RecordsJoined:N0} joined, {od.RecordsUnknownPerson:N0} of unknown persons"));
        }

        foreach (var problem in ingest.Rejections.Take(5))
        {
            Item(html, "Rejected", problem.ToString());
        }

        html.Append("</dl>\n</section>\n<nav class=\"card\">\n<h2>Contents</h2>\n<ol>\n");
        foreach (var s in sections)
        {
            html.Append("<li><a href=\"#").Append(E(s.Id)).Append("\">").Append(E(s.Title)).Append("</a></li>\n");
        }

        html.Append("</ol>\n</nav>\n</header>\n<main>\n");
        foreach (var s in sections)
        {
            html.Append("<section class=\"card\" id=\"").Append(E(s.Id)).Append("\">\n<h2>").Append(E(s.Title)).Append("</h2>\n")
                .Append("<p class=\"finding\">").Append(E(s.Finding)).Append("</p>\n");
            foreach (var svg in s.Charts)
            {
                html.Append("<div class=\"chart\">\n").Append(svg).Append("\n</div>\n");
            }

            html.Append("<p class=\"explain\">").Append(E(s.Explanation)).Append("</p>\n");
            if (s.Figures.Length > 0)
            {
                html.Append("<p class=\"figures\">").Append(E(s.Figures)).Append("</p>\n");
            }

            foreach (var result in s.Tables)
            {
                Table(html, s, result, settings);
            }

            html.Append("<p class=\"files\">Data: ").Append(Link(ReportFiles.Json(s)));
            foreach (var result in s.Tables)
            {
                html.Append(", ").Append(Link(ReportFiles.Csv(s, result)));
            }

            html.Append("</p>\n");
            html.Append("</section>\n");
        }

        html.Append("</main>\n<footer>\n<p>Made by cai-scores. Every number was computed by the CaiScores library; the data files are in the folder beside this page.</p>\n</footer>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A table under human column names; a long one folded in <c>&lt;details&gt;</c> with its CSV link in the summary.</summary>
    private static void Table(StringBuilder html, ReportSection section, ResultTable result, ReportSettings settings)
    {
        var inv = CultureInfo.InvariantCulture;
        var fold = result.RowCount > FoldAfterRows;
        if (fold)
        {
            html.Append("<details>\n<summary>").Append(E(string.Create(inv, $"{ReportTableView.Of(result.Head(0), settings.Scheme, settings.SchemeShortName).Title}: {ReportFindings.Plural(result.RowCount, "row")} (show the table)"))).Append("</summary>\n");
        }

        var shown = ReportTableView.Of(result.Head(MaxRows), settings.Scheme, settings.SchemeShortName);
        if (shown.RowCount == 1 && shown.Columns.Count > TransposeAfterColumns)
        {
            shown = ReportTableView.Transposed(shown);
        }

        html.Append("<div class=\"tables\">\n").Append(LongCells().Replace(CaiHtml.Table(shown), "<td class=\"long\">$1</td>")).Append("\n</div>\n");
        if (result.RowCount > MaxRows)
        {
            html.Append("<p class=\"files\">").Append(E(string.Create(inv, $"The first {MaxRows} of {result.RowCount:N0} rows; every row is in "))).Append(Link(ReportFiles.Csv(section, result))).Append(".</p>\n");
        }
        else if (fold)
        {
            html.Append("<p class=\"files\">As CSV: ").Append(Link(ReportFiles.Csv(section, result))).Append(".</p>\n");
        }

        if (fold)
        {
            html.Append("</details>\n");
        }
    }

    /// <summary>A text cell long enough to wrap anywhere (a path of buckets, an intersection of many sets, a URL in a factor code).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("<td>([^<]{18,})</td>", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex LongCells();

    private static string Link(string path) => $"<a href=\"{E(path)}\">{E(path)}</a>";

    private static void Item(StringBuilder html, string term, string value) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
