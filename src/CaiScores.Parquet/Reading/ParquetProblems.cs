using System.Text;
using System.Text.RegularExpressions;
using CaiScores.Ingest;

namespace CaiScores.Parquet.Reading;

/// <summary>
/// The error for a file the native Parquet reader refused, in the reader's terms rather than the C++ library's: the file
/// and what is wrong with it, judged from its bytes (empty; not Parquet, the magic bytes <c>PAR1</c> missing at the start;
/// truncated, missing at the end; else corrupt), with the native message, cleaned of C++ type names such as
/// <c>N7parquet22ParquetStatusExceptionE</c>, in parentheses. The native exception stays the inner exception.
/// </summary>
internal static partial class ParquetProblems
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly char[] Trimmed = [' ', ':', '(', ')', '.', ','];

    /// <summary>The exception for <paramref name="path"/> that the native reader failed on with <paramref name="native"/>.</summary>
    public static CaiIngestException NotReadable(string path, Exception native) =>
        new(new IngestProblem(path, null, null, Describe(path, native)), native);

    /// <summary>What is wrong with the file, in one phrase (without the path).</summary>
    public static string Describe(string path, Exception native)
    {
        var detail = Clean(native.Message);
        var suffix = detail.Length == 0 ? string.Empty : $" ({detail})";
        long length;
        byte[] head = new byte[4], tail = new byte[4];
        try
        {
            using var file = File.OpenRead(path);
            length = file.Length;
            file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            if (length >= 8)
            {
                file.Seek(-4, SeekOrigin.End);
                file.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot be read: " + e.Message;
        }

        return length == 0 ? "not a Parquet file (it is empty)"
            : !head.AsSpan().SequenceEqual(Magic) ? "not a Parquet file (bad magic bytes: it does not start with PAR1)"
            : length < 12 || !tail.AsSpan().SequenceEqual(Magic) ? "a truncated Parquet file (it does not end with PAR1: the footer is missing)"
            : "a corrupt Parquet file" + suffix;
    }

    /// <summary>A native message without C++ mangled type names and with its whitespace on one line.</summary>
    public static string Clean(string message)
    {
        var text = MangledName().Replace(message, string.Empty);
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var blank = char.IsWhiteSpace(c) || char.IsControl(c);
            if (!blank || (sb.Length > 0 && sb[^1] != ' '))
            {
                sb.Append(blank ? ' ' : c);
            }
        }

        var clean = sb.ToString().Trim(Trimmed);
        return QuotedMessage().Match(clean) is { Success: true } quoted ? quoted.Groups["m"].Value.Trim(Trimmed) : clean;
    }

    // ParquetSharp wraps the C++ reason as "<type> (message: '<reason>')".
    [GeneratedRegex("^message: '(?<m>.*)'$", RegexOptions.Singleline)]
    private static partial Regex QuotedMessage();

    // Itanium-mangled names as ParquetSharp shows them: N7parquet22ParquetStatusExceptionE, St13runtime_error, …
    [GeneratedRegex(@"\b(?:N(?:\d+[A-Za-z_]\w*?)+E|St\d+[A-Za-z_]\w*)\b:?")]
    private static partial Regex MangledName();
}
