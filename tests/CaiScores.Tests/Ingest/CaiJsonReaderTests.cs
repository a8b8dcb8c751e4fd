using System.Text;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Samples;
using CaiScores.Serialization;
using CaiScores.Tests.TestData;

namespace CaiScores.Tests.Ingest;

public sealed class CaiJsonReaderTests
{
    [Fact]
    public void Reads_the_profile_format_fixture_field_for_field()
    {
        using var reader = CaiJsonReader.Open(Fixtures.ProfileAcme);
        var records = reader.ReadRecords().ToList();

        Assert.Equal(4, records.Count);
        var first = records[0];
        Assert.Equal(XdmFormat.Profile, first.Format);
        Assert.Equal("acme", first.TenantId);
        Assert.Equal("PurchasePropensityWebsite", first.InstanceKey);
        Assert.Equal("p-001", first.RecordId);
        Assert.Null(first.Timestamp);
        Assert.Equal(81.4, first.Score);
        Assert.Equal(0.093, first.Probability);
        Assert.Equal(96, first.PercentileScore);
        Assert.Equal("2021-08-07", first.ScoreDate);
        Assert.Equal("conversion", first.ModelType);
        var ecid = Assert.Single(first.IdentityMap["ECID"]);
        Assert.Equal(new IdentityItem { Id = "45212958183372218631468751830938286611", Primary = true }, ecid);
        Assert.Equal(
            [
                new InfluentialFactor { Code = "Counts of webVisit in last 30 days", Value = "14", Importance = Importance.High },
                new InfluentialFactor { Code = "Days since last webVisit WebPage https://www.example.com/home", Value = "2", Importance = Importance.Medium },
            ],
            first.InfluentialFactors);

        // A numeric factor value keeps its JSON text; importance is case-insensitive.
        Assert.Equal(new InfluentialFactor { Code = "Days since last purchase", Value = "45", Importance = Importance.Low }, Assert.Single(records[1].InfluentialFactors));
        Assert.Equal(AuthenticatedState.Authenticated, records[1].IdentityMap["Email_LC_SHA256"][0].AuthenticatedState);
        Assert.Null(records[3].Score);
        Assert.Empty(records[3].InfluentialFactors);

        var d = reader.Diagnostics;
        Assert.Equal(4, d.DocumentsRead);
        Assert.Equal(4, d.RecordsRead);
        Assert.Equal(1, d.NullFactorLists);
        Assert.Equal([Fixtures.ProfileAcme], d.Sources);
    }

    [Fact]
    public void Reads_the_experience_event_array_with_several_tenants_and_instances()
    {
        using var reader = CaiJsonReader.Open(Fixtures.EeGlobex);
        var records = reader.ReadRecords().ToList();

        Assert.Equal(
            ["globex/ChurnRiskApp/2021-08-02 00:00:00", "globex/UpsellApp/2021-08-02 00:00:00", "globex/ChurnRiskApp/2021-08-09 00:00:00", "initech/ChurnRiskApp/2021-08-09"],
            records.Select(r => $"{r.TenantId}/{r.InstanceKey}/{r.ScoreDate}"));
        Assert.All(records, r => Assert.Equal(XdmFormat.ExperienceEvent, r.Format));
        Assert.Equal(new DateTimeOffset(2021, 8, 2, 0, 0, 0, TimeSpan.Zero), records[0].Timestamp);
        Assert.Same(records[0].IdentityMap, records[1].IdentityMap);
        Assert.Equal(3, reader.Diagnostics.DocumentsRead);
        Assert.Equal(4, reader.Diagnostics.RecordsRead);
    }

