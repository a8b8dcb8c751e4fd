using System.Text;
using System.Xml.Linq;

namespace CaiScores.Output;

/// <summary>
/// What LINQPad shows when a result is dumped: its charts (inline SVG) above its tables (HTML), as one
/// <c>&lt;LINQPad.HTML&gt;</c> element — LINQPad's convention for raw HTML returned by a type's own <c>ToDump()</c>, so the
/// library needs no reference to LINQPad. Every result type has a private <c>ToDump()</c> that calls <see cref="Of"/>.
/// </summary>
/// <remarks>
/// A table longer than <see cref="MaxRows"/> rows shows its first rows and says how many it has (a dump is for looking; the
/// whole table is in <see cref="ResultTables"/>, CSV or Arrow). A transition series draws its latest
/// <see cref="MaxMatrices"/> matrices.
/// </remarks>
internal static class ResultDump
{
    /// <summary>The most rows of one table shown in a dump.</summary>
    public const int MaxRows = 500;

    /// <summary>The most transition matrices of a series drawn in a dump.</summary>
    public const int MaxMatrices = 6;

    private const string Style = """
        .cai-dump { font-family: system-ui, sans-serif; }
        .cai-dump .cai-chart { margin: 0 0 12px 0; }
        .cai-dump table.cai-table { border-collapse: collapse; margin: 0 0 12px 0; }
        .cai-dump table.cai-table caption { text-align: left; font-weight: 600; padding: 4px 0; }
        .cai-dump table.cai-table th, .cai-dump table.cai-table td { border: 1px solid #ddd; padding: 2px 6px; }
        .cai-dump table.cai-table .num { text-align: right; font-variant-numeric: tabular-nums; }
        .cai-dump .cai-more { color: #666; font-style: italic; margin: 0 0 12px 0; }
        """;

    /// <summary>The dump of <paramref name="result"/>: <c>&lt;LINQPad.HTML&gt;&lt;div class="cai-dump"&gt;…&lt;/div&gt;&lt;/LINQPad.HTML&gt;</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="result"/> is not an analysis result.</exception>
    public static XElement Of(object result) => new("LINQPad.HTML", XElement.Parse(Html(result)));

    /// <summary>The dump's HTML: a <c>&lt;div&gt;</c> holding a style sheet, the charts and the tables.</summary>
    public static string Html(object result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var view = ResultViews.Of(result);
        var tables = view.TablesOf(result);
        var html = new StringBuilder("<div class=\"cai-dump\">\n<style>").Append(Style).Append("</style>\n");
        foreach (var svg in view.ChartsOf(result))
        {
            html.Append("<div class=\"cai-chart\">").Append(svg).Append("</div>\n");
        }

        foreach (var table in tables)
        {
            html.Append(CaiHtml.Table(table.Head(MaxRows))).Append('\n');
            if (table.RowCount > MaxRows)
            {
                html.Append("<p class=\"cai-more\">The first ").Append(MaxRows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
                    .Append(" of ").Append(table.RowCount.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)).Append(" rows.</p>\n");
            }
        }

        return html.Append("</div>").ToString();
    }

    /// <summary>The charts drawn for a result, in reading order (none for a result without a chart of its own), as its view in <see cref="ResultViews"/> lists them.</summary>
    public static IEnumerable<string> Charts(object result) => ResultViews.Find(result)?.ChartsOf(result) ?? [];
}
