using CaiScores.Columnar;
using CaiScores.Outcomes;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Tests.Columnar;

namespace CaiScores.Tests.Parquet;

/// <summary>The writer's score files are tested through <see cref="CaiParquetTests"/> (every test there writes with it).</summary>
public sealed class CaiParquetWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-parquet-writer-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_lazy_sample_is_written_in_row_groups_and_reads_back_into_the_same_table()
    {
        var options = new CaiSampleOptions { Persons = 150, Runs = 3 };
        var path = Path.Combine(_folder, "part-00000.snappy.parquet");

        var rows = new CaiParquetWriter { RowGroupSize = 100 }.Write(path, CaiSampleData.Generate(options));

        var records = CaiSampleData.Generate(options).ToList();
        Assert.Equal(records.Count, rows);
        TableAssert.Equal(ScoreTable.FromScores(TableAssert.ScoresOf(records)).Single(), CaiParquet.Load(path).Single(), diagnostics: false);
    }

    [Fact]
    public void Attributes_are_pivoted_into_one_row_per_person_and_date_and_read_back()
    {
        PersonAttributeRecord[] attributes =
        [
            new() { PersonId = "a", Name = "tier", Value = "gold" },
            new() { PersonId = "a", Name = "country", Value = "DE" },
            new() { PersonId = "b", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2026, 1, 11) },
            new() { PersonId = "c", Name = "country", Value = null },
        ];
        var path = Path.Combine(_folder, "attributes.parquet");

        Assert.Equal(3, new CaiParquetWriter { RowGroupSize = 2 }.WriteAttributes(path, attributes));

        Assert.Equal(
            [
                new() { PersonId = "a", Name = "tier", Value = "gold" },
                new() { PersonId = "a", Name = "country", Value = "DE" },
                new() { PersonId = "b", Name = "tier", Value = "silver", ValidFrom = new DateOnly(2026, 1, 11) },
                new() { PersonId = "b", Name = "country", Value = null, ValidFrom = new DateOnly(2026, 1, 11) },
                new() { PersonId = "c", Name = "tier", Value = null },
                new PersonAttributeRecord { PersonId = "c", Name = "country", Value = null },
            ],
            ParquetAttributeReader.Read(path).ToList());
    }

    [Fact]
    public void Outcomes_are_written_in_order_and_read_back()
    {
        var outcomes = CaiSampleData.Outcomes(new CaiSampleOptions { Persons = 300, Runs = 2 }).ToList();
        outcomes.Add(new OutcomeRecord { PersonId = "x", Timestamp = new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.FromHours(2)) });
        var path = Path.Combine(_folder, "outcomes.parquet");

        Assert.Equal(outcomes.Count, new CaiParquetWriter { RowGroupSize = 7 }.WriteOutcomes(path, outcomes));

        Assert.Equal(outcomes, ParquetOutcomeReader.Read(path).ToList());
    }

    [Fact]
    public void No_records_give_a_file_with_the_schema_and_no_rows()
    {
        var path = Path.Combine(_folder, "empty.parquet");
        Assert.Equal(0, new CaiParquetWriter().WriteOutcomes(path, []));
        Assert.Empty(ParquetOutcomeReader.Read(path));
    }

    [Fact]
    public void Bad_arguments_throw()
    {
        var path = Path.Combine(_folder, "x.parquet");
        Assert.Throws<ArgumentException>(() => new CaiParquetWriter { RowGroupSize = 0 }.WriteOutcomes(path, []));
        Assert.Throws<ArgumentException>(() => new CaiParquetWriter().WriteAttributes(path, [new PersonAttributeRecord { PersonId = "a", Name = "PersonId", Value = "x" }]));
        Assert.Throws<ArgumentException>(() => new CaiParquetWriter().Write("", []));
    }
}
