using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using CaiScores.Output;

namespace CaiScores.Tests.Output.Arrow;

public sealed class CaiArrowTests
{
    [Fact]
    public void Every_sample_table_round_trips_through_an_IPC_stream()
    {
        var tables = SampleResults.All().SelectMany(r => ResultTables.OfAny(r.Result)).ToList();
        Assert.True(tables.Count > 40);
        foreach (var table in tables)
        {
            using var stream = new MemoryStream();
            CaiArrow.WriteStream(table, stream);
            stream.Position = 0;
            using var reader = new ArrowStreamReader(stream);
            using var batch = reader.ReadNextRecordBatch();
            AssertSame(table, batch);
            Assert.Null(reader.ReadNextRecordBatch());
        }
    }

    [Fact]
    public void The_file_format_round_trips_too_and_leaves_the_stream_open()
    {
        var table = ResultTables.Of(SampleResults.Evaluation())[1];
        using var stream = new MemoryStream();
        CaiArrow.WriteFile(table, stream);
        Assert.True(stream.CanWrite);
        stream.Position = 0;
        using var reader = new ArrowFileReader(stream);
        using var batch = reader.ReadNextRecordBatch();
        AssertSame(table, batch);
        Assert.Null(reader.ReadNextRecordBatch());
    }

    [Fact]
    public void Types_nulls_and_metadata_are_kept()
    {
        var table = new ResultTable("t", "A title",
        [
            ResultColumn.Strings("s", ["a", null, ""], "some text"),
            ResultColumn.Int64s("i", [null, 2, 3]),
            ResultColumn.Doubles("share", [0.5, double.NaN, null], isShare: true),
            ResultColumn.Dates("day", [new DateOnly(1969, 12, 31), null, new DateOnly(2026, 1, 4)]),
            ResultColumn.Booleans("b", [null, true, false]),
            ResultColumn.Timestamps("at", [new DateTimeOffset(2026, 1, 4, 12, 30, 0, TimeSpan.FromHours(-5)), null, DateTimeOffset.UnixEpoch]),
        ]);
        using var batch = CaiArrow.ToRecordBatch(table);
        var schema = batch.Schema;
        Assert.Equal("t", schema.Metadata[CaiArrow.TableNameKey]);
        Assert.Equal("A title", schema.Metadata[CaiArrow.TableTitleKey]);
        Assert.IsType<StringType>(schema.GetFieldByName("s").DataType);
        Assert.IsType<Int64Type>(schema.GetFieldByName("i").DataType);
        Assert.IsType<DoubleType>(schema.GetFieldByName("share").DataType);
        Assert.IsType<Date32Type>(schema.GetFieldByName("day").DataType);
        Assert.IsType<BooleanType>(schema.GetFieldByName("b").DataType);
        var timestamp = Assert.IsType<TimestampType>(schema.GetFieldByName("at").DataType);
        Assert.Equal("UTC", timestamp.Timezone);
        Assert.Equal("some text", schema.GetFieldByName("s").Metadata[CaiArrow.DescriptionKey]);
        Assert.Equal("true", schema.GetFieldByName("share").Metadata[CaiArrow.ShareKey]);
        Assert.False(schema.GetFieldByName("i").HasMetadata);
        Assert.All(schema.FieldsList, f => Assert.True(f.IsNullable));
        Assert.Equal([1, 1, 1, 1, 1, 1], batch.Arrays.Select(a => a.NullCount));
        Assert.Equal(-1, ((Date32Array)batch.Column("day")).Values[0]);
        AssertSame(table, batch);
    }

    [Fact]
    public void Arguments_are_checked()
    {
        var table = ResultTables.Of(SampleResults.Summary())[0];
        Assert.Throws<ArgumentNullException>(() => CaiArrow.ToRecordBatch(null!));
        Assert.Throws<ArgumentNullException>(() => CaiArrow.WriteStream(table, null!));
        Assert.Throws<ArgumentNullException>(() => CaiArrow.WriteFile(null!, Stream.Null));
    }

    private static void AssertSame(ResultTable table, RecordBatch batch)
    {
        Assert.Equal(table.RowCount, batch.Length);
        Assert.Equal(table.Name, batch.Schema.Metadata[CaiArrow.TableNameKey]);
        Assert.Equal(table.Columns.Select(c => c.Name), batch.Schema.FieldsList.Select(f => f.Name));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var column = table.Columns[c];
            var array = batch.Column(c);
            for (var i = 0; i < table.RowCount; i++)
            {
                var where = $"{table.Name}.{column.Name}[{i}]";
                Assert.True(column.IsNull(i) == array.IsNull(i), where);
                object? actual = array switch
                {
                    StringArray a => a.GetString(i),
                    Int64Array a => a.GetValue(i),
                    DoubleArray a => a.GetValue(i),
                    Date32Array a => a.GetDateOnly(i),
                    BooleanArray a => a.GetValue(i),
                    TimestampArray a => a.GetTimestamp(i),
                    _ => throw new InvalidOperationException(array.GetType().Name),
                };
                Assert.True(Equals(column.GetValue(i), actual), $"{where}: {column.GetValue(i)} != {actual}");
            }
        }
    }
}
