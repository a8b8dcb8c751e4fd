using System.Globalization;
using System.Text;

namespace CaiScores.Output;

/// <summary>
/// Writes a <see cref="ResultTable"/> as CSV (RFC 4180), the same text whatever the current culture.
/// </summary>
/// <remarks>
/// <para>A header record with the column names, then one record per row; records end with CRLF (the last one too). A field
/// is quoted when it contains a comma, a double quote, a CR or an LF, or starts or ends with a space or a tab; a double quote
/// inside is doubled. Nothing else is quoted.</para>
/// <para>Values: invariant culture; doubles in their shortest round-trip form (<c>0.1</c>, <c>1E-05</c>, <c>NaN</c>,
/// <c>Infinity</c>); dates <c>yyyy-MM-dd</c>; flags <c>true</c>/<c>false</c>; timestamps ISO 8601 in UTC
/// (<c>2026-01-11T00:00:00Z</c>). A null cell is an empty field; an empty text is written as <c>""</c>, so the two stay
/// distinguishable.</para>
/// <para>Formula injection: by default text is written as it is; see <see cref="CsvOptions.EscapeFormulas"/> for files
/// meant for a spreadsheet.</para>
/// </remarks>
public static class CaiCsv
{
    /// <summary>Writes a table as CSV.</summary>
    /// <param name="table">The table.</param>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="options">How to write; null for <see cref="CsvOptions.Default"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="writer"/> is null.</exception>
    public static void Write(ResultTable table, TextWriter writer, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(writer);
        options ??= CsvOptions.Default;
        var columns = table.Columns;
        if (options.IncludeHeader)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                WriteField(writer, columns[c].Name, quoteEmpty: true, escapeFormula: false);
            }

            writer.Write("\r\n");
        }

        for (var row = 0; row < table.RowCount; row++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    writer.Write(',');
                }

                var column = columns[c];
                if (CellText.Raw(column, row) is { } text)
                {
                    WriteField(writer, text, quoteEmpty: column.Kind == ResultColumnKind.String, escapeFormula: options.EscapeFormulas && column.Kind == ResultColumnKind.String);
                }
            }

            writer.Write("\r\n");
        }
    }

    /// <summary>A table as CSV text.</summary>
    /// <param name="table">The table.</param>
    /// <param name="options">How to write; null for <see cref="CsvOptions.Default"/>.</param>
    /// <returns>The CSV text, records ending with CRLF.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string ToCsv(ResultTable table, CsvOptions? options = null)
    {
        using var writer = new StringWriter(new StringBuilder(), CultureInfo.InvariantCulture);
        Write(table, writer, options);
        return writer.ToString();
    }

    private static void WriteField(TextWriter writer, string text, bool quoteEmpty, bool escapeFormula)
    {
        var defuse = escapeFormula && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = defuse || (quoteEmpty && text.Length == 0) || NeedsQuotes(text);
        if (!quote)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        if (defuse)
        {
            writer.Write('\'');
        }

        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    private static bool NeedsQuotes(string text) =>
        text.Length > 0 && (text.AsSpan().IndexOfAny(",\"\r\n") >= 0 || text[0] is ' ' or '\t' || text[^1] is ' ' or '\t');
}
