using System.Globalization;
using System.Text;
using CaiScores.Analysis;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Segments;

namespace CaiScores.Audiences;

/// <summary>
/// Exports the persons of any <see cref="Segment"/> — a top-p % selection, a transition cell, a Venn region, a budget pick
/// or a condition — as CSV files ready for an Adobe Experience Platform audience upload (Audience Portal, "Import audience"):
/// a header row naming the identity namespace, then one id a row.
/// </summary>
/// <remarks>
/// <para>An AEP upload maps the file's identity column to one namespace, so a file holds the persons of one namespace: the
/// namespace each person's id was taken from (<see cref="ScoreTable.GetIdentityNamespace"/>). An audience drawn from one
/// namespace (AEP asks one namespace of all of a Customer AI instance's input) goes to one file with
/// <see cref="WriteCsv(ScoreTable, Segment, string, AudienceOptions?)"/>; one drawn from several goes to one file a
/// namespace with <see cref="WriteCsvFiles"/>, or to one file with <see cref="AudienceOptions.IdentityNamespace"/> naming
/// which.</para>
/// <para>Rows are in person-index order; ids are written as they are (ECIDs keep their leading zeros), quoted only when
/// they hold a comma, a quote, a line break or edge spaces (RFC 4180); UTF-8 without a byte order mark, CRLF line ends.
/// The extra columns (<see cref="AudienceOptions.Columns"/>) are the person's values in <see cref="AudienceOptions.Run"/>,
/// empty when they were not scored there or have no value.</para>
/// </remarks>
public static class AudienceExport
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The audience of a segment, without writing it: its size, namespaces and buckets.</summary>
    /// <param name="table">The table.</param>
    /// <param name="segment">The persons (evaluated over all the table's runs).</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new AudienceOptions()</c>.</param>
    /// <returns>The audience, with no files.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a run or bucket the table does not have.</exception>
    public static Audience Describe(ScoreTable table, Segment segment, AudienceOptions? options = null)
    {
        var plan = AudiencePlan.Of(table, segment, options);
        return plan.Result([], written: null);
    }

    /// <summary>Writes a segment's persons to one CSV file: the one-line export.</summary>
    /// <param name="table">The table.</param>
    /// <param name="segment">The persons.</param>
    /// <param name="path">The file to write (replaced if it exists).</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new AudienceOptions()</c>.</param>
    /// <returns>The audience, with the file written.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a run or bucket the table does not have.</exception>
    /// <exception cref="InvalidOperationException">The persons come from several namespaces, or from none the table knows,
    /// and <see cref="AudienceOptions.IdentityNamespace"/> does not say which to write (the message gives the counts).</exception>
    public static Audience WriteCsv(ScoreTable table, Segment segment, string path, AudienceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var plan = AudiencePlan.Of(table, segment, options);
        var name = plan.SingleNamespace();
        using var writer = new StreamWriter(path, append: false, Utf8);
        var rows = plan.Write(writer, name);
        return plan.Result([new AudienceFile(path, name, rows)], Written(name, rows));
    }

    /// <summary>Writes a segment's persons as CSV to a writer (one namespace, as <see cref="WriteCsv(ScoreTable, Segment, string, AudienceOptions?)"/>).</summary>
    /// <param name="table">The table.</param>
    /// <param name="segment">The persons.</param>
    /// <param name="writer">Where the CSV goes; not closed.</param>
    /// <param name="options">The settings; default <see langword="null"/> means <c>new AudienceOptions()</c>.</param>
    /// <returns>The audience; its one file's path is <c>"(writer)"</c>.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a run or bucket the table does not have.</exception>
    /// <exception cref="InvalidOperationException">As <see cref="WriteCsv(ScoreTable, Segment, string, AudienceOptions?)"/>.</exception>
    public static Audience WriteCsv(ScoreTable table, Segment segment, TextWriter writer, AudienceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var plan = AudiencePlan.Of(table, segment, options);
        var name = plan.SingleNamespace();
        var rows = plan.Write(writer, name);
        return plan.Result([new AudienceFile("(writer)", name, rows)], Written(name, rows));
    }

    /// <summary>
    /// Writes a segment's persons to one CSV file per identity namespace, <c>&lt;name&gt;.&lt;namespace&gt;.csv</c> in
    /// <paramref name="directory"/> (created if missing), the name being <see cref="AudienceOptions.Name"/> (or
    /// <c>audience</c>) made file-name safe.
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="segment">The persons.</param>
    /// <param name="directory">The folder.</param>
    /// <param name="options">The settings; with <see cref="AudienceOptions.IdentityNamespace"/> only that namespace's file is written.</param>
    /// <returns>The audience, with its files in namespace order.</returns>
    /// <exception cref="ArgumentException">Invalid options, or a run or bucket the table does not have.</exception>
    /// <exception cref="InvalidOperationException">Persons of unknown namespace and no <see cref="AudienceOptions.IdentityNamespace"/>
    /// to take them as.</exception>
    public static Audience WriteCsvFiles(ScoreTable table, Segment segment, string directory, AudienceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var plan = AudiencePlan.Of(table, segment, options);
        var names = plan.FileNamespaces();
        Directory.CreateDirectory(directory);
        var files = new List<AudienceFile>();
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var path = Path.Combine(directory, $"{SafeName(options?.Name ?? "audience")}.{SafeName(name)}.csv");
            using var writer = new StreamWriter(path, append: false, Utf8);
            var rows = plan.Write(writer, name);
            files.Add(new AudienceFile(path, name, rows));
            written[name] = rows;
        }

        return plan.Result(files, written);
    }

    private static Dictionary<string, long> Written(string name, long rows) => new(StringComparer.Ordinal) { [name] = rows };

    private static string SafeName(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        return safe.ToString().Trim('-', '.') is { Length: > 0 } s ? s : "audience";
    }
}
