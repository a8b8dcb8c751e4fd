using System.Globalization;
using System.Text;

namespace CaiScores.Columnar;

/// <summary>
/// RFC 4180 rows: comma-separated cells; a quoted cell may hold commas, quotes (doubled) and line breaks (read as
/// <c>\n</c>). Lines are counted from 1, so a problem names the line it is on.
/// </summary>
internal sealed class CsvRowReader(TextReader reader, string source)
{
    private long _line;

    /// <summary>Reads the next row.</summary>
    /// <param name="cells">The row's cells; a blank line is one empty cell.</param>
    /// <param name="line">The line the row starts on.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="Ingest.CaiIngestException">A quoted cell is not closed (at the row's first line), or a character
    /// other than a comma follows a closing quote (at that character's line).</exception>
    public bool TryReadRow(out List<string> cells, out long line)
    {
        cells = [];
        line = _line + 1;
        var text = reader.ReadLine();
        if (text is null)
        {
            return false;
        }

        _line++;
        var cell = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i == text.Length)
                    {
                        var next = reader.ReadLine() ?? throw PersonFile.Problem(source, line, null, "a quoted cell is not closed");
                        _line++;
                        cell.Append('\n');
                        text = next;
                        i = 0;
                        continue;
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    cell.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',')
                {
                    throw PersonFile.Problem(source, _line, null, string.Create(CultureInfo.InvariantCulture, $"unexpected '{text[i]}' after a quoted cell (column {cells.Count + 1})"));
                }
            }
            else
            {
                var end = text.IndexOf(',', i);
                cell.Append(text, i, (end < 0 ? text.Length : end) - i);
                i = end < 0 ? text.Length : end;
            }

            cells.Add(cell.ToString());
            cell.Clear();
            if (i >= text.Length)
            {
                return true;
            }

            i++; // the comma
        }
    }
}
