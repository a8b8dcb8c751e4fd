using CaiScores.Columnar;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Serialization;
using CaiScores.Parquet;
using CaiScores.Samples;

namespace CaiScores.Tests.Ingest;

/// <summary>
/// The per-run diagnostics and the drop reasons: JSON and Parquet loads of the same records give the same counts, and
/// those equal a count over the records.
/// </summary>
public sealed class RunDiagnosticsTests : IDisposable
{
    private static readonly Dictionary<string, IReadOnlyList<IdentityItem>> NoItems = [];
    private readonly string _folder = Directory.CreateTempSubdirectory("cai-run-diagnostics-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// Three runs of 200 persons; the last run loses 30 % of its records; then every case once or more: no identity item,
    /// an empty id, two ids none primary, a null probability, an empty factor list, null factor codes, out-of-range
    /// values, and a key read three times (one group, two duplicates).
    /// </summary>
    private static List<CaiScoreRecord> Records()
    {
        var records = CaiSampleData.Generate(new CaiSampleOptions { Persons = 200, Runs = 3, MissingRate = 0, Seed = 11 }).ToList();
        var last = records.Max(r => r.ScoreDate);
        var lastRun = records.Where(r => r.ScoreDate == last).ToList();
        records.RemoveAll(r => r.ScoreDate == last && lastRun.IndexOf(r) % 10 < 3);
        records[0] = records[0] with { IdentityMap = NoItems };
        records[1] = records[1] with { IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [new IdentityItem { Id = "", Primary = true }] } };
        records[2] = records[2] with
        {
            IdentityMap = new Dictionary<string, IReadOnlyList<IdentityItem>>
            {
                ["ECID"] = [new IdentityItem { Id = "e-2", Primary = false }],
                ["Email"] = [new IdentityItem { Id = "x@example.com", Primary = false }],
            },
        };
        records[3] = records[3] with { Probability = null };
        records[4] = records[4] with { InfluentialFactors = [] };
        records[5] = records[5] with
        {
            InfluentialFactors = [new InfluentialFactor { Code = null, Value = "1", Importance = Importance.High }, new InfluentialFactor { Code = null, Value = null, Importance = Importance.Low }],
        };
        records[^1] = records[^1] with { Score = 150, Probability = 1.5 };
        records.Add(records[10]);
        records.Add(records[10] with { Score = 1 });
        return records;
    }

    private ScoreTable LoadJson(List<CaiScoreRecord> records)
    {
        var path = Path.Combine(_folder, "scores.jsonl");
        CaiJsonWriter.WriteJsonLines(path, records);
        return ScoreTable.LoadJson(path).Single();
    }

    private ScoreTable LoadParquet(List<CaiScoreRecord> records)
    {
        var path = Path.Combine(_folder, "scores.parquet");
        new CaiParquetWriter { RowGroupSize = 64 }.Write(path, records);
        return CaiParquet.Load(path).Single();
    }

