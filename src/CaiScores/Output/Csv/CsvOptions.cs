namespace CaiScores.Output;

/// <summary>How <see cref="CaiCsv"/> writes a table.</summary>
public sealed record CsvOptions
{
    /// <summary>The defaults: exact RFC 4180 text, no formula escaping.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>
    /// Whether text cells that a spreadsheet would run as a formula are defused (CSV formula injection): a text value that
    /// starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is written with a leading apostrophe
    /// (<c>'=HYPERLINK(…)</c>) and quoted. Only text columns are touched; numbers, dates and flags are never prefixed.
    /// </summary>
    /// <value>
    /// Default false: the text is written exactly as the result has it, so a program reading the file gets the labels back
    /// unchanged (a flow's <c>+2 more</c> node stays <c>+2 more</c>). Set it when the file is meant to be opened in Excel,
    /// LibreOffice or Google Sheets and its labels come from data you do not control (factor codes, attribute values).
    /// </value>
    public bool EscapeFormulas { get; init; }

    /// <summary>Whether the first record is the header (the column names).</summary>
    /// <value>Default true.</value>
    public bool IncludeHeader { get; init; } = true;
}
