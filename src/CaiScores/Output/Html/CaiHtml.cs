using System.Globalization;
using System.Text;

namespace CaiScores.Output;

/// <summary>
/// A <see cref="ResultTable"/> as an HTML table fragment for people: formatted numbers, every string escaped, well-formed
/// XML (XHTML), so it can be embedded in a page, in a report, or parsed into an <c>XElement</c>.
/// </summary>
/// <remarks>
/// <para>Structure: <c>&lt;table class="cai-table" data-name="…"&gt;</c> with a <c>&lt;caption&gt;</c> (the title), a
/// <c>&lt;thead&gt;</c> of <c>&lt;th scope="col"&gt;</c> (the column names; a column's description as its <c>title</c>
/// tooltip) and a <c>&lt;tbody&gt;</c>. No style is inlined: cells of numbers carry <c>class="num"</c> (to right-align),
/// null cells are empty with <c>class="null"</c>.</para>
/// <para>Values, the same in every culture: whole numbers with thousands separators (<c>12,345</c>); shares as percentages
/// with one decimal (<c>12.3%</c>); other real numbers with up to four decimals (<c>1.2346</c>, <c>NaN</c>); dates
/// <c>yyyy-MM-dd</c>; timestamps ISO 8601 in UTC; flags <c>true</c>/<c>false</c>. Strings are escaped (<c>&lt;script&gt;</c>
/// shows as text) and characters XML cannot hold (C0 controls other than tab, CR, LF; lone surrogates) become U+FFFD.</para>
/// </remarks>
public static class CaiHtml
{
    /// <summary>The table as an HTML <c>&lt;table&gt;</c> element.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The fragment, one element, LF line ends, no trailing newline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string Table(ResultTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var html = new StringBuilder();
        html.Append("<table class=\"cai-table\" data-name=\"").Append(SvgWriter.Escape(table.Name)).Append("\">\n");
        html.Append("<caption>").Append(SvgWriter.Escape(table.Title)).Append("</caption>\n");
        html.Append("<thead>\n<tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\"");
            if (IsNumber(column))
            {
                html.Append(" class=\"num\"");
            }

            if (column.Description is { } description)
            {
                html.Append(" title=\"").Append(SvgWriter.Escape(description)).Append('"');
            }

            html.Append('>').Append(SvgWriter.Escape(column.Name)).Append("</th>");
        }

        html.Append("</tr>\n</thead>\n<tbody>\n");
        for (var row = 0; row < table.RowCount; row++)
        {
            html.Append("<tr>");
            foreach (var column in table.Columns)
            {
                if (Text(column, row) is not { } text)
                {
                    html.Append("<td class=\"null\"></td>");
                    continue;
                }

                html.Append(IsNumber(column) ? "<td class=\"num\">" : "<td>").Append(SvgWriter.Escape(text)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</tbody>\n</table>").ToString();
    }

    private static bool IsNumber(ResultColumn column) => column.Kind is ResultColumnKind.Int64 or ResultColumnKind.Double;

    private static string? Text(ResultColumn column, int row) => column.Kind switch
    {
        ResultColumnKind.Int64 => column.GetInt64(row)?.ToString("#,##0", CultureInfo.InvariantCulture),
        ResultColumnKind.Double when column.GetDouble(row) is not { } value => null,
        ResultColumnKind.Double when column.IsShare => Share(column.GetDouble(row)!.Value),
        ResultColumnKind.Double => Real(column.GetDouble(row)!.Value),
        _ => CellText.Raw(column, row),
    };

    private static string Share(double value) =>
        double.IsFinite(value) ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : Real(value);

    // Past 1e15 the grouped form would print every digit (a kept out-of-range 1e308 is 400 characters): round-trip E notation.
    private static string Real(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? value.ToString("#,##0.####", CultureInfo.InvariantCulture) : CellText.Double(value);
}
