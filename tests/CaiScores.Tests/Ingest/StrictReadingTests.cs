using System.Text;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

/// <summary>
/// Inputs that a lenient reader would turn into a plausible but wrong value: bad text encoding, repeated keys, timestamps
/// without a zone, whitespace around a record, identity items without an id.
/// </summary>
public sealed class StrictReadingTests
{
    private static readonly CaiScoresOptions Skip = new() { InvalidRecords = InvalidRecordPolicy.Skip };

    private static byte[] Utf8WithInvalidByte(string json, string marker)
    {
        // Replaces the ASCII marker with a lone continuation byte (0x80), which no UTF-8 text may hold.
        var bytes = Encoding.UTF8.GetBytes(json);
        var at = json.IndexOf(marker, StringComparison.Ordinal);
        bytes[at] = 0x80;
        return bytes;
    }

    private static List<ScoreRecord> ReadBytes(byte[] bytes, CaiScoresOptions? options, out IngestDiagnostics diagnostics)
    {
        using var reader = new CaiJsonReader(new MemoryStream(bytes), "input.jsonl", options);
        var scores = reader.ReadScores().ToList();
        diagnostics = reader.Diagnostics;
        return scores;
    }

    [Theory]
    [InlineData("\"influentialFactors\":[{\"code\":\"A#\",\"importance\":\"high\"}]", "$._acme.CustomerAI.Inst.influentialFactors[0].code")]
    [InlineData("\"modelType\":\"#\"", "$._acme.CustomerAI.Inst.modelType")]
    public void Invalid_utf8_in_a_string_is_rejected_with_its_path_not_replaced(string body, string path)
    {
        var bytes = Utf8WithInvalidByte(Fixtures.Line(body + ",\"scoreDate\":\"2021-08-07\""), "#");
        var e = Assert.Throws<CaiIngestException>(() => ReadBytes(bytes, null, out _));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains("invalid UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_skipped_and_counted_under_skip_and_the_next_line_read()
    {
        var bad = Fixtures.Line("\"modelType\":\"#\",\"scoreDate\":\"2021-08-07\"");
        var good = Fixtures.Line("\"score\":3,\"scoreDate\":\"2021-08-07\"");
        var scores = ReadBytes(Utf8WithInvalidByte(bad + "\n" + good, "#"), Skip, out var d);
        Assert.Equal(3, Assert.Single(scores).Score);
        Assert.Equal(1, d.DocumentsRejected);
        Assert.Equal(1, Assert.Single(d.Rejections).Line);
    }

    [Theory]
    [InlineData("{\"_id\":\"\\ud800\",\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}}}", "$._id")]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e\\udc00\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}}}", "$.identityMap.ECID[0].id")]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"modelType\":\"x\\ud800y\"}}}}", "$._acme.CustomerAI.Inst.modelType")]
    public void Unpaired_surrogate_escapes_are_rejected_with_their_path(string json, string path)
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal(path, e.JsonPath);

        var (scores, d) = Fixtures.Scores(json, Skip);
        Assert.Empty(scores);
        Assert.Equal(1, d.DocumentsRejected);
    }

    [Theory]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":99}}}}", "$._acme", "_acme")]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}},\"CustomerAI\":{\"Inst\":{\"score\":99}}}}", "$._acme.CustomerAI", "CustomerAI")]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1},\"Inst\":{\"score\":99}}}}", "$._acme.CustomerAI.Inst", "Inst")]
    [InlineData("{\"identityMap\":{\"ECID\":null,\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}}}", "$.identityMap.ECID", "ECID")]
    [InlineData("{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}],\"ECID\":[{\"id\":\"e2\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}}}", "$.identityMap.ECID", "ECID")]
    public void Repeated_keys_that_would_make_conflicting_records_are_rejected(string json, string path, string name)
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains($"the property '{name}' appears twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_instance_under_two_tenants_is_two_records()
    {
        var json = "{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"_acme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}},\"_globex\":{\"CustomerAI\":{\"Inst\":{\"score\":2}}}}";
        Assert.Equal(["acme", "globex"], Fixtures.Records(json).Select(r => r.TenantId));
    }

    [Fact]
    public void An_escaped_tenant_name_is_still_a_tenant()
    {
        var json = "{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"\\u005facme\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}}}";
        var record = Assert.Single(Fixtures.Records(json));
        Assert.Equal(("acme", 1.0), (record.TenantId, record.Score));
    }

    [Fact]
    public void Tenant_filter_strips_one_underscore_only()
    {
        // The tenant "_x" is written as the property "__x"; asking for "__x" or "_x" means it, never "x".
        var json = "{\"identityMap\":{\"ECID\":[{\"id\":\"e1\"}]},\"__x\":{\"CustomerAI\":{\"Inst\":{\"score\":1}}},\"_x\":{\"CustomerAI\":{\"Inst\":{\"score\":2}}}}";
        Assert.Equal(1, Assert.Single(Fixtures.Records(json, new CaiScoresOptions { TenantId = "__x" })).Score);
        Assert.Equal(2, Assert.Single(Fixtures.Records(json, new CaiScoresOptions { TenantId = "x" })).Score);
        Assert.Equal(2, Assert.Single(Fixtures.Records(json, new CaiScoresOptions { TenantId = "_x" })).Score);
    }

    [Theory]
    [InlineData("2021-08-07T00:00:00Z", 0, 0)]
    [InlineData("2021-08-07T02:00:00+02:00", 2, 0)]
    [InlineData("2021-08-07T00:00:00", 0, 1)]
    [InlineData("2021-08-07", 0, 1)]
    public void Timestamps_without_an_offset_are_utc_and_counted(string text, int offsetHours, long counted)
    {
        var json = Fixtures.Line("\"score\":1", extra: $"\"timestamp\":\"{text}\",");
        using var reader = Fixtures.Reader(json + "\n" + json.Replace("\"r1\"", "\"r2\"", StringComparison.Ordinal));
        var records = reader.ReadRecords().ToList();
        Assert.All(records, r =>
        {
            Assert.Equal(TimeSpan.FromHours(offsetHours), r.Timestamp!.Value.Offset);
            Assert.Equal(new DateTimeOffset(2021, 8, 7, 0, 0, 0, TimeSpan.Zero), r.Timestamp.Value.ToUniversalTime());
        });
        Assert.Equal(2 * counted, reader.Diagnostics.TimestampsWithoutOffset); // the second comes from the parse cache
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Whitespace_around_a_json_lines_record_does_not_count_toward_the_limit(string newline)
    {
        const int limit = 1024;
        var core = Fixtures.Line("\"score\":5,\"scoreDate\":\"2021-08-07\"", extra: "\"pad\":\"\",");
        var exact = core.Replace("\"pad\":\"\"", "\"pad\":\"" + new string('p', limit - core.Length) + "\"", StringComparison.Ordinal);
        Assert.Equal(limit, Encoding.UTF8.GetByteCount(exact));
        var padded = "   \t" + exact + "  \t" + newline;
        var options = new CaiScoresOptions { MaxRecordBytes = limit };

        var (scores, _) = Fixtures.Scores(padded + padded.TrimEnd(), options);
        Assert.Equal(2, scores.Count);

        var over = exact.Replace("\"pad\":\"", "\"pad\":\"q", StringComparison.Ordinal);
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Scores(over + newline, options));
        Assert.Contains("longer than MaxRecordBytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_framing_buffer_stays_near_the_limit_and_shrinks_back_after_a_long_record()
    {
        const int limit = 1 << 20;
        using var framer = new JsonRecordFramer(JsonInputFormat.JsonLines, limit);
        var small = Encoding.UTF8.GetBytes("{\"a\":1}\n");
        var longLine = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', limit - 10) + "\"}\n");
        var hugeLine = Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 5 * limit) + "\"}\n");
        var bound = limit + JsonRecordFramer.WhitespaceSlack + (2 * 64 * 1024);
        var peak = 0;
        var statuses = new List<FrameStatus>();

        foreach (var chunk in new[] { small, longLine, small, hugeLine, small, small })
        {
            var offset = 0;
            while (offset < chunk.Length)
            {
                var buffer = framer.GetWriteBuffer().Span;
                peak = Math.Max(peak, framer.BufferLength);
                var n = Math.Min(buffer.Length, Math.Min(chunk.Length - offset, 64 * 1024));
                chunk.AsSpan(offset, n).CopyTo(buffer);
                framer.Advance(n);
                offset += n;
                FrameStatus status;
                while ((status = framer.TryRead(out _)) is FrameStatus.Record or FrameStatus.Invalid)
                {
                    statuses.Add(status);
                }
            }
        }

        _ = framer.GetWriteBuffer();
        Assert.Equal([FrameStatus.Record, FrameStatus.Record, FrameStatus.Record, FrameStatus.Invalid, FrameStatus.Record, FrameStatus.Record], statuses);
        Assert.InRange(peak, limit, bound);
        Assert.True(framer.BufferLength <= 256 * 1024, $"the buffer shrank back ({framer.BufferLength} bytes)");
    }

    [Fact]
    public void Identity_items_without_an_id_and_null_lists_in_a_map_built_in_code_are_ignored()
    {
        var map = new Dictionary<string, IReadOnlyList<IdentityItem>>
        {
            ["CRMID"] = null!,
            ["ECID"] = [new IdentityItem { Id = "" }, new IdentityItem { Id = "e1" }],
        };
        var record = new CaiScoreRecord { TenantId = "acme", InstanceKey = "Inst", IdentityMap = map, Score = 1, ScoreDate = "2021-08-07" };
        Assert.True(new ScoreNormalizer().TryNormalize(record, out var primary));
        Assert.Equal("e1", primary.PersonId);
        Assert.True(new ScoreNormalizer(new CaiScoresOptions { IdentityNamespace = "ECID" }).TryNormalize(record, out var named));
        Assert.Equal("e1", named.PersonId);
        Assert.False(new ScoreNormalizer(new CaiScoresOptions { IdentityNamespace = "CRMID" }).TryNormalize(record, out _));
    }
}
