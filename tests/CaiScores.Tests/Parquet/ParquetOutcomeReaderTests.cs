using Apache.Arrow;
using Apache.Arrow.Types;
using CaiScores.Ingest;
using CaiScores.Outcomes;
using CaiScores.Parquet;

namespace CaiScores.Tests.Parquet;

public sealed class ParquetOutcomeReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-outcomes-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_person_timestamp_and_value_and_ignores_other_columns()
    {
        var t0 = new DateTimeOffset(2026, 1, 12, 9, 30, 0, TimeSpan.Zero);
        var path = Write(
            "events.parquet",
            [
                Column("PersonID", new StringArray.Builder().Append("a").Append("b").Append("a").Build()),
                Column("channel", new StringArray.Builder().Append("web").Append("app").AppendNull().Build()),
                Column("timestamp", Timestamps(TimeUnit.Microsecond, t0, t0.AddDays(1), t0.AddHours(2)), new TimestampType(TimeUnit.Microsecond, "UTC")),
                Column("Value", new DoubleArray.Builder().Append(49.9).AppendNull().Append(-1).Build()),
            ]);

        Assert.Equal(
            [
                new OutcomeRecord { PersonId = "a", Timestamp = t0, Value = 49.9 },
                new OutcomeRecord { PersonId = "b", Timestamp = t0.AddDays(1), Value = null },
                new OutcomeRecord { PersonId = "a", Timestamp = t0.AddHours(2), Value = -1 },
            ],
            ParquetOutcomeReader.Read(path).ToList());
    }

    [Fact]
    public void Text_timestamps_and_integer_values_are_accepted_and_the_value_column_is_optional()
    {
        var path = Write(
            "text.parquet",
            [
                Column("personId", new StringArray.Builder().Append("a").Append("b").Build()),
                Column("timestamp", new StringArray.Builder().Append("2026-01-12T09:30:00+01:00").Append("2026-01-13T00:00:00").Build()),
            ]);
        var records = ParquetOutcomeReader.Read(path).ToList();
        Assert.Equal(new DateTimeOffset(2026, 1, 12, 8, 30, 0, TimeSpan.Zero), records[0].Timestamp);
        Assert.Equal(new DateTimeOffset(2026, 1, 13, 0, 0, 0, TimeSpan.Zero), records[1].Timestamp); // no offset: UTC
        Assert.All(records, r => Assert.Null(r.Value));

        var ints = Write(
            "ints.parquet",
            [
                Column("personId", new StringArray.Builder().Append("a").Build()),
                Column("timestamp", new StringArray.Builder().Append("2026-01-12T09:30:00Z").Build()),
                Column("value", new Int64Array.Builder().Append(3).Build()),
            ]);
        Assert.Equal(3, Assert.Single(ParquetOutcomeReader.Read(ints)).Value);
    }

    [Fact]
    public void Joined_outcomes_count_unknown_persons()
    {
        var path = Write(
            "join.parquet",
            [
                Column("personId", new StringArray.Builder().Append("p1").Append("nobody").Build()),
                Column("timestamp", new StringArray.Builder().Append("2026-01-12T09:30:00Z").Append("2026-01-12T09:30:00Z").Build()),
            ]);
        var table = CaiScores.Columnar.ScoreTable.FromScores([new CaiScores.Models.ScoreRecord { PersonId = "p1", TenantId = "acme", InstanceKey = "Inst", RunKey = new DateOnly(2026, 1, 4), ScoreDate = new DateOnly(2026, 1, 4), Score = 50 }]).Single();
        var outcomes = OutcomeEvents.Join(table, ParquetOutcomeReader.Read(path));
        Assert.Equal(1, outcomes.Diagnostics.RecordsUnknownPerson);
    }

    [Fact]
    public void Bad_files_name_the_file_row_and_column()
    {
        var ts = new TimestampType(TimeUnit.Microsecond, "UTC");
        var t0 = new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
        var noTime = Write("no-time.parquet", [Column("personId", new StringArray.Builder().Append("a").Build())]);
        Assert.Contains("no-time.parquet: cannot tell which column is the timestamp (found: personId); name it with PersonFileColumns.TimestampColumn", Fail(noTime), StringComparison.Ordinal);

        var badType = Write("bad-type.parquet", [Column("personId", new DoubleArray.Builder().Append(1).Build()), Column("timestamp", Timestamps(TimeUnit.Microsecond, t0), ts)]);
        Assert.Contains("personId: the column is of type double; it must be a string or an integer", Fail(badType), StringComparison.Ordinal);

        var textValue = Write("text-value.parquet", [Column("personId", new StringArray.Builder().Append("a").Build()), Column("timestamp", Timestamps(TimeUnit.Microsecond, t0), ts), Column("value", new StringArray.Builder().Append("9").Build())]);
        Assert.Contains("value: the column is of type utf8; it must be a number", Fail(textValue), StringComparison.Ordinal);

        var nullId = Write("null-id.parquet", [Column("personId", new StringArray.Builder().Append("a").AppendNull().Build()), Column("timestamp", Timestamps(TimeUnit.Microsecond, t0, t0), ts)]);
        Assert.Contains("null-id.parquet:2: personId: the person id is null or empty", Fail(nullId), StringComparison.Ordinal);

        var badTime = Write("bad-time.parquet", [Column("personId", new StringArray.Builder().Append("a").Build()), Column("timestamp", new StringArray.Builder().Append("yesterday").Build())]);
        Assert.Contains("bad-time.parquet:1: timestamp: 'yesterday' is not an ISO-8601 timestamp", Fail(badTime), StringComparison.Ordinal);

        var notParquet = Path.Combine(_folder, "not.parquet");
        File.WriteAllText(notParquet, "personId,timestamp\n");
        Assert.Equal(notParquet + ": not a Parquet file (bad magic bytes: it does not start with PAR1)", Fail(notParquet));
        Assert.Throws<ArgumentException>(() => ParquetOutcomeReader.Read(""));
    }

    [Fact]
    public void Person_files_with_other_column_names_are_read_by_detection_or_by_name()
    {
        var t0 = new DateTimeOffset(2026, 1, 12, 0, 0, 0, TimeSpan.Zero);
        var events = Write(
            "ecid.parquet",
            [
                Column("ECID", new Int64Array.Builder().Append(9_007_199_254_740_993).Build()),
                Column("event_time", Timestamps(TimeUnit.Microsecond, t0), new TimestampType(TimeUnit.Microsecond, "UTC")),
                Column("revenue", new DoubleArray.Builder().Append(5).Build()),
            ]);
        Assert.Equal(new OutcomeRecord { PersonId = "9007199254740993", Timestamp = t0, Value = 5 }, Assert.Single(ParquetOutcomeReader.Read(events)));

        var attributes = Write(
            "attrs.parquet",
            [
                Column("customer", new StringArray.Builder().Append("a").Build()),
                Column("id", new StringArray.Builder().Append("internal-7").Build()),
                Column("tier", new StringArray.Builder().Append("gold").Build()),
            ]);
        var columns = new CaiScores.Columnar.PersonFileColumns { IdColumn = "customer", AttributeColumns = ["tier"] };
        Assert.Equal(
            new CaiScores.Columnar.PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold" },
            Assert.Single(ParquetAttributeReader.Read(attributes, columns)));
        var e = Assert.Throws<CaiIngestException>(() => ParquetAttributeReader.Read(attributes, new CaiScores.Columnar.PersonFileColumns { IdColumn = "ECID" }).ToList());
        Assert.Equal(attributes + ": no column 'ECID' as PersonFileColumns.IdColumn names (found: customer, id, tier)", e.Message);
    }

    private static string Fail(string path) => Assert.Throws<CaiIngestException>(() => ParquetOutcomeReader.Read(path).ToList()).Message;

    private static (Field Field, IArrowArray Array) Column(string name, IArrowArray array, IArrowType? type = null) =>
        (new Field(name, type ?? array.Data.DataType, nullable: true), array);

    private static TimestampArray Timestamps(TimeUnit unit, params DateTimeOffset[] values)
    {
        var builder = new TimestampArray.Builder(new TimestampType(unit, "UTC"));
        foreach (var value in values)
        {
            builder.Append(value);
        }

        return builder.Build();
    }

    private string Write(string name, (Field Field, IArrowArray Array)[] columns)
    {
        var path = Path.Combine(_folder, name);
        var schema = new Schema([.. columns.Select(c => c.Field)], null);
        using var writer = new ParquetSharp.Arrow.FileWriter(path, schema);
        writer.WriteRecordBatch(new RecordBatch(schema, columns.Select(c => c.Array), columns[0].Array.Length));
        writer.Close();
        return path;
    }
}
