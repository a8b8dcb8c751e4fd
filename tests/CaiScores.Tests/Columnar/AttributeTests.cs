using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Tests.Columnar;

public sealed class AttributeTests
{
    private static ScoreTable Table()
    {
        ScoreRecord S(string person, int day) => new()
        {
            PersonId = person,
            TenantId = "acme",
            InstanceKey = "Inst",
            RunKey = new DateOnly(2021, 8, day),
            ScoreDate = new DateOnly(2021, 8, day),
            Score = 50,
        };

        return ScoreTable.FromScores([S("a", 1), S("b", 1), S("a", 8), S("c", 8), S("a", 15)]).Single();
    }

    [Fact]
    public void Static_attributes_join_by_person_id_and_unknown_persons_are_counted()
    {
        var table = Table().WithAttributes([
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold" },
            new PersonAttributeRecord { PersonId = "c", Name = "tier", Value = "bronze" },
            new PersonAttributeRecord { PersonId = "zz", Name = "tier", Value = "silver" },
            new PersonAttributeRecord { PersonId = "a", Name = "country", Value = "DE" },
        ]);
        var tier = table.Attributes["tier"];
        Assert.False(tier.VariesOverTime);
        Assert.Equal(["gold", "bronze"], tier.Values);
        Assert.Equal([0, -1, 1], tier.GetValueIds(2).ToArray());
        Assert.Equal(["country", "tier"], table.Attributes.Select(a => a.Name));
        Assert.Equal(new AttributeDiagnostics(4, 1, 0, ["zz"]), table.Diagnostics.Attributes);
        var e = Assert.Throws<KeyNotFoundException>(() => table.Attributes["segment"]);
        Assert.Contains("country, tier", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attribute_none_of_whose_rows_matches_a_person_exists_with_no_values()
    {
        // Found by a property test: a trend by "tier" said the table had no such attribute although a tier file was joined.
        var table = Table().WithAttributes([
            new PersonAttributeRecord { PersonId = "zz", Name = "tier", Value = "silver" },
            new PersonAttributeRecord { PersonId = "yy", Name = "tier", Value = "gold", ValidFrom = new DateOnly(2021, 8, 8) },
        ]);
        var tier = table.Attributes["tier"];
        Assert.Empty(tier.Values);
        Assert.All(Enumerable.Range(0, table.Runs.Count), r => Assert.Equal([-1, -1, -1], tier.GetValueIds(r).ToArray()));
        Assert.Equal(new AttributeDiagnostics(2, 2, 0, ["zz", "yy"]), table.Diagnostics.Attributes);
        var trend = CaiScores.Trends.ScoreTrend.Compute(table, new CaiScores.Trends.TrendOptions { Scheme = null, CohortAttribute = "tier", IncludeNoValue = true });
        Assert.Equal(["No value"], trend.Series.Select(s => s.Label));
        Assert.Equal([2, 2, 1], trend.Rows.Select(r => r.People));
    }

    [Fact]
    public void Dated_attributes_give_each_run_the_value_in_effect_on_its_score_date()
    {
        var table = Table().WithAttributes([
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "bronze" },                                   // always…
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2021, 8, 8) }, // …until silver
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold", ValidFrom = new DateOnly(2021, 8, 9) },
            new PersonAttributeRecord { PersonId = "b", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2021, 8, 2) }, // after run 1
            new PersonAttributeRecord { PersonId = "c", Name = "tier", Value = "x", ValidFrom = new DateOnly(2021, 8, 8) },
            new PersonAttributeRecord { PersonId = "c", Name = "tier", Value = "y", ValidFrom = new DateOnly(2021, 8, 8) },      // replaces x
        ]);
        var tier = table.Attributes["tier"];
        Assert.True(tier.VariesOverTime);
        List<string?> Values(int run) => [.. Enumerable.Range(0, 3).Select(p => tier.GetValue(p, run))];
        Assert.Equal(["bronze", null, null], Values(0));
        Assert.Equal(["silver", "silver", "y"], Values(1));
        Assert.Equal(["gold", "silver", "y"], Values(2));
        Assert.Equal(1, table.Diagnostics.Attributes.RowsReplaced);
    }

    [Fact]
    public void Json_lines_attributes_read_every_property_as_an_attribute()
    {
        var path = Temp("""
            {"personId":"a","tier":"gold","visits":12,"vip":true,"note":null}

            {"personId":"b","tier":"silver","validFrom":"2021-08-08"}
            """, ".jsonl");
        var rows = AttributeReader.Read(path).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Contains(new PersonAttributeRecord { PersonId = "a", Name = "visits", Value = "12" }, rows);
        Assert.Contains(new PersonAttributeRecord { PersonId = "a", Name = "note", Value = null }, rows);
        Assert.Contains(new PersonAttributeRecord { PersonId = "b", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2021, 8, 8) }, rows);
    }

    [Theory]
    [InlineData("{\"tier\":\"gold\"}", "attrs.jsonl:1: cannot tell which column is the person id (found: tier); name it with PersonFileColumns.IdColumn")]
    [InlineData("{\"personId\":true}", "attrs.jsonl:1: $.personId: personId must be a non-empty string or a number")]
    [InlineData("{\"personId\":\"a\",\"validFrom\":\"08/01/2021\"}", "attrs.jsonl:1: $.validFrom: '08/01/2021' is not a date")]
    [InlineData("{\"personId\":\"a\",\"tags\":[1]}", "attrs.jsonl:1: $.tags: an attribute value must be a string, number, boolean or null, found array")]
    [InlineData("{\"personId\":", "attrs.jsonl:1: malformed JSON")]
    public void Bad_json_lines_name_the_file_line_and_property(string line, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => AttributeReader.ReadJsonLines([line], "attrs.jsonl").ToList());
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_attributes_follow_rfc_4180()
    {
        var csv = "PersonId,tier,\"note, with comma\",validFrom\r\na,gold,\"said \"\"hi\"\"\",\r\nb,,\"two\nlines\",2021-08-08\r\n\r\n";
        var rows = AttributeReader.ReadCsv(new StringReader(csv), "attrs.csv").ToList();
        Assert.Equal(
            [
                new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold" },
                new PersonAttributeRecord { PersonId = "a", Name = "note, with comma", Value = "said \"hi\"" },
                new PersonAttributeRecord { PersonId = "b", Name = "tier", Value = null, ValidFrom = new DateOnly(2021, 8, 8) },
                new PersonAttributeRecord { PersonId = "b", Name = "note, with comma", Value = "two\nlines", ValidFrom = new DateOnly(2021, 8, 8) },
            ],
            rows);
    }

    [Theory]
    [InlineData("key,tier\na,gold\n", "attrs.csv:1: cannot tell which column is the person id (found: key, tier); name it with PersonFileColumns.IdColumn")]
    [InlineData("personId,tier\na,gold,extra\n", "attrs.csv:2: the row has 3 cells, the header 2")]
    [InlineData("personId,tier\n,gold\n", "attrs.csv:2: column 'personId': the person id is empty")]
    [InlineData("personId,tier\na,\"open\n", "attrs.csv:2: a quoted cell is not closed")]
    [InlineData("personId,validFrom\na,someday\n", "attrs.csv:2: column 'validFrom': 'someday' is not a date")]
    public void Bad_csv_names_the_file_line_and_column(string csv, string message)
    {
        var e = Assert.Throws<CaiIngestException>(() => AttributeReader.ReadCsv(new StringReader(csv), "attrs.csv").ToList());
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_dated_on_the_first_day_is_the_same_key_as_an_undated_one()
    {
        var table = Table().WithAttributes([
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "bronze", ValidFrom = DateOnly.MinValue },
            new PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "silver" },
        ]);
        Assert.Equal("silver", table.Attributes["tier"].GetValue(0, 0));
        Assert.Equal(1, table.Diagnostics.Attributes.RowsReplaced);
    }

    [Fact]
    public void Undated_rows_in_any_order_give_the_last_row_of_each_person_and_value_ids_in_person_order()
    {
        var random = new Random(11);
        string[] persons = ["a", "b", "c"];
        string?[] tiers = ["gold", "silver", null, "bronze"];
        for (var trial = 0; trial < 200; trial++)
        {
            var rows = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => new PersonAttributeRecord { PersonId = persons[random.Next(3)], Name = "tier", Value = tiers[random.Next(4)] })
                .ToList();
            var table = Table().WithAttributes(rows);

            // The reference: the last row of each person wins; values are numbered in person order of the winners.
            var last = persons.Select(p => rows.LastOrDefault(r => r.PersonId == p)).ToList();
            var expectedValues = last.Where(r => r?.Value is not null).Select(r => r!.Value!).Distinct().ToList();
            var tier = table.Attributes.FirstOrDefault(a => a.Name == "tier");
            if (rows.Count == 0)
            {
                Assert.Null(tier);
                continue;
            }

            Assert.Equal(expectedValues, tier!.Values);
            for (var p = 0; p < 3; p++)
            {
                Assert.Equal(last[p]?.Value, tier.GetValue(p, 0));
            }

            Assert.Equal(rows.Count - last.Count(r => r is not null), table.Diagnostics.Attributes.RowsReplaced);
        }
    }

    [Fact]
    public void A_csv_file_can_be_read_twice()
    {
        var path = Temp("personId,tier\na,gold\n", ".csv");
        var rows = AttributeReader.ReadCsv(path);
        Assert.Single(rows);
        Assert.Single(rows);
    }

    private static string Temp(string content, string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cai-attr-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
