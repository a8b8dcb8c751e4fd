using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Outcomes;

namespace CaiScores.Tests.Columnar;

/// <summary>Which column of a person file is the id, the date, the timestamp, the value: named, or detected from the names.</summary>
public sealed class PersonFileColumnsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-person-columns-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("person_id,tier", 0)]
    [InlineData("tier,ECID", 1)]
    [InlineData("Person ID,tier", 0)]
    [InlineData("tier,identity", 1)]
    [InlineData("profile-Id,tier", 0)]
    [InlineData("customer_id,tier", 0)]
    [InlineData("id,personId", 1)] // the canonical name wins over an alias
    [InlineData("tier,id", 1)]
    public void The_id_column_is_detected_ignoring_case_and_separators(string header, int expected) =>
        Assert.Equal(expected, PersonFileColumns.Detect.FindIdColumn(header.Split(','), "f.csv", 1));

    [Fact]
    public void No_or_several_id_candidates_fail_naming_the_file_the_headers_and_the_setting()
    {
        var none = Assert.Throws<CaiIngestException>(() => PersonFileColumns.Detect.FindIdColumn(["key", "tier"], "f.csv", 1));
        Assert.Equal("f.csv:1: cannot tell which column is the person id (found: key, tier); name it with PersonFileColumns.IdColumn", none.Message);
        var several = Assert.Throws<CaiIngestException>(() => PersonFileColumns.Detect.FindIdColumn(["id", "tier", "ECID"], "f.parquet"));
        Assert.Equal("f.parquet: several columns could be the person id (id, ECID); name one with PersonFileColumns.IdColumn", several.Message);
    }

    [Fact]
    public void A_named_column_is_taken_and_a_missing_one_is_an_error()
    {
        var columns = new PersonFileColumns { IdColumn = "KEY", TimestampColumn = "when", ValueColumn = "euros" };
        string[] names = ["key", "id", "when", "euros"];
        Assert.Equal((0, 2, 3), (columns.FindIdColumn(names, "f"), columns.FindTimestampColumn(names, "f"), columns.FindValueColumn(names, "f")));
        var e = Assert.Throws<CaiIngestException>(() => new PersonFileColumns { IdColumn = "nope" }.FindIdColumn(names, "f.csv", 1));
        Assert.Equal("f.csv:1: no column 'nope' as PersonFileColumns.IdColumn names (found: key, id, when, euros)", e.Message);
    }

    [Fact]
    public void Validate_reports_every_problem_at_once_and_the_readers_check_eagerly()
    {
        var bad = new PersonFileColumns { IdColumn = "ecid", TimestampColumn = " ", ValueColumn = "ECID", AttributeColumns = ["tier", "Ecid"] };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Equal(
            "Invalid PersonFileColumns: TimestampColumn is blank (leave it null to detect the column); AttributeColumns names 'ecid', the IdColumn; "
            + "AttributeColumns names 'ECID', the ValueColumn; IdColumn and ValueColumn name one column, 'ecid'.",
            e.Message);
        Assert.Throws<ArgumentException>(() => OutcomeReader.Read("no-such-file.csv", bad));
        Assert.Throws<ArgumentException>(() => AttributeReader.Read("no-such-file.jsonl", new PersonFileColumns { AttributeColumns = [] }));
        PersonFileColumns.Detect.Validate();
        new PersonFileColumns { IdColumn = "key", AttributeColumns = ["tier"], ValidFromColumn = "since" }.Validate();
    }

    [Fact]
    public void Optional_columns_are_minus_one_when_absent_and_attribute_columns_exclude_the_keys()
    {
        string[] names = ["person_id", "tier", "valid_from", "region"];
        Assert.Equal(-1, PersonFileColumns.Detect.FindValueColumn(names, "f"));
        Assert.Equal(2, PersonFileColumns.Detect.FindValidFromColumn(names, "f"));
        Assert.Equal([1, 3], PersonFileColumns.Detect.FindAttributeColumns(names, "f", null, 0, 2));
        Assert.Equal([3], new PersonFileColumns { AttributeColumns = ["REGION"] }.FindAttributeColumns(names, "f", null, 0, 2));
        var e = Assert.Throws<CaiIngestException>(() => new PersonFileColumns { AttributeColumns = ["tier", "size", "color"] }.FindAttributeColumns(names, "f.csv", 1, 0, 2));
        Assert.Equal("f.csv:1: no column 'size', 'color' as PersonFileColumns.AttributeColumns names (found: person_id, tier, valid_from, region)", e.Message);
    }

    [Fact]
    public void Csv_attributes_with_person_id_and_a_column_list_read_only_those_columns()
    {
        var path = Write("attrs.csv", "person_id,tier,region,email\na,gold,EU,a@x\nb,silver,US,b@x\n");
        Assert.Equal(
            [
                new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold" },
                new PersonAttributeRecord { PersonId = "a", Name = "region", Value = "EU" },
                new PersonAttributeRecord { PersonId = "b", Name = "tier", Value = "silver" },
                new PersonAttributeRecord { PersonId = "b", Name = "region", Value = "US" },
            ],
            AttributeReader.Read(path, new PersonFileColumns { AttributeColumns = ["tier", "region"] }));
        Assert.Equal(6, AttributeReader.Read(path).Count());
    }

    [Fact]
    public void Json_lines_attributes_resolve_the_id_on_the_first_line_and_accept_numbers()
    {
        var path = Write("attrs.jsonl", "{\"ECID\":123,\"tier\":\"gold\"}\n{\"ECID\":\"456\",\"tier\":\"silver\",\"validFrom\":\"2026-01-04\"}\n");
        Assert.Equal(
            [
                new PersonAttributeRecord { PersonId = "123", Name = "tier", Value = "gold" },
                new PersonAttributeRecord { PersonId = "456", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2026, 1, 4) },
            ],
            AttributeReader.Read(path));
        var e = Assert.Throws<CaiIngestException>(() => AttributeReader.Read(path, new PersonFileColumns { IdColumn = "person" }).ToList());
        Assert.Equal(path + ":1: no column 'person' as PersonFileColumns.IdColumn names (found: ECID, tier)", e.Message);
    }

    [Fact]
    public void Outcomes_detect_id_timestamp_and_value_aliases_in_csv_and_json_lines()
    {
        var t = new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
        OutcomeRecord[] expected = [new() { PersonId = "a", Timestamp = t, Value = 12.5 }, new() { PersonId = "b", Timestamp = t.AddDays(1) }];
        var csv = Write("o.csv", "channel,Customer_ID,event_time,revenue\nweb,a,2026-01-12T09:30:00Z,12.5\napp,b,2026-01-13T09:30:00Z,\n");
        Assert.Equal(expected, OutcomeReader.Read(csv));
        var jsonl = Write("o.jsonl", "{\"profileId\":\"a\",\"date\":\"2026-01-12T09:30:00Z\",\"amount\":12.5}\n{\"profileId\":\"b\",\"date\":\"2026-01-13T09:30:00Z\"}\n");
        Assert.Equal(expected, OutcomeReader.Read(jsonl));
        var named = Write("n.csv", "who,at,euros,value\na,2026-01-12T09:30:00Z,12.5,99\nb,2026-01-13T09:30:00Z,,\n");
        Assert.Equal(expected, OutcomeReader.Read(named, new PersonFileColumns { IdColumn = "who", TimestampColumn = "at", ValueColumn = "euros" }));
    }

    [Fact]
    public void Json_lines_outcomes_read_a_value_that_the_first_line_lacks()
    {
        var path = Write("late.jsonl", "{\"personId\":\"a\",\"timestamp\":\"2026-01-12\"}\n{\"personId\":\"b\",\"timestamp\":\"2026-01-12\",\"value\":3}\n");
        Assert.Equal([null, 3.0], OutcomeReader.Read(path).Select(o => o.Value));
    }

    [Fact]
    public void The_sample_of_docs_outcomes_md_names_the_columns()
    {
        var path = Write("orders.csv", "ECID,id,order_time,net_revenue,value\ne1,7,2026-01-12T09:30:00Z,19.5,1\n");
        // begin-snippet: person-file-columns
        var columns = new PersonFileColumns { IdColumn = "ECID", TimestampColumn = "order_time", ValueColumn = "net_revenue" };
        var records = OutcomeReader.Read(path, columns).ToList();
        // end-snippet
        Assert.Equal(new OutcomeRecord { PersonId = "e1", Timestamp = new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero), Value = 19.5 }, Assert.Single(records));
        Assert.Equal(1, CaiScores.Tests.Docs.DocSnippets.AssertShownIn(ThisFile(), "docs/outcomes.md", "person-file"));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
