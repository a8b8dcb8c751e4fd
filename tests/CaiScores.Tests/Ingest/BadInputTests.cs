using System.Text;
using CaiScores.Ingest;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

/// <summary>
/// Every bad input of the foundation issue: each gets a documented, counted normalisation or an exception naming the
/// source, line and JSON path — never a silently wrong value.
/// </summary>
public sealed class BadInputTests
{
    private static readonly CaiScoresOptions Skip = new() { InvalidRecords = InvalidRecordPolicy.Skip };

    [Fact]
    public void Truncated_json_line_throws_with_source_and_line()
    {
        var json = Fixtures.Line("\"score\":50,\"scoreDate\":\"2021-08-07\"") + "\n" + """{"_id":"r2","identityMap":{"ECID":[{"id":"e2""";
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal("input.jsonl", e.Source);
        Assert.Equal(2, e.Line);
        Assert.StartsWith("input.jsonl:2: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_json_line_is_skipped_and_counted_under_skip()
    {
        var json = Fixtures.Line("\"score\":50,\"scoreDate\":\"2021-08-07\"") + "\n" + """{"_id":"r2","identityMap":{"ECID":[{"id":"e2""";
        var (scores, d) = Fixtures.Scores(json, Skip);
        Assert.Single(scores);
        Assert.Equal(1, d.DocumentsRejected);
        Assert.Equal(2, Assert.Single(d.Rejections).Line);
    }

    [Fact]
    public void Truncated_json_array_throws_naming_the_record_line()
    {
        var json = "[\n" + Fixtures.Line("\"score\":50") + ",\n" + """{"_id":"r2","identityMap":""";
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal(3, e.Line);
        Assert.Contains("unexpected end of input", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_without_closing_bracket_throws()
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records("[" + Fixtures.Line("\"score\":50")));
        Assert.Contains("no closing ']'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_given_as_a_string_throws_with_the_json_path()
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(Fixtures.Line("\"score\":\"81.4\"")));
        Assert.Equal("$._acme.CustomerAI.Inst.score", e.JsonPath);
        Assert.Equal(1, e.Line);
        Assert.Equal("input.jsonl:1: $._acme.CustomerAI.Inst.score: expected a number, found the string \"81.4\"", e.Message);
    }

    [Theory]
    [InlineData("\"probability\":true", "$._acme.CustomerAI.Inst.probability", "expected a number, found true")]
    [InlineData("\"percentileScore\":96.5", "$._acme.CustomerAI.Inst.percentileScore", "expected an integer, found the number 96.5")]
    [InlineData("\"scoreDate\":20210807", "$._acme.CustomerAI.Inst.scoreDate", "expected a string, found the number 20210807")]
    [InlineData("\"influentialFactors\":{\"code\":\"A\"}", "$._acme.CustomerAI.Inst.influentialFactors", "expected an array of influential factors, found an object")]
    [InlineData("\"influentialFactors\":[{\"code\":\"A\"},{\"code\":7}]", "$._acme.CustomerAI.Inst.influentialFactors[1].code", "expected a string, found the number 7")]
    [InlineData("\"influentialFactors\":[{\"importance\":3}]", "$._acme.CustomerAI.Inst.influentialFactors[0].importance", "expected \"low\", \"medium\" or \"high\", found the number 3")]
    [InlineData("\"score\":1,\"score\":2", "$._acme.CustomerAI.Inst.score", "the property 'score' appears twice")]
    public void Wrong_types_name_the_path(string body, string path, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(Fixtures.Line(body)));
        Assert.Equal(path, e.JsonPath);
        Assert.Equal(message, e.Problem);
    }

    [Fact]
    public void Percentile_written_as_a_whole_double_is_read_as_an_integer()
    {
        Assert.Equal(96, Assert.Single(Fixtures.Records(Fixtures.Line("\"percentileScore\":96.0"))).PercentileScore);
    }

    [Fact]
    public void Missing_identity_map_drops_the_record_and_counts_it()
    {
        var json = """{"_acme":{"CustomerAI":{"Inst":{"score":50,"scoreDate":"2021-08-07"}}}}""";
        var (scores, d) = Fixtures.Scores(json);
        Assert.Empty(scores);
        Assert.Equal(1, d.RecordsRead);
        Assert.Equal(1, d.DroppedNoIdentity);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("""{"ECID":[]}""")]
    [InlineData("""{"ECID":[{"id":""}]}""")]
    [InlineData("""{"ECID":[{"id":null,"primary":true}]}""")]
    public void Empty_identity_map_drops_the_record_and_counts_it(string identity)
    {
        var (scores, d) = Fixtures.Scores(Fixtures.Line("\"score\":50,\"scoreDate\":\"2021-08-07\"", identity));
        Assert.Empty(scores);
        Assert.Equal(1, d.DroppedNoIdentity);
    }

    [Fact]
    public void Identity_items_without_id_are_ignored_and_counted()
    {
        var (scores, d) = Fixtures.Scores(Fixtures.Line("\"score\":50,\"scoreDate\":\"2021-08-07\"", """{"ECID":[{"id":null},{"id":"e9","primary":true}]}"""));
        Assert.Equal("e9", Assert.Single(scores).PersonId);
        Assert.Equal(1, d.IdentityItemsWithoutId);
    }

    [Theory]
    [InlineData("\"NaN\"", null, 1L)]
    [InlineData("\"Infinity\"", double.PositiveInfinity, 0L)]
    [InlineData("\"-Infinity\"", double.NegativeInfinity, 0L)]
    public void NaN_and_infinity_are_counted_as_out_of_range(string literal, double? expected, long nanToNull)
    {
        var (scores, d) = Fixtures.Scores(Fixtures.Line($"\"score\":{literal},\"scoreDate\":\"2021-08-07\""));
        Assert.Equal(expected, Assert.Single(scores).Score);
        Assert.Equal(1, d.OutOfRange.Score);
        Assert.Equal(nanToNull, d.NullFromNaN);
    }

    [Fact]
    public void Bare_NaN_token_is_malformed_json()
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(Fixtures.Line("\"score\":NaN")));
        Assert.Contains("malformed JSON", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Unknown_importance_becomes_unspecified_and_is_counted()
    {
        var (scores, d) = Fixtures.Scores(Fixtures.Line("\"scoreDate\":\"2021-08-07\",\"influentialFactors\":[{\"code\":\"A\",\"importance\":\"critical\"},{\"code\":\"B\",\"importance\":\"HIGH\"},{\"code\":\"C\"}]"));
        Assert.Equal(
            [CaiScores.Models.Importance.Unspecified, CaiScores.Models.Importance.High, CaiScores.Models.Importance.Unspecified],
            scores.Single().Factors.Select(f => f.Importance));
        Assert.Equal(1, d.UnknownImportance);
    }

    [Theory]
    [InlineData("low", CaiScores.Models.Importance.Low)]
    [InlineData("Medium", CaiScores.Models.Importance.Medium)]
    [InlineData("MEDIUM", CaiScores.Models.Importance.Medium)]
    [InlineData("High", CaiScores.Models.Importance.High)]
    [InlineData("hig", CaiScores.Models.Importance.Unspecified)]
    [InlineData("highs", CaiScores.Models.Importance.Unspecified)]
    [InlineData("medium ", CaiScores.Models.Importance.Unspecified)]
    [InlineData("l\\u006Fw", CaiScores.Models.Importance.Low)]
    public void Importance_is_read_case_insensitively(string text, CaiScores.Models.Importance expected)
    {
        var records = Fixtures.Records(Fixtures.Line("\"influentialFactors\":[{\"code\":\"A\",\"importance\":\"" + text + "\"}]"));
        Assert.Equal(expected, records.Single().InfluentialFactors[0].Importance);
    }

    [Fact]
    public void Unparseable_score_date_throws_with_source_line_and_path()
    {
        var json = Fixtures.Line("\"score\":5,\"scoreDate\":\"2021-08-07\"") + "\n" + Fixtures.Line("\"score\":5,\"scoreDate\":\"07/08/2021\"");
        using var reader = Fixtures.Reader(json);
        var e = Assert.Throws<CaiIngestException>(() => reader.ReadScores().ToList());
        Assert.Equal(2, e.Line);
        Assert.Equal("$._acme.CustomerAI.Inst.scoreDate", e.JsonPath);
        Assert.Contains("'07/08/2021' is not a date", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unparseable_score_date_is_skipped_and_counted_under_skip()
    {
        var (scores, d) = Fixtures.Scores(Fixtures.Line("\"score\":5,\"scoreDate\":\"2021-02-30\""), Skip);
        Assert.Empty(scores);
        Assert.Equal(1, d.RecordsRejected);
    }

    [Fact]
    public void Empty_file_yields_nothing()
    {
        foreach (var json in new[] { string.Empty, "\n\n  \n", "[]", " [ ] " })
        {
            var (scores, d) = Fixtures.Scores(json);
            Assert.Empty(scores);
            Assert.Equal(0, d.DocumentsRead);
        }
    }

    [Fact]
    public void Single_line_over_the_limit_throws_without_buffering_it_whole()
    {
        // 100 MB on one line, streamed: the reader must not hold it (limit 16 MiB by default) nor crash.
        var options = new CaiScoresOptions { MaxRecordBytes = 1 << 20 };
        using var stream = new RepeatingLineStream(100_000_000);
        using var reader = new CaiJsonReader(stream, "huge.jsonl", options);
        var e = Assert.Throws<CaiIngestException>(() => reader.ReadRecords().ToList());
        Assert.Equal(1, e.Line);
        Assert.Contains("longer than MaxRecordBytes", e.Message, StringComparison.Ordinal);
        Assert.True(stream.Position < 4 << 20, "the reader stopped soon after the limit");
    }

    [Fact]
    public void Single_line_over_the_limit_is_skipped_and_the_next_line_read_under_skip()
    {
        var options = new CaiScoresOptions { MaxRecordBytes = 1 << 20, InvalidRecords = InvalidRecordPolicy.Skip };
        using var stream = new RepeatingLineStream(100_000_000, Encoding.UTF8.GetBytes("\n" + Fixtures.Line("\"score\":7,\"scoreDate\":\"2021-08-07\"") + "\n"));
        using var reader = new CaiJsonReader(stream, "huge.jsonl", options);
        var scores = reader.ReadScores().ToList();
        Assert.Equal(7, Assert.Single(scores).Score);
        Assert.Equal(1, reader.Diagnostics.DocumentsRejected);
    }

    [Fact]
    public void Oversized_array_element_is_skipped_and_the_next_one_read_under_skip()
    {
        var options = new CaiScoresOptions { MaxRecordBytes = 1024, InvalidRecords = InvalidRecordPolicy.Skip };
        var big = "{\"junk\":\"" + new string('x', 5000) + "\"}";
        var json = "[" + big + ",\n" + Fixtures.Line("\"score\":7,\"scoreDate\":\"2021-08-07\"") + "]";
        var (scores, d) = Fixtures.Scores(json, options);
        Assert.Single(scores);
        Assert.Equal(1, d.DocumentsRejected);
    }

    [Fact]
    public void Deeply_nested_junk_is_rejected_with_its_line()
    {
        var junk = new string('[', 5000) + new string(']', 5000);
        var json = Fixtures.Line("\"score\":1,\"scoreDate\":\"2021-08-07\"") + "\n" + Fixtures.Line("\"score\":1,\"scoreDate\":\"2021-08-07\"", extra: "\"junk\":" + junk + ",");
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal(2, e.Line);
        Assert.Contains("depth", e.Message, StringComparison.OrdinalIgnoreCase);

        var (scores, d) = Fixtures.Scores(json, Skip);
        Assert.Single(scores);
        Assert.Equal(1, d.DocumentsRejected);
    }

    [Fact]
    public void Nested_junk_within_the_depth_limit_in_unknown_fields_is_ignored()
    {
        var junk = new string('[', 40) + "1" + new string(']', 40);
        var (scores, _) = Fixtures.Scores(Fixtures.Line("\"score\":1,\"scoreDate\":\"2021-08-07\",\"extra\":" + junk, extra: "\"other\":{\"a\":" + junk + "},"));
        Assert.Single(scores);
    }

    [Theory]
    [InlineData("[1,2]", "a record must be a JSON object, found an array")]
    [InlineData("\"text\"", "a record must be a JSON object, found the string \"text\"")]
    [InlineData("{\"a\":1} {\"b\":2}", "malformed JSON")]
    public void Non_object_lines_are_rejected(string line, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(line, new CaiScoresOptions { JsonFormat = JsonInputFormat.JsonLines }));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_elements_that_are_not_objects_are_rejected()
    {
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records("[ 42 ]"));
        Assert.Contains("expected a record object", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rejected_record_leaves_no_partial_counts()
    {
        var line = Fixtures.Line("\"influentialFactors\":[{\"code\":\"A\",\"importance\":\"critical\"}],\"score\":\"x\"", """{"ECID":[{"id":null}]}""");
        var (_, d) = Fixtures.Scores(line, Skip);
        Assert.Equal(1, d.DocumentsRejected);
        Assert.Equal((0L, 0L, 0L, 0L), (d.DocumentsRead, d.UnknownImportance, d.IdentityItemsWithoutId, d.RecordsRead));
    }

    [Fact]
    public void Rejection_samples_are_capped_but_every_rejection_is_counted()
    {
        var options = new CaiScoresOptions { InvalidRecords = InvalidRecordPolicy.Skip, MaxRejectionSamples = 2 };
        var json = string.Join("\n", Enumerable.Repeat(Fixtures.Line("\"score\":\"x\""), 5));
        var (_, d) = Fixtures.Scores(json, options);
        Assert.Equal(5, d.DocumentsRejected);
        Assert.Equal(2, d.Rejections.Count);
    }

    /// <summary>A stream of one line of <c>length</c> bytes (an unterminated JSON string), then an optional tail.</summary>
    private sealed class RepeatingLineStream(long length, byte[]? tail = null) : ForwardOnlyStream
    {
        private readonly byte[] _tail = tail ?? [];
        private long _position;

        public override long Length => length + _tail.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            if (_position >= Length)
            {
                return 0;
            }

            var n = (int)Math.Min(buffer.Length, Length - _position);
            for (var i = 0; i < n; i++)
            {
                var p = _position + i;
                buffer[i] = p == 0 ? (byte)'{' : p < length ? (byte)'a' : _tail[p - length];
            }

            _position += n;
            return n;
        }
    }
}
