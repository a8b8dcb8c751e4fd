using Apache.Arrow;
using Apache.Arrow.Ipc;
using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Models;
using CaiScores.Serialization;

namespace CaiScores.Tests.Columnar;

public sealed class ScoreTableArrowTests
{
    [Fact]
    public void A_file_written_before_the_identity_namespace_column_loads_with_no_namespaces()
    {
        var table = RichTable();
        Assert.Equal(["ECID"], table.IdentityNamespaces);
        var schema = ScoreTableArrow.GetSchema(table);
        var drop = schema.GetFieldIndex("identity_namespace");
        var builder = new Schema.Builder();
        for (var i = 0; i < schema.FieldsList.Count; i++)
        {
            if (i != drop)
            {
                builder.Field(schema.FieldsList[i]);
            }
        }

        foreach (var (key, value) in schema.Metadata)
        {
            builder.Metadata(key, value);
        }

        var old = builder.Build();
        using var stream = new MemoryStream();
        using (var writer = new ArrowFileWriter(stream, old, leaveOpen: true))
        {
            foreach (var batch in ScoreTableArrow.ToRecordBatches(table))
            {
                writer.WriteRecordBatch(new RecordBatch(old, batch.Arrays.Where((_, i) => i != drop), batch.Length));
            }

            writer.WriteEnd();
        }

        stream.Position = 0;
        var loaded = ScoreTableArrow.Load(stream);
        Assert.Empty(loaded.IdentityNamespaces);
        Assert.Null(loaded.GetIdentityNamespace(0));
        Assert.Equal(table.Persons, loaded.Persons);
        Assert.Equal(table.Runs.Count, loaded.Runs.Count);
        Assert.All(Enumerable.Range(0, table.Runs.Count), r => Assert.True(table.Runs[r].Scores.SequenceEqual(loaded.Runs[r].Scores)));
    }

