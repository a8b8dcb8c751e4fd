using System.Text.Json;
using CaiScores.Models;

namespace CaiScores.Serialization;

/// <summary>Writes <see cref="CaiScoreRecord"/>s as AEP-shaped JSON Lines (one XDM document per line).</summary>
public static class CaiJsonWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes records as JSON Lines, streaming.</summary>
    /// <param name="stream">The output; left open.</param>
    /// <param name="records">The records.</param>
    /// <returns>The number of records written.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static long WriteJsonLines(Stream stream, IEnumerable<CaiScoreRecord> records)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(records);
        var converter = new CaiScoreRecordJsonConverter();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { SkipValidation = false });
        long count = 0;
        foreach (var record in records)
        {
            converter.Write(writer, record, CaiJson.Options);
            writer.Flush();
            stream.Write(NewLine);
            writer.Reset(stream);
            count++;
        }

        return count;
    }

    /// <summary>Writes records as a JSON Lines file, replacing it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="records">The records.</param>
    /// <returns>The number of records written.</returns>
    public static long WriteJsonLines(string path, IEnumerable<CaiScoreRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        return WriteJsonLines(stream, records);
    }
}
