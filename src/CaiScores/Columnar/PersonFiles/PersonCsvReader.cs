namespace CaiScores.Columnar;

/// <summary>
/// A CSV file of person rows (RFC 4180, a header row, a person id column chosen by <see cref="PersonFileColumns"/>): finds
/// columns by header name, skips blank lines, and checks each row's cell count and person id, so a reader only maps checked
/// rows to its records.
/// </summary>
/// <remarks>Problems name the source, the line and, for a cell, <c>column 'Name'</c> with the name as the header writes it.</remarks>
internal sealed class PersonCsvReader(TextReader reader, string source, PersonFileColumns columns)
{
    private readonly CsvRowReader _rows = new(reader, source);
    private List<string> _header = [];

    /// <summary>The header's names, as written.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>The columns the reader was asked for (or detects).</summary>
    public PersonFileColumns Columns => columns;

    /// <summary>The index of the person id column (after <see cref="TryReadHeader"/>).</summary>
    public int PersonColumn { get; private set; } = -1;

    /// <summary>Reads the header row.</summary>
    /// <returns>False for an empty input.</returns>
    /// <exception cref="Ingest.CaiIngestException">The header has no person id column, or several candidates (reported at line 1).</exception>
    public bool TryReadHeader()
    {
        if (!_rows.TryReadRow(out _header, out _))
        {
            return false;
        }

        PersonColumn = columns.FindIdColumn(_header, source, 1);
        return true;
    }

    /// <summary>Where a cell of a column is, for a problem: <c>column 'Name'</c>.</summary>
    public string Where(int column) => $"column '{_header[column]}'";

    /// <summary>Reads the next row that is not blank.</summary>
    /// <param name="cells">As many cells as the header has names.</param>
    /// <param name="line">The line the row starts on.</param>
    /// <param name="personId">The row's person id, not empty.</param>
    /// <returns>False at the end of the input.</returns>
    /// <exception cref="Ingest.CaiIngestException">The row has another number of cells than the header, or no person id.</exception>
    public bool TryReadRow(out List<string> cells, out long line, out string personId)
    {
        while (_rows.TryReadRow(out cells, out line))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue; // a blank line
            }

            if (cells.Count != _header.Count)
            {
                throw PersonFile.Problem(source, line, null, $"the row has {cells.Count} cells, the header {_header.Count}");
            }

            personId = cells[PersonColumn];
            if (personId.Length == 0)
            {
                throw PersonFile.Problem(source, line, Where(PersonColumn), "the person id is empty");
            }

            return true;
        }

        personId = string.Empty;
        return false;
    }
}
