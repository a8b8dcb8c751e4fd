using System.Text;
using CaiScores.Ingest;

namespace CaiScores.Columnar;

/// <summary>
/// What the text readers of person-keyed files (person attributes, outcome events) share at the file level: the format
/// chosen by extension, a CSV file opened lazily, and the located ingest problem.
/// </summary>
internal static class PersonFile
{
    /// <summary>Whether a path names a CSV file (<c>.csv</c>, any case); anything else is read as JSON Lines.</summary>
    public static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads a UTF-8 CSV file with <paramref name="read"/>; the file is opened when enumeration starts, and again for
    /// every enumeration. <paramref name="read"/> owns (and disposes) the reader it is given.
    /// </summary>
    public static IEnumerable<T> ReadCsv<T>(string path, Func<TextReader, string, IEnumerable<T>> read)
    {
        foreach (var record in read(new StreamReader(path, Encoding.UTF8), path))
        {
            yield return record;
        }
    }

    /// <summary>The exception for a problem at a place in a file (<c>source:line: where: message</c>).</summary>
    public static CaiIngestException Problem(string source, long? line, string? where, string message) =>
        new(new IngestProblem(source, line, where, message));
}
