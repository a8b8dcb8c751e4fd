using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;

namespace CaiScores.Tests.Parquet;

public sealed class CaiParquetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-parquet-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<CaiScoreRecord> Sample(bool experienceEvents = true, int persons = 400, int runs = 4, string instance = "PurchasePropensityWebsite", string tenant = "acme") =>
        [.. CaiSampleData.Generate(new CaiSampleOptions { Persons = persons, Runs = runs, ExperienceEvents = experienceEvents, InstanceKey = instance, TenantId = tenant, Seed = 5, MissingRate = 0 })];

    private string Write(string name, IReadOnlyList<CaiScoreRecord> records, CaiParquetWriter? writer = null)
    {
        var path = Path.Combine(_folder, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        (writer ?? new CaiParquetWriter { RowGroupSize = 100 }).Write(path, records);
        return path;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_folder_of_part_files_loads_into_the_same_table_as_the_records(bool experienceEvents)
    {
        var records = Sample(experienceEvents);
        var third = records.Count / 3;
        var writer = new CaiParquetWriter { RowGroupSize = 97, Timestamps = experienceEvents };
        Write("export/part-00000-c000.snappy.parquet", records[..third], writer);
        Write("export/part-00001-c000.snappy.parquet", records[third..(2 * third)], writer);
        Write("export/z-nested/part-00002-c000.snappy.parquet", records[(2 * third)..], writer);

        var fromParquet = CaiParquet.Load(Path.Combine(_folder, "export")).Single();
        var expected = ScoreTable.FromScores(TableAssert.ScoresOf(records)).Single();
        TableAssert.Equal(expected, fromParquet, diagnostics: false);
        Assert.Equal(records.Count, fromParquet.Diagnostics.Ingest.DocumentsRead);
        Assert.Equal(3, fromParquet.Diagnostics.Ingest.Sources.Count);
    }

    [Fact]
    public void Nulls_in_every_optional_field_are_read_as_nulls_and_counted()
    {
        var t = new DateTimeOffset(2021, 8, 7, 0, 0, 0, TimeSpan.Zero);
        var identity = new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [new IdentityItem { Id = "e1", Primary = true }] };
        CaiScoreRecord Record(string id, string person) => new()
        {
            TenantId = "acme",
            InstanceKey = "Inst",
            RecordId = id,
            Timestamp = t,
            IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [new IdentityItem { Id = person, Primary = true }] },
            Score = 50,
            Probability = 0.5,
            PercentileScore = 50,
            ScoreDate = "2021-08-07",
            ModelType = "conversion",
            InfluentialFactors = [new InfluentialFactor { Code = "A", Value = "1", Importance = Importance.High }],
        };
        var records = new List<CaiScoreRecord>
        {
            Record("r1", "p1") with { Score = null },
            Record("r2", "p2") with { Probability = null, PercentileScore = null, ModelType = null },
            Record("r3", "p3") with { ScoreDate = null }, // run from the timestamp
            Record("r4", "p4") with { InfluentialFactors = [] },
            Record("r5", "p5") with { InfluentialFactors = [new InfluentialFactor { Code = null, Value = null, Importance = Importance.Unspecified }] },
            Record("r6", "p6") with { IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>>() },
            Record("r7", "p7") with { Timestamp = null, ScoreDate = null },
        };
        var path = Write("nulls.parquet", records);
        var table = CaiParquet.Load(path).Single();
        var d = table.Diagnostics.Ingest;
        var run = table.Runs.Single();
        Assert.Equal(["p1", "p2", "p3", "p4", "p5"], table.Persons);
        Assert.Null(run.GetScore(0));
        Assert.Equal((null, null, null), (run.GetProbability(1), run.GetPercentile(1), (string?)null));
        Assert.Empty(run.GetFactors(3, table));
        Assert.Equal([new InfluentialFactor { Code = null, Value = null, Importance = Importance.Unspecified }], run.GetFactors(4, table));
        Assert.Equal((7L, 1L, 1L, 1L, 1L, 1L), (d.RecordsRead, d.NullScores, d.RunFromTimestamp, d.DroppedNoIdentity, d.DroppedNoRun, d.NullFactorLists));
    }

    [Fact]
    public void Several_tenants_and_instances_in_one_file_and_the_instance_filter()
    {
        var records = Sample(instance: "Buy", persons: 50, runs: 2)
            .Concat(Sample(instance: "Churn", persons: 30, runs: 2))
            .Concat(Sample(instance: "Buy", tenant: "globex", persons: 20, runs: 1))
            .ToList();
        var path = Write("mixed.parquet", records, new CaiParquetWriter { RowGroupSize = 64 });
        var tables = CaiParquet.Load(path);
        Assert.Equal(["_acme.CustomerAI.Buy", "_acme.CustomerAI.Churn", "_globex.CustomerAI.Buy"], tables.Select(t => t.InstancePath));
        Assert.Equal(30, tables.Find("acme", "Churn")!.Persons.Count);

        var churn = CaiParquet.Load(path, new CaiScoresOptions { InstanceKeys = { "Churn" } });
        Assert.Equal("Churn", churn.Single().InstanceKey);
        Assert.Equal(records.Count * 2, churn.Diagnostics.RecordsSkippedByFilter); // two filtered instance columns, every row
    }

    [Fact]
    public void A_file_of_another_instance_or_tenant_than_asked_gives_no_table_and_says_so()
    {
        var path = Write("other.parquet", Sample(persons: 10, runs: 1));
        var tables = CaiParquet.Load(path, new CaiScoresOptions { TenantId = "initech" });
        Assert.Empty(tables);
        Assert.Equal(10, tables.Diagnostics.RecordsSkippedByFilter);
        var e = Assert.Throws<InvalidOperationException>(tables.Single);
        Assert.Contains("no Customer AI scores", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_the_same_score_date_make_one_run_with_the_duplicates_counted()
    {
        var first = Sample(persons: 20, runs: 1);
        var second = first.Select(r => r with { Score = 99, Timestamp = r.Timestamp!.Value.AddHours(1) }).ToList();
        Write("twice/a.parquet", first);
        Write("twice/b.parquet", second);
        var table = CaiParquet.Load(Path.Combine(_folder, "twice")).Single();
        Assert.Single(table.Runs);
        Assert.All(Enumerable.Range(0, table.Persons.Count), p => Assert.Equal(99, table.Runs[0].GetScore(p)));
        Assert.Equal(first.Count, table.Diagnostics.Ingest.DuplicatesResolved);
    }

    [Theory]
    [InlineData("score", "_acme.CustomerAI.PurchasePropensityWebsite.score: the column is missing")]
    [InlineData("identityMap", "identityMap: the column is missing")]
    [InlineData("wrongType", "_acme.CustomerAI.PurchasePropensityWebsite.score: the column is string, expected double or float")]
    public void Missing_or_mistyped_columns_are_named(string what, string message)
    {
        var writer = what switch
        {
            "score" => new CaiParquetWriter { OmitFields = new HashSet<string> { "score" } },
            "identityMap" => new CaiParquetWriter { OmitIdentityMap = true },
            _ => new CaiParquetWriter { ScoreAsText = true },
        };
        var path = Write("bad.parquet", Sample(persons: 5, runs: 1), writer);
        var e = Assert.Throws<CaiIngestException>(() => CaiParquet.Load(path));
        Assert.StartsWith(path + ": " + message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Optional_columns_may_be_absent()
    {
        var path = Write("lean.parquet", Sample(persons: 5, runs: 1), new CaiParquetWriter { OmitFields = new HashSet<string> { "probability", "modelType", "influentialFactors" } });
        var table = CaiParquet.Load(path).Single();
        Assert.Equal(5, table.ScoreRowCount);
        Assert.Null(table.Runs[0].GetProbability(0));
    }

    [Fact]
    public void Nulls_in_the_identity_drop_the_record_and_count_it()
    {
        var records = Sample(persons: 4, runs: 1);
        records[1] = records[1] with { IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [new IdentityItem { Id = null!, Primary = true }] } };
        records[2] = records[2] with { IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>>() };
        var table = CaiParquet.Load(Write("identity.parquet", records)).Single();
        Assert.Equal(2, table.Persons.Count);
        Assert.Equal(2, table.Diagnostics.Ingest.DroppedNoIdentity);
    }

    [Fact]
    public void An_unparseable_score_date_names_the_file_row_and_column()
    {
        var records = Sample(persons: 3, runs: 1);
        records[2] = records[2] with { ScoreDate = "07/08/2021" };
        var path = Write("dates.parquet", records);
        var e = Assert.Throws<CaiIngestException>(() => CaiParquet.Load(path));
        Assert.Equal((path, 3L, "_acme.CustomerAI.PurchasePropensityWebsite.scoreDate"), (e.Source, e.Line, e.JsonPath));

        var skipped = CaiParquet.Load(path, new CaiScoresOptions { InvalidRecords = InvalidRecordPolicy.Skip });
        Assert.Equal((3L, 1L), (skipped.Diagnostics.RecordsRead, skipped.Diagnostics.RecordsRejected));
        Assert.Equal(2, skipped.Single().ScoreRowCount);
    }

    [Fact]
    public void Truncated_corrupt_or_foreign_files_are_refused_naming_the_file()
    {
        var good = Write("good.parquet", Sample(persons: 50, runs: 1));
        var bytes = File.ReadAllBytes(good);
        var truncated = Path.Combine(_folder, "truncated.parquet");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var text = Path.Combine(_folder, "text.parquet");
        File.WriteAllText(text, "this is not parquet");
        var corrupt = Path.Combine(_folder, "corrupt.parquet");
        var damaged = (byte[])bytes.Clone();
        for (var i = 8; i < damaged.Length / 2; i += 7)
        {
            damaged[i] ^= 0x5A;
        }

        File.WriteAllBytes(corrupt, damaged);
        var empty = Path.Combine(_folder, "empty.parquet");
        File.WriteAllBytes(empty, []);
        foreach (var (path, problem) in new[]
        {
            (truncated, "a truncated Parquet file (it does not end with PAR1: the footer is missing)"),
            (text, "not a Parquet file (bad magic bytes: it does not start with PAR1)"),
            (empty, "not a Parquet file (it is empty)"),
            (corrupt, "a corrupt Parquet file ("),
        })
        {
            var e = Assert.Throws<CaiIngestException>(() => CaiParquet.Load(path));
            Assert.Equal(path, e.Source);
            Assert.StartsWith($"{path}: {problem}", e.Message, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"N\d+parquet|ParquetStatusException|St\d+runtime", e.Message);
            Assert.NotNull(e.InnerException);
        }
    }

    [Theory]
    [InlineData("N7parquet22ParquetStatusExceptionE: Invalid: Parquet magic bytes not found in footer.", "Invalid: Parquet magic bytes not found in footer")]
    [InlineData("St13runtime_error\nCouldn't deserialize thrift: TProtocolException: Invalid data\n", "Couldn't deserialize thrift: TProtocolException: Invalid data")]
    [InlineData("N7parquet22ParquetStatusExceptionE (message: 'IOError: Couldn't deserialize thrift: x  ')", "IOError: Couldn't deserialize thrift: x")]
    [InlineData("plain message", "plain message")]
    public void Native_messages_lose_their_cpp_type_names(string native, string expected) =>
        Assert.Equal(expected, CaiScores.Parquet.Reading.ParquetProblems.Clean(native.Replace("\\n", "\n", StringComparison.Ordinal)));

    [Fact]
    public void A_folder_load_reads_the_score_files_and_lists_the_others()
    {
        var folder = Path.Combine(_folder, "export");
        Directory.CreateDirectory(folder);
        var records = Sample(persons: 20, runs: 1);
        var scores = Write(Path.Combine("export", "part-0.parquet"), records);
        var attributes = Path.Combine(folder, "attributes.parquet");
        new CaiParquetWriter().WriteAttributes(attributes, [new PersonAttributeRecord { PersonId = "p", Name = "tier", Value = "gold" }]);
        var csv = Path.Combine(folder, "trend.csv");
        File.WriteAllText(csv, "run,mean\n");

        Assert.True(CaiParquet.IsScoreFile(scores));
        Assert.False(CaiParquet.IsScoreFile(attributes));
        var table = CaiParquet.Load(folder).Single();
        Assert.Equal(20, table.Persons.Count);
        Assert.Equal([attributes, csv], table.Diagnostics.Ingest.SkippedFiles);
        Assert.Equal([scores], table.Diagnostics.Ingest.Sources);

        File.Delete(scores);
        var e = Assert.Throws<ArgumentException>(() => CaiParquet.Load(folder));
        Assert.StartsWith($"No Parquet score files were found in the given paths; skipped 2 file(s) that are not Parquet scores: {attributes}, {csv}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parquet_and_json_sources_can_make_one_load()
    {
        var records = Sample(persons: 30, runs: 2);
        var parquet = Write("half.parquet", records[..30]);
        var json = Path.Combine(_folder, "half.jsonl");
        File.WriteAllLines(json, records[30..].Select(r => CaiScores.Serialization.CaiJson.Serialize(r)));
        var builder = new ScoreTableBuilder();
        CaiParquet.AddTo(builder, [parquet]);
        builder.AddJson([json]);
        var table = builder.Build().Single();
        TableAssert.Equal(ScoreTable.FromScores(TableAssert.ScoresOf(records)).Single(), table, diagnostics: false);
    }

    [Fact]
    public void Attributes_are_read_from_flat_parquet_files()
    {
        var path = Path.Combine(_folder, "attributes.parquet");
        var schema = new Apache.Arrow.Schema.Builder()
            .Field(new Apache.Arrow.Field("personId", Apache.Arrow.Types.StringType.Default, false))
            .Field(new Apache.Arrow.Field("tier", Apache.Arrow.Types.StringType.Default, true))
            .Field(new Apache.Arrow.Field("visits", Apache.Arrow.Types.Int64Type.Default, true))
            .Build();
        using (var writer = new ParquetSharp.Arrow.FileWriter(path, schema))
        {
            var batch = new Apache.Arrow.RecordBatch(schema, [
                new Apache.Arrow.StringArray.Builder().Append("a").Append("b").Build(),
                new Apache.Arrow.StringArray.Builder().Append("gold").AppendNull().Build(),
                new Apache.Arrow.Int64Array.Builder().Append(3).Append(12).Build(),
            ], 2);
            writer.WriteRecordBatch(batch);
            writer.Close();
        }

        Assert.Equal(
            [
                new CaiScores.Columnar.PersonAttributeRecord { PersonId = "a", Name = "tier", Value = "gold" },
                new CaiScores.Columnar.PersonAttributeRecord { PersonId = "a", Name = "visits", Value = "3" },
                new CaiScores.Columnar.PersonAttributeRecord { PersonId = "b", Name = "tier", Value = null },
                new CaiScores.Columnar.PersonAttributeRecord { PersonId = "b", Name = "visits", Value = "12" },
            ],
            ParquetAttributeReader.Read(path).ToList());
    }
}
