using CaiScores.Ingest;
using CaiScores.Outcomes;
using static CaiScores.Tests.Outcomes.OutcomeData;

namespace CaiScores.Tests.Outcomes;

public sealed class OutcomeReaderTests
{
    [Fact]
    public void Json_lines_give_one_outcome_per_line_and_ignore_other_properties()
    {
        string[] lines =
        [
            """{"personId":"a","timestamp":"2026-01-05T10:30:00Z","value":12.5,"channel":"web"}""",
            "",
            """{"timestamp":"2026-01-06","personId":"b"}""",
            """{"personId":"c","timestamp":"2026-01-06T10:00:00+02:00","value":null}""",
            """{"personId":"d","timestamp":"2026-01-06T10:00:00"}""",
        ];
        var records = OutcomeReader.ReadJsonLines(lines, "o.jsonl").ToList();
        Assert.Equal(
        [
            Outcome("a", At(Day0.AddDays(1), 10.5), 12.5),
            Outcome("b", At(Day0.AddDays(2))),
            Outcome("c", At(Day0.AddDays(2), 8)),
            Outcome("d", At(Day0.AddDays(2), 10)),
        ], records);
    }

    [Theory]
    [InlineData("{\"personId\":\"a\",\"timestamp\":\"2026-01-05\"", null, "malformed JSON")]
    [InlineData("""[1]""", "$", "must be a JSON object")]
    [InlineData("""{"timestamp":"2026-01-05"}""", null, "cannot tell which column is the person id (found: timestamp); name it with PersonFileColumns.IdColumn")]
    [InlineData("""{"personId":"","timestamp":"2026-01-05"}""", "$.personId", "non-empty string")]
    [InlineData("""{"personId":true,"timestamp":"2026-01-05"}""", "$.personId", "non-empty string or a number")]
    [InlineData("""{"personId":"a"}""", null, "cannot tell which column is the timestamp (found: personId)")]
    [InlineData("""{"personId":"a","timestamp":"yesterday"}""", "$.timestamp", "'yesterday' is not a timestamp")]
    [InlineData("""{"personId":"a","timestamp":"2026-13-05"}""", "$.timestamp", "not a timestamp")]
    [InlineData("""{"personId":"a","timestamp":1767225600}""", "$.timestamp", "found number")]
    [InlineData("""{"personId":"a","timestamp":"2026-01-05","value":"12"}""", "$.value", "a number or null, found string")]
    public void Bad_json_lines_name_the_file_line_and_property(string line, string? path, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => OutcomeReader.ReadJsonLines(["", line], "o.jsonl").ToList());
        Assert.Equal(("o.jsonl", 2L, path), (e.Source, e.Line, e.JsonPath));
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_reads_rfc_4180_with_optional_value_and_extra_columns()
    {
        const string csv = "Channel,PersonID,Timestamp,Value\r\nweb,a,2026-01-05T10:30:00Z,12.5\r\n\"multi\nline, \"\"quoted\"\"\",\"b,1\",2026-01-06,\r\n\r\napp,c,2026-01-06T10:00:00+02:00,1e3\r\n";
        var records = OutcomeReader.ReadCsv(new StringReader(csv), "o.csv").ToList();
        Assert.Equal(
        [
            Outcome("a", At(Day0.AddDays(1), 10.5), 12.5),
            Outcome("b,1", At(Day0.AddDays(2))),
            Outcome("c", At(Day0.AddDays(2), 8), 1000),
        ], records);
        Assert.Equal([Outcome("a", At(Day0))], OutcomeReader.ReadCsv(new StringReader("personId,timestamp\na,2026-01-04\n"), "o.csv"));
        Assert.Empty(OutcomeReader.ReadCsv(new StringReader(""), "o.csv"));
    }

    [Theory]
    [InlineData("key,timestamp\na,2026-01-05\n", 1L, null, "cannot tell which column is the person id (found: key, timestamp)")]
    [InlineData("id,ecid,timestamp\na,b,2026-01-05\n", 1L, null, "several columns could be the person id (id, ecid); name one with PersonFileColumns.IdColumn")]
    [InlineData("personId,when\na,2026-01-05\n", 1L, null, "cannot tell which column is the timestamp (found: personId, when); name it with PersonFileColumns.TimestampColumn")]
    [InlineData("personId,timestamp\na,2026-01-05\nb,2026-01-05,3\n", 3L, null, "the row has 3 cells, the header 2")]
    [InlineData("personId,timestamp\n,2026-01-05\n", 2L, "column 'personId'", "the person id is empty")]
    [InlineData("personId,timestamp\na,\n", 2L, "column 'timestamp'", "'' is not a timestamp")]
    [InlineData("personId,timestamp,value\na,2026-01-05,1\nb,2026-01-05T25:00:00Z,2\n", 3L, "column 'timestamp'", "not a timestamp")]
    [InlineData("personId,timestamp,value\na,2026-01-05,twelve\n", 2L, "column 'value'", "'twelve' is not a number")]
    [InlineData("personId,timestamp\n\"a,2026-01-05\n", 2L, null, "a quoted cell is not closed")]
    public void Bad_csv_names_the_file_line_and_column(string csv, long line, string? column, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => OutcomeReader.ReadCsv(new StringReader(csv), "o.csv").ToList());
        Assert.Equal(("o.csv", line, column), (e.Source, e.Line, e.JsonPath));
        Assert.Contains(message, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_are_read_by_extension_and_joined()
    {
        var dir = Directory.CreateTempSubdirectory("outcomes");
        try
        {
            var csv = Path.Combine(dir.FullName, "o.csv");
            var jsonl = Path.Combine(dir.FullName, "o.jsonl");
            File.WriteAllText(csv, "personId,timestamp,value\na,2026-01-05,2\nghost,2026-01-05,1\n");
            File.WriteAllText(jsonl, """{"personId":"a","timestamp":"2026-01-06","value":3}""" + "\n");
            var table = Table([Score("a", 10)]);
            var outcomes = OutcomeEvents.Join(table, OutcomeReader.Read(csv).Concat(OutcomeReader.Read(jsonl)));
            Assert.Equal([Outcome("a", At(Day0.AddDays(1)), 2), Outcome("a", At(Day0.AddDays(2)), 3)], outcomes.GetOutcomes(0));
            Assert.Equal(["ghost"], outcomes.Diagnostics.UnknownPersonSamples);
            Assert.Single(OutcomeReader.ReadCsv(csv), o => o.PersonId == "a");
            Assert.Single(OutcomeReader.ReadJsonLines(jsonl));
            Assert.Throws<ArgumentException>(() => OutcomeReader.Read(""));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