    [Fact]
    public void Json_and_parquet_count_every_reason_and_every_run_as_the_records_say()
    {
        var records = Records();
        foreach (var (table, parquet) in new[] { (LoadJson(records), false), (LoadParquet(records), true) })
        {
            // AEP's Parquet (and CaiParquetWriter) writes an empty factor list as null.
            var d = table.Diagnostics.Ingest;
            Assert.Equal((3L, 1L, 1L, 1L), (d.DroppedNoIdentity, d.DroppedNoIdentityMap, d.DroppedNoUsableId, d.DroppedNoPrimary));
            Assert.Equal((2L, 2L, 1L), (d.Duplicates, d.DuplicatesResolved, d.DuplicateGroups));
            Assert.Equal((1L, parquet ? 0L : 1L, 2L), (d.NullProbabilities, d.EmptyFactorLists, d.NullFactorCodes));

            // Per run, from the records with a person: counted with plain loops over the records.
            var kept = records.Skip(3).ToList();
            var runs = kept.Select(r => DateOnly.Parse(r.ScoreDate!, System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order().ToList();
            Assert.Equal(runs, d.PerRun.Select(r => r.Run));
            long? previous = null;
            foreach (var run in d.PerRun)
            {
                var of = kept.Where(r => r.ScoreDate == run.Run.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
                Assert.Equal(of.Count, run.Records);
                Assert.Equal(of.Count, run.Kept);
                Assert.Equal(of.Count(r => r.Score is null), run.NullScores);
                Assert.Equal(of.Count(r => r.Probability is null), run.NullProbabilities);
                Assert.Equal(parquet ? 0 : of.Count(r => r.InfluentialFactors.Count == 0), run.EmptyFactorLists);
                Assert.Equal(parquet ? of.Count(r => r.InfluentialFactors.Count == 0) : 0, run.NullFactorLists);
                Assert.Equal(of.Sum(r => r.InfluentialFactors.Count(f => f.Code is null)), run.NullFactorCodes);
                Assert.Equal(new OutOfRangeCounts(of.Count(r => r.Score > 100), of.Count(r => r.Probability > 1), 0), run.OutOfRange);
                var groups = of.GroupBy(r => r.IdentityMap["ECID"][0].Id).Where(g => g.Count() > 1).ToList();
                Assert.Equal((groups.Sum(g => g.Count() - 1L), (long)groups.Count), (run.Duplicates, run.DuplicateGroups));
                Assert.Equal(previous is null ? null : (double)(previous.Value - of.Count) / previous.Value, run.RecordDropFromPrevious);
                previous = of.Count;
            }

            Assert.Equal(d.PerRun.Sum(r => r.Kept), d.RecordsNormalized);
            Assert.Equal(d.PerRun.Sum(r => r.Duplicates), d.Duplicates);
            Assert.Equal([d.PerRun[2]], d.RunsWithRecordDrop());
            Assert.Equal([d.PerRun[2]], d.RunsWithRecordDrop(0.3));
            Assert.Empty(d.RunsWithRecordDrop(0.31));
            Assert.Equal([d.PerRun[2]], d.RunsWithRecordDrop(0)); // the second run has one more record than the first (a negative drop)
        }
    }

    [Fact]
    public void The_json_and_parquet_diagnostics_agree_on_every_new_counter()
    {
        var records = Records();
        var json = LoadJson(records).Diagnostics.Ingest;
        var parquet = LoadParquet(records).Diagnostics.Ingest;
        Assert.Equal(json.PerRun.Select(r => r with { EmptyFactorLists = 0, NullFactorLists = 0 }), parquet.PerRun.Select(r => r with { EmptyFactorLists = 0, NullFactorLists = 0 }));
        Assert.Equal(json.PerRun.Select(r => r.EmptyFactorLists + r.NullFactorLists), parquet.PerRun.Select(r => r.EmptyFactorLists + r.NullFactorLists));
        Assert.Equal(
            (json.DroppedNoIdentityMap, json.DroppedNoUsableId, json.DroppedNoPrimary, json.DuplicateGroups, json.NullProbabilities, json.NullFactorCodes),
            (parquet.DroppedNoIdentityMap, parquet.DroppedNoUsableId, parquet.DroppedNoPrimary, parquet.DuplicateGroups, parquet.NullProbabilities, parquet.NullFactorCodes));
    }

    [Fact]
    public void A_drop_threshold_outside_zero_to_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IngestDiagnostics.Empty.RunsWithRecordDrop(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => IngestDiagnostics.Empty.RunsWithRecordDrop(double.NaN));
        Assert.Empty(IngestDiagnostics.Empty.RunsWithRecordDrop());
    }

    [Theory]
    [InlineData(null, PersonIdMiss.NoIdentityMap)]
    [InlineData("", PersonIdMiss.NoUsableId)]
    [InlineData("two", PersonIdMiss.NoPrimary)]
    [InlineData("one", PersonIdMiss.None)]
    public void The_selector_and_the_resolver_give_the_same_reason(string? items, PersonIdMiss expected)
    {
        Dictionary<string, IReadOnlyList<IdentityItem>> map = items switch
        {
            null => [],
            "" => new() { ["ECID"] = [new IdentityItem { Id = "", Primary = true }] },
            "two" => new() { ["ECID"] = [new IdentityItem { Id = "a" }], ["Email"] = [new IdentityItem { Id = "b" }] },
            _ => new() { ["ECID"] = [new IdentityItem { Id = "a" }] },
        };
        var selector = new PersonIdSelector(null);
        selector.Reset();
        foreach (var (ns, list) in map)
        {
            foreach (var item in list)
            {
                selector.Offer(System.Text.Encoding.UTF8.GetBytes(ns), System.Text.Encoding.UTF8.GetBytes(item.Id ?? ""), item.Primary);
            }
        }

        Assert.Equal(expected, selector.Miss);
        Assert.Equal(expected == PersonIdMiss.None, PersonIdResolver.Resolve(map, null, out var miss) is not null);
        Assert.Equal(expected, miss);

        // With a namespace configured, an id elsewhere is no usable id; a namespace without items is a map.
        Assert.Equal(PersonIdMiss.NoUsableId, (PersonIdResolver.Resolve(new Dictionary<string, IReadOnlyList<IdentityItem>> { ["ECID"] = [] }, null, out var empty), empty).empty);
        Assert.Equal(items is null ? PersonIdMiss.NoIdentityMap : PersonIdMiss.NoUsableId, (PersonIdResolver.Resolve(map, "Phone", out var other), other).other);
    }
}
