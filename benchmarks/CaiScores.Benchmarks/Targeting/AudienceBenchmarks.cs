using System.Text;
using BenchmarkDotNet.Attributes;
using CaiScores.Audiences;
using CaiScores.Benchmarks.Data;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.Segments;

namespace CaiScores.Benchmarks.Targeting;

/// <summary>
/// An audience export: the top 20 % of a run (a ready person set) written as an AEP upload CSV to a null writer. Baseline:
/// the naive way — the ids as a list of strings, each person's namespace asked of the table, a line built per person.
/// </summary>
/// <remarks>
/// <c>WriteCsv</c> is the export (namespace counts, bucket split, one line a person); <c>Describe</c> the same without
/// writing. The ids are 38-digit ECIDs, as AEP's; the run holds <c>Rows / 8</c> persons.
/// </remarks>
[MemoryDiagnoser]
public class AudienceBenchmarks
{
    private ScoreTable _table = null!;
    private Segment _top = null!;
    private PersonSet _persons = null!;

    /// <summary>The dataset's size in score rows (see <see cref="BenchmarkSizes"/>); the run holds <c>Rows / 8</c> persons.</summary>
    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.Rows))]
    public int Rows { get; set; }

    private int Persons => BenchmarkSizes.PersonsOf(Rows);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var day = new DateOnly(2026, 1, 4);
        _table = ScoreTable.FromScores(Enumerable.Range(0, Persons).Select(i => new ScoreRecord
        {
            PersonId = Samples.CaiSampleData.Ecid(i),
            IdentityNamespace = "ECID",
            TenantId = "acme",
            InstanceKey = "PurchasePropensityWebsite",
            RunKey = day,
            Score = Math.Round(random.NextDouble() * 100, 2),
            Probability = Math.Round(random.NextDouble(), 4),
        })).Single();
        var selection = CaiScores.Targeting.TopPercent.Select(_table, 20, new CaiScores.Targeting.TopPercentOptions { Method = CaiScores.Targeting.TargetingMethod.Recomputed });
        _persons = selection.Persons;
        _top = selection.ToSegment();
        if (Naive() != WriteCsv())
        {
            throw new InvalidOperationException("The naive export and AudienceExport write different row counts.");
        }
    }

    [Benchmark(Baseline = true)]
    public long Naive()
    {
        var ids = _persons.GetIds(_table);
        var indexes = _persons.ToIndexes();
        var writer = TextWriter.Null;
        writer.Write("ECID\r\n");
        long rows = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (_table.GetIdentityNamespace(indexes[i]) == "ECID")
            {
                writer.Write(new StringBuilder(ids[i]).Append("\r\n").ToString());
                rows++;
            }
        }

        return rows;
    }

    [Benchmark]
    public long WriteCsv() => AudienceExport.WriteCsv(_table, _top, TextWriter.Null).Written;

    [Benchmark]
    public long Describe() => AudienceExport.Describe(_table, _top).Count;

}