    [Fact]
    public void Tenant_and_instance_filters_skip_and_count_the_rest()
    {
        var options = new CaiScoresOptions { TenantId = "_globex" };
        options.InstanceKeys.Add("ChurnRiskApp");
        using var reader = CaiJsonReader.Open(Fixtures.EeGlobex, options);
        var records = reader.ReadRecords().ToList();

        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(("globex", "ChurnRiskApp"), (r.TenantId, r.InstanceKey)));
        Assert.Equal(2, reader.Diagnostics.RecordsSkippedByFilter);
    }

    [Fact]
    public void Documents_without_CustomerAI_yield_nothing_and_are_counted()
    {
        var (scores, d) = Fixtures.Scores("""
            {"_id":"x","identityMap":{"ECID":[{"id":"1","primary":true}]},"_acme":{"loyalty":{"tier":"gold"}}}
            {"_id":"y","_repo":{"createDate":"2021-01-01"}}
            """);

        Assert.Empty(scores);
        Assert.Equal(2, d.DocumentsRead);
        Assert.Equal(2, d.DocumentsWithoutScores);
    }

    [Fact]
    public async Task Sync_and_async_reads_are_identical()
    {
        var bytes = SampleJsonLines(new CaiSampleOptions { Persons = 300, Runs = 3 });
        using var syncReader = new CaiJsonReader(new MemoryStream(bytes), "sample");
        var sync = syncReader.ReadScores().ToList();

        await using var asyncReader = new CaiJsonReader(new MemoryStream(bytes), "sample");
        var async = new List<ScoreRecord>();
        await foreach (var score in asyncReader.ReadScoresAsync())
        {
            async.Add(score);
        }

        Assert.Equal(sync, async);
        Assert.Equal(syncReader.Diagnostics.RecordsNormalized, asyncReader.Diagnostics.RecordsNormalized);
    }

    [Fact]
    public void Reading_is_independent_of_how_the_stream_chunks_the_bytes()
    {
        var bytes = SampleJsonLines(new CaiSampleOptions { Persons = 50, Runs = 2 });
        var arrayBytes = Encoding.UTF8.GetBytes("[\n" + string.Join(",\n", Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries)) + "\n]");
        foreach (var input in new[] { bytes, arrayBytes })
        {
            using var whole = new CaiJsonReader(new MemoryStream(input), "whole");
            var expected = whole.ReadRecords().ToList();
            foreach (var chunk in new[] { 1, 2, 7, 4093 })
            {
                using var trickle = new CaiJsonReader(new TrickleStream(input, chunk), "trickle");
                Assert.Equal(expected, trickle.ReadRecords().ToList());
            }
        }
    }

    [Fact]
    public void Lines_count_from_one_and_blank_lines_and_a_bom_are_ignored()
    {
        var json = "\uFEFF\n\n" + Fixtures.Line("\"score\":\"high\"") + "\n";
        var e = Assert.Throws<CaiIngestException>(() => Fixtures.Records(json));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void A_reader_can_be_enumerated_once()
    {
        using var reader = Fixtures.Reader(Fixtures.Line("\"score\":1"));
        _ = reader.ReadRecords().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.ReadRecords());
    }

    [Fact]
    public async Task Cancellation_stops_an_async_read()
    {
        var bytes = SampleJsonLines(new CaiSampleOptions { Persons = 100, Runs = 1 });
        using var cts = new CancellationTokenSource();
        await using var reader = new CaiJsonReader(new MemoryStream(bytes), "sample");
        var count = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in reader.ReadRecordsAsync(cts.Token))
            {
                if (++count == 10)
                {
                    await cts.CancelAsync();
                }
            }
        });
        Assert.Equal(10, count);
    }

    [Fact]
    public void Repeated_strings_and_factors_are_shared_between_records()
    {
        var records = Fixtures.Records(Fixtures.Line("\"scoreDate\":\"2021-08-07\",\"influentialFactors\":[{\"code\":\"A\",\"value\":\"1\",\"importance\":\"high\"}]") + "\n"
            + Fixtures.Line("\"scoreDate\":\"2021-08-07\",\"influentialFactors\":[{\"code\":\"A\",\"value\":\"1\",\"importance\":\"high\"}]"));
        Assert.Same(records[0].ScoreDate, records[1].ScoreDate);
        Assert.Same(records[0].InfluentialFactors[0], records[1].InfluentialFactors[0]);
    }

    internal static byte[] SampleJsonLines(CaiSampleOptions options)
    {
        using var stream = new MemoryStream();
        CaiJsonWriter.WriteJsonLines(stream, CaiSampleData.Generate(options));
        return stream.ToArray();
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, to cross every buffer boundary.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
