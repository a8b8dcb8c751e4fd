using System.Globalization;
using System.Text;
using CaiScores.Audiences;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Columnar.Ipc;
using CaiScores.Ingest;
using CaiScores.Models;
using CaiScores.Overlaps;
using CaiScores.Segments;
using CaiScores.Targeting;
using CaiScores.Tests.Columnar;
using CaiScores.Transitions;

namespace CaiScores.Tests.Audiences;

public sealed class AudienceExportTests
{
    private static readonly ScoreTable Sample = ScoreTable.FromScores(TableAssert.Sample(persons: 400, runs: 3)).Single();

    private static DateOnly Day(int i) => new DateOnly(2026, 1, 4).AddDays(7 * i);

    /// <summary>A table whose persons come from the namespaces given (null: not known), one run, scores 0, 10, 20, …</summary>
    private static ScoreTable Mixed(params string?[] namespaces) =>
        ScoreTable.FromScores(namespaces.Select((ns, i) => new ScoreRecord
        {
            PersonId = $"p{i}",
            IdentityNamespace = ns,
            TenantId = "acme",
            InstanceKey = "conv",
            RunKey = Day(0),
            Score = i * 10 % 101,
            Probability = i * 0.1 % 1,
            PercentileScore = 1 + i,
        })).Single();

    /// <summary>The reference: the header, then the segment's ids of that namespace in person-index order.</summary>
    private static string Expected(ScoreTable table, Segment segment, string header, Func<int, bool> take)
    {
        var text = new StringBuilder(header).Append("\r\n");
        var set = segment.Evaluate(table);
        for (var p = 0; p < table.Persons.Count; p++)
        {
            if (set.Contains(p) && take(p))
            {
                text.Append(table.Persons[p]).Append("\r\n");
            }
        }

        return text.ToString();
    }

    private static (Audience Audience, string Csv) Write(ScoreTable table, Segment segment, AudienceOptions? options = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var audience = AudienceExport.WriteCsv(table, segment, writer, options);
        return (audience, writer.ToString());
    }

