using System.Globalization;
using System.Text;

namespace CaiScores.Ingest;

/// <summary>
/// Input that cannot be read faithfully: malformed JSON, a value of the wrong type, an unparseable date, a record over
/// <see cref="CaiScoresOptions.MaxRecordBytes"/>, a Parquet column missing. The message names the source, the line (for
/// Parquet, the row number) and the JSON path (or column path).
/// </summary>
public sealed class CaiIngestException : Exception
{
    /// <summary>Creates an exception with a message only.</summary>
    public CaiIngestException()
        : this("The Customer AI input could not be read.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public CaiIngestException(string message)
        : base(message)
    {
        Problem = message;
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CaiIngestException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    /// <summary>Creates an exception for a located problem; the message is <c>source:line: path: problem</c>.</summary>
    /// <param name="problem">Where and what.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CaiIngestException(IngestProblem problem, Exception? innerException = null)
        : base((problem ?? throw new ArgumentNullException(nameof(problem))).ToString(), innerException)
    {
        Source = problem.Source;
        Line = problem.Line;
        JsonPath = problem.JsonPath;
        Problem = problem.Message;
    }

    /// <summary>The file path or stream name, when known.</summary>
    public new string? Source { get; }

    /// <summary>The 1-based line of the record (of the offending token where known), when known.</summary>
    public long? Line { get; }

    /// <summary>The JSON path of the offending value, e.g. <c>$._acme.CustomerAI.Purchase.score</c>, or the column path, when known.</summary>
    public string? JsonPath { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}

/// <summary>One rejected record: where it was and what was wrong.</summary>
/// <param name="Source">The file path or stream name.</param>
/// <param name="Line">The 1-based line, when known.</param>
/// <param name="JsonPath">Where in the record: the JSON path of the offending value, or the column (CSV, Parquet), when known.</param>
/// <param name="Message">What is wrong.</param>
public sealed record IngestProblem(string? Source, long? Line, string? JsonPath, string Message)
{
    /// <summary>Formats the problem as <c>source:line: path: message</c>.</summary>
    /// <returns>The one-line description.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Source ?? "<input>");
        if (Line is { } line)
        {
            sb.Append(':').Append(line.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(": ");
        if (JsonPath is not null)
        {
            sb.Append(JsonPath).Append(": ");
        }

        return sb.Append(Message).ToString();
    }
}
