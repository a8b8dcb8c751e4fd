using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Parquet;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Tests.Columnar;
using Microsoft.Extensions.DependencyInjection;

namespace CaiScores.Tests.DependencyInjection;

/// <summary>A reporting service gets a table in one line: the JSON source of <c>AddCaiScores</c>, the Parquet one of <c>AddCaiScoresParquet</c>.</summary>
public sealed class ScoreTableSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-source-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<CaiScores.Models.CaiScoreRecord> Records() =>
        [.. CaiSampleData.Generate(new CaiSampleOptions { Persons = 60, Runs = 2, MissingRate = 0, Seed = 3 })];

    /// <summary>The service code: the same for every format.</summary>
    private sealed class ReportService(IScoreTableSource source)
    {
        public ScoreTable Latest(string folder) => source.Load([folder]).Single();
    }

    [Fact]
    public void Add_cai_scores_loads_json_folders_with_the_registered_options()
    {
        var records = Records();
        CaiJsonWriter.WriteJsonLines(Path.Combine(_folder, "part-00000.jsonl"), records);
        var services = new ServiceCollection().AddCaiScores(o => o.IdentityNamespace = "ECID");
        services.AddSingleton<ReportService>();
        using var provider = services.BuildServiceProvider();

        var source = provider.GetRequiredService<IScoreTableSource>();
        Assert.Equal(("json", "ECID"), (source.Format, source.Options.IdentityNamespace));
        Assert.Same(source, provider.GetRequiredService<IScoreTableSource>());
        var table = provider.GetRequiredService<ReportService>().Latest(_folder);
        TableAssert.Equal(ScoreTable.LoadJson(_folder, new CaiScoresOptions { IdentityNamespace = "ECID" }).Single(), table);
        Assert.Equal(records.Count, table.ScoreRowCount);
    }

    [Fact]
    public void Add_cai_scores_parquet_replaces_the_source_and_the_service_code_is_unchanged()
    {
        var records = Records();
        new CaiParquetWriter().Write(Path.Combine(_folder, "part-00000.snappy.parquet"), records);
        foreach (var services in new[]
        {
            new ServiceCollection().AddCaiScoresParquet(),
            new ServiceCollection().AddCaiScores().AddCaiScoresParquet(),
            new ServiceCollection().AddCaiScoresParquet().AddCaiScores().AddCaiScoresParquet(),
        })
        {
            Assert.Single(services, d => d.ServiceType == typeof(IScoreTableSource));
            services.AddSingleton<ReportService>();
            using var provider = services.BuildServiceProvider();
            Assert.Equal("parquet", provider.GetRequiredService<IScoreTableSource>().Format);
            var table = provider.GetRequiredService<ReportService>().Latest(_folder);
            TableAssert.Equal(CaiParquet.Load(_folder).Single(), table);
            Assert.Equal(records.Count, table.ScoreRowCount);
        }
    }

    [Fact]
    public void A_missing_folder_and_null_paths_fail_naming_them()
    {
        using var provider = new ServiceCollection().AddCaiScores().BuildServiceProvider();
        var source = provider.GetRequiredService<IScoreTableSource>();
        var missing = Path.Combine(_folder, "nope");
        Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => source.Load([missing])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => source.Load(null!));
        Assert.Throws<ArgumentNullException>(() => CaiScoresParquetServiceCollectionExtensions.AddCaiScoresParquet(null!));
    }
}