    [Fact]
    public void Ingest_keeps_the_namespace_each_id_came_from()
    {
        Assert.Equal(["ECID"], Sample.IdentityNamespaces);
        Assert.All(Enumerable.Range(0, Sample.Persons.Count), p => Assert.Equal("ECID", Sample.GetIdentityNamespace(p)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sample.GetIdentityNamespace(Sample.Persons.Count));
        var table = Mixed("ECID", null, "Email");
        Assert.Equal(["ECID", "Email"], table.IdentityNamespaces);
        Assert.Equal(["ECID", null, "Email"], Enumerable.Range(0, 3).Select(table.GetIdentityNamespace));
    }

    [Fact]
    public void The_primary_rule_records_the_namespace_it_took_the_id_from()
    {
        IdentityItem Item(string id, bool primary) => new() { Id = id, Primary = primary };
        CaiScoreRecord Record(string key, Dictionary<string, IReadOnlyList<IdentityItem>> map) => new()
        {
            TenantId = "acme",
            InstanceKey = "conv",
            IdentityMap = map,
            ScoreDate = "2026-01-04",
            Score = 50,
            RecordId = key,
        };

        CaiScoreRecord[] records =
        [
            Record("single", new() { ["Phone"] = [Item("a", false)] }),
            Record("two-primary", new() { ["ECID"] = [Item("b", true)], ["Email"] = [Item("b@x", true)] }),
            Record("one-primary", new() { ["Email"] = [Item("c@x", true)], ["ECID"] = [Item("c", false)] }),
        ];
        var table = ScoreTable.FromScores(TableAssert.ScoresOf(records)).Single();
        Assert.Equal(["a", "b", "c@x"], table.Persons);
        Assert.Equal(["Phone", "ECID", "Email"], Enumerable.Range(0, 3).Select(table.GetIdentityNamespace));

        var named = ScoreTable.FromScores(TableAssert.ScoresOf(records).Select(s => s).ToList()).Single();
        var normalizer = new ScoreNormalizer(new CaiScoresOptions { IdentityNamespace = "ECID" });
        var byEcid = records.Select(r => normalizer.TryNormalize(r, out var s) ? s : null).OfType<ScoreRecord>().ToList();
        Assert.All(byEcid, s => Assert.Equal("ECID", s.IdentityNamespace));
        Assert.Equal(["b", "c"], byEcid.Select(s => s.PersonId));
        Assert.Equal(3, named.Persons.Count);
    }

    [Theory]
    [InlineData(ArrowIpcFormat.File)]
    [InlineData(ArrowIpcFormat.Stream)]
    public void Arrow_files_keep_the_namespaces(ArrowIpcFormat format)
    {
        var table = Mixed("ECID", null, "Email", "ECID");
        var loaded = TableAssert.RoundTrip(table, format);
        Assert.Equal(["ECID", null, "Email", "ECID"], Enumerable.Range(0, 4).Select(loaded.GetIdentityNamespace));
        Assert.Empty(TableAssert.RoundTrip(Mixed(null, null), format).IdentityNamespaces);
    }

    [Fact]
    public void The_one_line_export_writes_the_segments_ids_under_their_namespace()
    {
        var segment = Segment.InBucket(BucketScheme.Cai, "High", Sample.Runs[^1].ScoreDate);
        var path = Path.Combine(Directory.CreateTempSubdirectory("cai-audience-").FullName, "high.csv");
        var audience = AudienceExport.WriteCsv(Sample, segment, path);
        var bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]); // no byte order mark
        Assert.Equal(Expected(Sample, segment, "ECID", _ => true), Encoding.UTF8.GetString(bytes));
        Assert.Equal(segment.Evaluate(Sample).Count, audience.Count);
        Assert.True(audience.Count > 0);
        Assert.Equal(audience.Count, audience.Written);
        Assert.Equal([new AudienceNamespaceRow("ECID", audience.Count, audience.Count)], audience.Namespaces);
        Assert.Equal([new AudienceFile(path, "ECID", audience.Count)], audience.Files);
        Assert.Equal(segment.ToString(), audience.Name);
        Assert.Equal(segment.Evaluate(Sample).GetIds(Sample), audience.GetPersonIds(Sample));
    }

    [Fact]
    public void Every_kind_of_segment_exports()
    {
        var first = Sample.Runs[0].ScoreDate;
        var last = Sample.Runs[^1].ScoreDate;
        Segment[] segments =
        [
            TopPercent.Select(Sample, 20).ToSegment(),
            TransitionMatrix.Compute(Sample, first, last).ToSegment(Sample, "Low", "High"),
            VennRegion(first, last),
            Segment.ValueInRange(ScoreField.Probability, 0.5, run: last) & !Segment.PresentIn(first),
        ];
        foreach (var segment in segments)
        {
            var (audience, csv) = Write(Sample, segment);
            Assert.Equal(Expected(Sample, segment, "ECID", _ => true), csv);
            Assert.Equal(segment.Evaluate(Sample).Count, audience.Count);
        }
    }

    private static Segment VennRegion(DateOnly first, DateOnly last)
    {
        var venn = Venn.Compute(Sample, [new OverlapSet("a", Segment.InBucket(BucketScheme.Cai, "High", first)), new OverlapSet("b", Segment.InBucket(BucketScheme.Cai, "High", last))]);
        return venn.ToSegment(venn.Regions.First(r => r.Degree == 2));
    }

    [Fact]
    public void Persons_of_several_namespaces_go_to_a_file_each_or_to_the_one_asked_for()
    {
        var table = Mixed("ECID", "Email", "ECID", "Email", "ECID");
        var everyone = Segment.Everyone;
        var error = Assert.Throws<InvalidOperationException>(() => Write(table, everyone));
        Assert.Contains("3 ECID, 2 Email persons", error.Message, StringComparison.Ordinal);
        Assert.Contains("WriteCsvFiles", error.Message, StringComparison.Ordinal);

        var (email, csv) = Write(table, everyone, new AudienceOptions { IdentityNamespace = "Email" });
        Assert.Equal("Email\r\np1\r\np3\r\n", csv);
        Assert.Equal([new AudienceNamespaceRow("ECID", 3, 0), new AudienceNamespaceRow("Email", 2, 2)], email.Namespaces);

        var folder = Directory.CreateTempSubdirectory("cai-audience-").FullName;
        var both = AudienceExport.WriteCsvFiles(table, everyone, folder, new AudienceOptions { Name = "All / everyone" });
        Assert.Equal(["All---everyone.ECID.csv", "All---everyone.Email.csv"], both.Files.Select(f => Path.GetFileName(f.Path)));
        Assert.Equal("ECID\r\np0\r\np2\r\np4\r\n", File.ReadAllText(both.Files[0].Path));
        Assert.Equal("Email\r\np1\r\np3\r\n", File.ReadAllText(both.Files[1].Path));
        Assert.Equal(5, both.Written);

        var absent = Assert.Throws<InvalidOperationException>(() => Write(table, everyone, new AudienceOptions { IdentityNamespace = "Phone" }));
        Assert.Contains("no person of namespace 'Phone'", absent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_of_unknown_namespace_need_the_namespace_named()
    {
        var table = Mixed(null, null, "ECID");
        var error = Assert.Throws<InvalidOperationException>(() => Write(table, Segment.Everyone));
        Assert.Contains("2 of unknown namespace", error.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityNamespace", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => AudienceExport.WriteCsvFiles(table, Segment.Everyone, Directory.CreateTempSubdirectory("cai-audience-").FullName));

        var (audience, csv) = Write(table, Segment.Everyone, new AudienceOptions { IdentityNamespace = "ECID" });
        Assert.Equal("ECID\r\np0\r\np1\r\np2\r\n", csv);
        Assert.Equal([new AudienceNamespaceRow("ECID", 1, 1), new AudienceNamespaceRow(null, 2, 2)], audience.Namespaces);
        Assert.Equal(3, audience.Written);
    }

    [Fact]
    public void Extra_columns_are_the_run_values_and_odd_ids_are_quoted()
    {
        var records = new[] { "plain", "with,comma", "with \"quote\"", " edge " }.Select((id, i) => new ScoreRecord
        {
            PersonId = id,
            IdentityNamespace = "CRM ID",
            TenantId = "acme",
            InstanceKey = "conv",
            RunKey = Day(i == 3 ? 1 : 0),
            Score = i == 1 ? null : 12.5 + (i * 30),
            Probability = 0.125 * (i + 1),
            PercentileScore = i + 1,
        });
        var table = ScoreTable.FromScores(records).Single();
        var (audience, csv) = Write(table, Segment.Everyone, new AudienceOptions { Run = Day(0), Columns = AudienceColumns.Score | AudienceColumns.Probability | AudienceColumns.PercentileScore | AudienceColumns.Bucket });
        Assert.Equal(
            "CRM ID,score,probability,percentileScore,bucket\r\n"
            + "plain,12.5,0.125,1,Low\r\n"
            + "\"with,comma\",,0.25,2,\r\n"
            + "\"with \"\"quote\"\"\",72.5,0.375,3,Medium\r\n"
            + "\" edge \",,,,\r\n",
            csv);
        Assert.Equal(1, audience.NotScoredInRun);
        Assert.Equal(
            [new AudienceBucketRow("Low", 1, 1, 1.0), new AudienceBucketRow("Medium", 1, 1, 1.0), new AudienceBucketRow("High", 0, 0, null), new AudienceBucketRow("No value", 1, 1, 1.0)],
            audience.Buckets);
    }

    [Fact]
    public void The_bucket_breakdown_matches_a_count_person_by_person()
    {
        var random = new Random(17);
        for (var trial = 0; trial < 20; trial++)
        {
            var run = Sample.Runs[random.Next(Sample.Runs.Count)];
            var scheme = random.Next(2) == 0 ? BucketScheme.Cai : BucketScheme.Create(ScoreField.Probability, 0.2, 0.5, 0.9);
            var segment = Segment.ValueInRange(ScoreField.Score, random.Next(0, 90), run: Sample.Runs[random.Next(Sample.Runs.Count)].ScoreDate);
            var audience = AudienceExport.Describe(Sample, segment, new AudienceOptions { Run = run.ScoreDate, Scheme = scheme });
            var set = segment.Evaluate(Sample);
            var inBucket = new long[scheme.Buckets.Count + 1];
            var scored = new long[scheme.Buckets.Count + 1];
            long notScored = 0;
            for (var p = 0; p < Sample.Persons.Count; p++)
            {
                if (!run.IsPresent(p))
                {
                    notScored += set.Contains(p) ? 1 : 0;
                    continue;
                }

                double? value = scheme.Field == ScoreField.Score ? run.GetScore(p) : run.GetProbability(p);
                var b = value is { } v && !double.IsNaN(v) ? scheme.BucketOf(v) : scheme.Buckets.Count;
                scored[b]++;
                inBucket[b] += set.Contains(p) ? 1 : 0;
            }

            Assert.Equal(notScored, audience.NotScoredInRun);
            for (var b = 0; b < scheme.Buckets.Count; b++)
            {
                Assert.Equal(scheme.Buckets[b].DisplayName, audience.Buckets[b].Bucket);
                Assert.Equal(inBucket[b], audience.Buckets[b].Persons);
                Assert.Equal(scored[b], audience.Buckets[b].Scored);
            }

            Assert.Equal(scored[^1] > 0 ? scheme.Buckets.Count + 1 : scheme.Buckets.Count, audience.Buckets.Count);
            Assert.Empty(audience.Files);
            Assert.Equal(0, audience.Written);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(128)]
    [InlineData(131)]
    public void The_bucket_split_is_exact_at_word_boundaries(int persons)
    {
        // Run 1 scores everyone; run 2 every third person not at all, every fifth without a score, every seventh NaN.
        var records = Enumerable.Range(0, persons).SelectMany(i => new[]
        {
            new ScoreRecord { PersonId = $"p{i}", IdentityNamespace = "ECID", TenantId = "t", InstanceKey = "k", RunKey = Day(0), Score = i % 100 },
            new ScoreRecord { PersonId = $"p{i}", IdentityNamespace = "ECID", TenantId = "t", InstanceKey = "k", RunKey = Day(1), Score = i % 5 == 0 ? null : i % 7 == 0 ? double.NaN : (i * 37) % 101 },
        }.Where(r => r.RunKey == Day(0) || i % 3 != 0));
        var table = ScoreTable.FromScores(records, new CaiScoresOptions { OutOfRange = OutOfRangePolicy.Keep }).Single();
        var segment = Segment.Persons(Enumerable.Range(0, persons).Where(i => i % 2 == 0).Select(i => $"p{i}"));
        var audience = AudienceExport.Describe(table, segment, new AudienceOptions { Run = Day(1) });
        long Count(Func<int, bool> take) => Enumerable.Range(0, persons).LongCount(take);
        double? Score(int i) => i % 5 == 0 ? null : i % 7 == 0 ? double.NaN : (i * 37) % 101;
        int? Bucket(int i) => i % 3 == 0 || Score(i) is not { } v || double.IsNaN(v) ? null : v < 25 ? 0 : v < 75 ? 1 : 2;
        Assert.Equal(Count(i => i % 2 == 0 && i % 3 == 0), audience.NotScoredInRun);
        for (var b = 0; b < 3; b++)
        {
            Assert.Equal(Count(i => i % 2 == 0 && Bucket(i) == b), audience.Buckets[b].Persons);
            Assert.Equal(Count(i => Bucket(i) == b), audience.Buckets[b].Scored);
        }

        var noValue = Count(i => i % 3 != 0 && Bucket(i) is null);
        Assert.Equal(noValue > 0 ? Count(i => i % 2 == 0 && i % 3 != 0 && Bucket(i) is null) : (long?)null, audience.Buckets.ElementAtOrDefault(3)?.Persons);
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var everyone = Segment.Everyone;
        var run = Assert.Throws<ArgumentException>(() => AudienceExport.Describe(Sample, everyone, new AudienceOptions { Run = new DateOnly(2020, 1, 1) }));
        Assert.Contains("No run on 2020-01-01", run.Message, StringComparison.Ordinal);
        var options = Assert.Throws<ArgumentException>(() => AudienceExport.Describe(Sample, everyone, new AudienceOptions { Name = " ", IdentityNamespace = "", Columns = (AudienceColumns)64 }));
        Assert.Contains("Name must be", options.Message, StringComparison.Ordinal);
        Assert.Contains("IdentityNamespace must be", options.Message, StringComparison.Ordinal);
        Assert.Contains("unknown flag (64)", options.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => AudienceExport.Describe(null!, everyone));
        Assert.Throws<ArgumentNullException>(() => AudienceExport.Describe(Sample, null!));
        Assert.Throws<ArgumentException>(() => AudienceExport.WriteCsv(Sample, everyone, ""));
        Assert.Throws<ArgumentException>(() => AudienceExport.Describe(Sample, Segment.InBucket(BucketScheme.Cai, "Top")));
    }

    [Fact]
    public void An_empty_audience_writes_the_header_alone()
    {
        var (audience, csv) = Write(Sample, Segment.Persons(["nobody"]));
        Assert.Equal("ECID\r\n", csv);
        Assert.Equal(0, audience.Count);
        Assert.Empty(audience.Namespaces);
        Assert.Contains("0 persons", audience.ToString(), StringComparison.Ordinal);
    }
}