    private static ScoreTable RichTable()
    {
        var scores = TableAssert.Sample(persons: 400, runs: 5).ToList();

        // Nulls in every optional field, null factor codes and values, varying timestamps in one run.
        scores[3] = scores[3] with { Score = null, Probability = null, PercentileScore = null, ModelType = null };
        scores[5] = scores[5] with { Factors = [new InfluentialFactor { Code = null, Value = null, Importance = Importance.Unspecified }] };
        scores[7] = scores[7] with { Factors = [] };
        scores[9] = scores[9] with { Timestamp = scores[9].Timestamp!.Value.AddSeconds(1) };
        scores[11] = scores[11] with { Timestamp = null };
        var table = ScoreTable.FromScores(scores).Single();
        var persons = table.Persons.Take(300).ToArray();
        var attributes = persons.Select((p, i) => new PersonAttributeRecord { PersonId = p, Name = "tier", Value = (i % 3) switch { 0 => "bronze", 1 => "silver", _ => "gold" } })
            .Concat(persons.Take(50).Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier-over-time", Value = "new", ValidFrom = table.Runs[0].ScoreDate }))
            .Concat(persons.Take(50).Select(p => new PersonAttributeRecord { PersonId = p, Name = "tier-over-time", Value = "loyal", ValidFrom = table.Runs[2].ScoreDate }))
            .Append(new PersonAttributeRecord { PersonId = "stranger", Name = "tier", Value = "gold" });
        return table.WithAttributes(attributes);
    }

    [Theory]
    [InlineData(ArrowIpcFormat.File)]
    [InlineData(ArrowIpcFormat.Stream)]
    public void Load_of_save_equals_the_table(ArrowIpcFormat format)
    {
        var table = RichTable();
        Assert.Contains(table.Runs, r => r.TimestampsVary);
        var loaded = TableAssert.RoundTrip(table, format);
        TableAssert.Equal(table, loaded);
        Assert.Equal(1, loaded.Diagnostics.Attributes.RowsUnmatched);
    }

    [Fact]
    public void Attribute_names_with_any_character_round_trip()
    {
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 20, runs: 3)).Single();
        var name = "tier\nover \"time\", [really]";
        table = table.WithAttributes([
            new PersonAttributeRecord { PersonId = table.Persons[0], Name = name, Value = "gold", ValidFrom = table.Runs[1].ScoreDate },
            new PersonAttributeRecord { PersonId = table.Persons[1], Name = "static\nname", Value = "x" },
        ]);
        var loaded = TableAssert.RoundTrip(table, ArrowIpcFormat.File);
        TableAssert.Equal(table, loaded);
        Assert.True(loaded.Attributes[name].VariesOverTime);
        Assert.False(loaded.Attributes["static\nname"].VariesOverTime);
    }

    [Fact]
    public void Profile_format_and_empty_tables_round_trip()
    {
        var profile = ScoreTable.FromScores(TableAssert.Sample(persons: 50, runs: 2, experienceEvents: false)).Single();
        TableAssert.Equal(profile, TableAssert.RoundTrip(profile, ArrowIpcFormat.File));
    }

    [Fact]
    public void Files_round_trip_through_a_path()
    {
        var table = RichTable();
        var path = Path.Combine(Path.GetTempPath(), $"cai-{Guid.NewGuid():N}.arrow");
        try
        {
            ScoreTableArrow.Save(table, path);
            TableAssert.Equal(table, ScoreTableArrow.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_plain_arrow_reader_sees_one_flat_table_of_score_rows()
    {
        var table = RichTable();
        using var stream = new MemoryStream();
        ScoreTableArrow.Save(table, stream, leaveOpen: true);
        stream.Position = 0;
        using var reader = new ArrowFileReader(stream);
        Assert.Equal(
            ["score_date", "person_id", "scored", "timestamp", "score", "probability", "percentile_score", "model_type", "influential_factors", "identity_namespace", "attr:tier", "attr:tier-over-time"],
            reader.Schema.FieldsList.Select(f => f.Name));
        long scoredRows = 0;
        RecordBatch? batch;
        while ((batch = reader.ReadNextRecordBatch()) is not null)
        {
            using (batch)
            {
                var scored = (BooleanArray)batch.Column("scored");
                for (var i = 0; i < batch.Length; i++)
                {
                    scoredRows += scored.GetValue(i) == true ? 1 : 0;
                }

                // The person column reads as the person id strings.
                var persons = (DictionaryArray)batch.Column("person_id");
                var first = ((StringArray)persons.Dictionary).GetString(((Int32Array)persons.Indices).GetValue(0)!.Value);
                Assert.True(table.Persons.IndexOf(first) >= 0);
            }
        }

        Assert.Equal(table.ScoreRowCount, scoredRows);
        Assert.Equal("acme", reader.Schema.Metadata["cai.tenant"]);

        // The diagnostics are written by Columnar's own JSON context, in the shape CaiJson gives them.
        Assert.Equal(CaiJson.Serialize(table.Diagnostics), reader.Schema.Metadata["cai.diagnostics"]);
    }

    [Fact]
    public void Truncated_or_foreign_data_is_refused_with_the_source_name()
    {
        var table = RichTable();
        using var stream = new MemoryStream();
        ScoreTableArrow.Save(table, stream, leaveOpen: true);
        var bytes = stream.ToArray();

        var truncated = Assert.ThrowsAny<InvalidDataException>(() => ScoreTableArrow.Load(new MemoryStream(bytes[..(bytes.Length / 2)]), "cut.arrow"));
        Assert.StartsWith("cut.arrow: ", truncated.Message, StringComparison.Ordinal);
        var junk = Assert.ThrowsAny<InvalidDataException>(() => ScoreTableArrow.Load(new MemoryStream("not arrow at all, just text"u8.ToArray()), "junk.arrow"));
        Assert.StartsWith("junk.arrow: ", junk.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Arrow_files_not_written_by_us_are_refused_naming_what_is_missing()
    {
        var schema = new Schema.Builder().Field(new Field("score", Apache.Arrow.Types.DoubleType.Default, true)).Build();
        using var stream = new MemoryStream();
        using (var writer = new ArrowFileWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, [new DoubleArray.Builder().Append(1).Build()], 1));
            writer.WriteEnd();
        }

        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => ScoreTableArrow.Load(stream, "other.arrow"));
        Assert.Contains("cai.layout", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dictionary_indexes_outside_their_dictionary_are_refused()
    {
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 20, runs: 1)).Single();
        var schema = ScoreTableArrow.GetSchema(table);
        var batch = ScoreTableArrow.ToRecordBatches(table).Single();

        // Point every factor code at an entry the dictionary does not have.
        var factors = (ListArray)batch.Column("influential_factors");
        var structs = (StructArray)factors.Values;
        var codes = (DictionaryArray)structs.Fields[0];
        var bad = new Int32Array.Builder();
        for (var i = 0; i < codes.Length; i++)
        {
            bad.Append(99_999);
        }

        var badCodes = new DictionaryArray((Apache.Arrow.Types.DictionaryType)codes.Data.DataType, bad.Build(), codes.Dictionary);
        var badStructs = new StructArray(structs.Data.DataType, structs.Length, [badCodes, structs.Fields[1], structs.Fields[2]], ArrowBuffer.Empty, 0);
        var badList = new ListArray(factors.Data.DataType, factors.Length, factors.ValueOffsetsBuffer, badStructs, ArrowBuffer.Empty, 0);
        var columns = Enumerable.Range(0, batch.ColumnCount).Select(c => c == schema.GetFieldIndex("influential_factors") ? badList : batch.Column(c)).ToList();
        using var stream = new MemoryStream();
        using (var writer = new ArrowFileWriter(stream, schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(new RecordBatch(schema, columns, batch.Length));
            writer.WriteEnd();
        }

        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => ScoreTableArrow.Load(stream, "tampered.arrow"));
        Assert.Equal("tampered.arrow: a influential_factors.code index (99999) is outside its dictionary of " + table.FactorCodes.Count, e.Message);
    }

    [Fact]
    public void A_timestamp_in_another_unit_is_refused_not_misread()
    {
        var table = ScoreTable.FromScores(TableAssert.Sample(persons: 5, runs: 1)).Single();
        var schema = ScoreTableArrow.GetSchema(table);
        var fields = schema.FieldsList.Select(f => f.Name == "timestamp" ? new Field("timestamp", new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Millisecond, "UTC"), true) : f).ToList();
        var foreign = new Schema(fields, schema.Metadata);
        var batch = ScoreTableArrow.ToRecordBatches(table).Single();
        var ts = (TimestampArray)batch.Column("timestamp");
        var millis = new TimestampArray((Apache.Arrow.Types.TimestampType)fields[3].DataType, ts.ValueBuffer, ts.NullBitmapBuffer, ts.Length, ts.NullCount, 0);
        var columns = Enumerable.Range(0, batch.ColumnCount).Select(c => c == 3 ? millis : batch.Column(c)).ToList();
        using var stream = new MemoryStream();
        using (var writer = new ArrowFileWriter(stream, foreign, leaveOpen: true))
        {
            writer.WriteRecordBatch(new RecordBatch(foreign, columns, batch.Length));
            writer.WriteEnd();
        }

        stream.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => ScoreTableArrow.Load(stream, "millis.arrow"));
        Assert.StartsWith("millis.arrow: the column 'timestamp' must be timestamp[us, UTC]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_whose_replacements_left_no_timestamp_round_trips()
    {
        var t = new DateTimeOffset(2021, 8, 7, 0, 0, 0, TimeSpan.Zero);
        var scores = TableAssert.Sample(persons: 3, runs: 1).Take(1).ToList();
        var first = scores[0] with { Timestamp = t };
        var second = scores[0] with { Timestamp = null, Score = 1 }; // "earliest": wins under FirstWins
        var table = ScoreTable.FromScores([first, second], new CaiScores.Ingest.CaiScoresOptions { Duplicates = CaiScores.Ingest.DuplicatePolicy.FirstWins }).Single();
        Assert.False(table.Runs[0].TimestampsVary);
        Assert.Null(table.Runs[0].GetTimestamp(0));
        TableAssert.Equal(table, TableAssert.RoundTrip(table, ArrowIpcFormat.Stream));
    }

    [Fact]
    public void An_empty_stream_is_not_a_table()
    {
        var e = Assert.Throws<InvalidDataException>(() => ScoreTableArrow.Load(new MemoryStream(), "empty.arrows"));
        Assert.StartsWith("empty.arrows: ", e.Message, StringComparison.Ordinal);
    }
}
