using System.Buffers.Text;
using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Models;
using CaiScores.ReasonCodes;
using CaiScores.Segments;
using CaiScores.Tests.Columnar;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.ReasonCodes;

public sealed class ReasonCodeTableTests
{
    private static readonly List<ScoreRecord> Sample = TableAssert.Sample(persons: 700, runs: 4);
    private static readonly ScoreTable SampleTable = ScoreTable.FromScores(Sample).Single();
    private static readonly List<ScoreRecord> Edgy = ReasonCodeData.Records(persons: 900, runs: 3, seed: 3);
    private static readonly ScoreTable EdgyTable = ReasonCodeData.Table(Edgy).WithAttributes(ReasonCodeData.TierRows(900));

    public static TheoryData<ScoreField> Fields() => [ScoreField.Score, ScoreField.Probability, ScoreField.Percentile];

    [Theory]
    [MemberData(nameof(Fields))]
    public void Every_run_of_the_sample_matches_a_count_over_the_records(ScoreField field)
    {
        var scheme = field switch
        {
            ScoreField.Probability => BucketScheme.Create(field, 0.05, 0.1, 0.25),
            ScoreField.Percentile => BucketScheme.Create(field, 50, 80, 95),
            _ => BucketScheme.Cai,
        };
        foreach (var run in SampleTable.Runs)
        {
            foreach (var topN in new[] { 1, 5, 10 })
            {
                AssertMatchesReference(SampleTable, Sample, new ReasonCodeOptions { Scheme = scheme, Run = run.ScoreDate, TopN = topN }, [run.ScoreDate]);
            }
        }

        AssertMatchesReference(SampleTable, Sample, new ReasonCodeOptions { Scheme = BucketScheme.Distribution5, TopN = 3 }, [SampleTable.Runs[^1].ScoreDate]);
    }

    [Fact]
    public void Null_scores_null_codes_repeats_and_empty_lists_match_a_count_over_the_records()
    {
        foreach (var run in EdgyTable.Runs)
        {
            foreach (var includeNoValue in new[] { false, true })
            {
                foreach (var importance in new[] { ImportanceFilter.Any, ImportanceFilter.High, ImportanceFilter.Low | ImportanceFilter.Unspecified })
                {
                    foreach (var topN in new[] { 1, 4, int.MaxValue })
                    {
                        var options = new ReasonCodeOptions { Run = run.ScoreDate, IncludeNoValue = includeNoValue, Importance = importance, TopN = topN };
                        AssertMatchesReference(EdgyTable, Edgy, options, [run.ScoreDate]);
                    }
                }
            }
        }
    }

    [Fact]
    public void A_range_counts_a_person_in_every_bucket_they_reached_and_once_in_the_grand_total()
    {
        var runs = EdgyTable.Runs.Select(r => r.ScoreDate).ToArray();
        foreach (var (start, end) in new[] { (0, 3), (1, 3), (0, 1) })
        {
            var range = new DateRange(runs[start], runs[end - 1].AddDays(1));
            var options = new ReasonCodeOptions { Range = range, TopN = 6, IncludeNoValue = start == 1 };
            var result = AssertMatchesReference(EdgyTable, Edgy, options, [.. runs[start..end]]);
            Assert.Equal(runs[start..end], result.Runs);
            if (end - start > 1)
            {
                Assert.True(result.Rows.Sum(r => r.People) > result.GrandTotal, "people move between buckets across runs");
            }
        }

        var empty = ReasonCodeTable.Compute(EdgyTable, new ReasonCodeOptions { Range = new DateRange(new DateOnly(2020, 1, 1), new DateOnly(2020, 2, 1)) });
        Assert.Empty(empty.Runs);
        Assert.All(empty.Rows, r => Assert.Equal((0L, 0L, 0), (r.People, r.TableTotal, r.Factors.Count)));
        Assert.Equal((0L, 0L), (empty.GrandTotal, empty.NoValue));
    }

    [Fact]
    public void Segments_keep_the_persons_who_match()
    {
        var latest = EdgyTable.Runs[^1].ScoreDate;
        var code = ReasonCodeData.Codes[1];
        var gold = Enumerable.Range(0, 900).Where(p => p % 3 == 2).Select(ReasonCodeData.PersonId).ToHashSet();
        string[] ids = ["p000001", "p000002", "p000500", "nobody"];
        var segments = new[]
        {
            Segment.AttributeEquals("tier", "gold"),
            Segment.HasFactor(code),
            Segment.InBucket(BucketScheme.Cai, "Low"),
            Segment.Persons(ids),
            Segment.AttributeEquals("tier", "gold") & !Segment.HasFactor(code),
        };
        var everyRun = EdgyTable.Runs.Select(r => r.ScoreDate).ToHashSet();
        var window = new HashSet<DateOnly> { EdgyTable.Runs[1].ScoreDate, latest };
        foreach (var segment in segments)
        {
            // One run: the segment looks at every run of the table.
            var persons = Edgy.Select(r => r.PersonId).Distinct().Where(p => SegmentHolds(segment, p, everyRun, gold, code)).ToHashSet();
            var one = AssertMatchesReference(EdgyTable, Edgy, new ReasonCodeOptions { Segment = segment }, [latest], persons);
            Assert.InRange(one.GrandTotal, 1, 600);

            // A window: the segment looks at the window's runs.
            var range = new DateRange(EdgyTable.Runs[1].ScoreDate, latest.AddDays(1));
            var inWindow = Edgy.Select(r => r.PersonId).Distinct().Where(p => SegmentHolds(segment, p, window, gold, code)).ToHashSet();
            AssertMatchesReference(EdgyTable, Edgy, new ReasonCodeOptions { Segment = segment, Range = range }, window, inWindow);
        }
    }

    [Fact]
    public void Each_rule_on_a_small_table()
    {
        var x = "X code";
        var y = "Y code";
        var z = "Z code";
        var table = ScoreTable.FromScores(
        [
            Row("a", 10, (x, "1", Importance.High), (x, "2", Importance.Low), (y, "1", Importance.Medium)),
            Row("b", 20),                                            // no factors: in People, not in the table total
            Row("c", null, (x, "1", Importance.High)),               // no score: in no bucket
            Row("d", 25, (null, "1", Importance.Low), (z, null, Importance.Unspecified)), // 25 is on the edge: Medium
            Row("e", 80, (y, "3", Importance.High)),
            Row("f", 30, (null, "4", Importance.High)),              // only a factor without a code
            Row("g", 5, (y, "1", Importance.Medium)),
        ]).Single();

        var result = ReasonCodeTable.Compute(table);
        Assert.Equal((6L, 1L), (result.GrandTotal, result.NoValue));
        var low = result.GetRow("Low");
        Assert.Same(low, result.GetRow("Less than 25"));
        Assert.Equal((3L, 2L), (low.People, low.TableTotal));
        Assert.Equal(0.5, low.ShareOfGrandTotal);
        Assert.Equal([y, x], low.Factors.Select(f => f.Code));      // 2 people, then 1
        var lowX = low.Factors[1];
        Assert.Equal(1, lowX.People);                                // twice on "a": once
        Assert.Equal(new ImportanceCounts(Low: 1, Medium: 0, High: 1, Unspecified: 0), lowX.ImportanceCounts);
        Assert.Equal([new FactorValueCount("1", 1), new FactorValueCount("2", 1)], lowX.Values);
        Assert.Equal((0.5, 1.0 / 3), (lowX.ShareOfTableTotal, lowX.CoverageOfBucket));

        var medium = result.GetRow("Medium");
        Assert.Equal((2L, 1L, 0), (medium.People, medium.TableTotal, medium.OtherCodes));
        Assert.Equal([z], medium.Factors.Select(f => f.Code));
        Assert.Equal([new FactorValueCount(null, 1)], medium.Factors[0].Values);
        Assert.Equal("No value", medium.Factors[0].Values[0].Label);

        var withNoValue = ReasonCodeTable.Compute(table, new ReasonCodeOptions { IncludeNoValue = true }).GetRow("Medium");
        Assert.Equal((2L, 2L), (withNoValue.People, withNoValue.TableTotal));
        Assert.Equal([null, z], withNoValue.Factors.Select(f => f.Code)); // 2 people without a code, then Z
        Assert.Equal("No value", withNoValue.Factors[0].Label);

        var top1 = ReasonCodeTable.Compute(table, new ReasonCodeOptions { TopN = 1 }).GetRow("Low");
        Assert.Equal([y], top1.Factors.Select(f => f.Code));
        Assert.Equal(1, top1.OtherCodes);

        var high = ReasonCodeTable.Compute(table, new ReasonCodeOptions { Importance = ImportanceFilter.High });
        Assert.Equal([x], high.GetRow("Low").Factors.Select(f => f.Code));
        Assert.Equal(1L, high.GetRow("Low").TableTotal);             // "g" has only a medium factor
        Assert.Equal(new ImportanceCounts(0, 0, 1, 0), high.GetRow("Low").Factors[0].ImportanceCounts);
        Assert.Equal(["1"], high.GetRow("Low").Factors[0].Values.Select(v => v.Value));

        var e = Assert.Throws<ArgumentException>(() => result.GetRow("Huge"));
        Assert.Equal("bucket", e.ParamName);
        Assert.Contains("Low (Less than 25)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ties_go_to_the_ordinal_first_code()
    {
        var table = ScoreTable.FromScores(
        [
            Row("a", 10, ("b", null, Importance.Low), ("B", null, Importance.Low), ("a", null, Importance.Low), ("Ä", null, Importance.Low)),
        ]).Single();
        Assert.Equal(["B", "a", "b", "Ä"], ReasonCodeTable.Compute(table).GetRow("Low").Factors.Select(f => f.Code));
    }

    [Fact]
    public void Defaults_are_the_latest_run_cai_buckets_top_five_and_everyone()
    {
        var result = ReasonCodeTable.Compute(EdgyTable);
        Assert.Equal(new ReasonCodeOptions(), result.Options);
        Assert.Same(BucketScheme.Cai, result.Scheme);
        Assert.Equal([EdgyTable.Runs[^1].ScoreDate], result.Runs);
        Assert.Equal(["Low", "Medium", "High"], result.Rows.Select(r => r.DisplayName));
        Assert.All(result.Rows, r => Assert.Equal(5, r.Factors.Count));
        Assert.Equal(EdgyTable.Diagnostics, result.Diagnostics);
        Assert.Equal(
            ReasonCodeTable.Compute(EdgyTable, new ReasonCodeOptions { Run = EdgyTable.Runs[^1].ScoreDate }).Rows,
            result.Rows);
    }

    [Fact]
    public void The_insight_cards_are_the_top_ten_of_a_run()
    {
        var run = EdgyTable.Runs[1].ScoreDate;
        var cards = ReasonCodeTable.ForInsightCards(EdgyTable, run);
        Assert.Equal(10, cards.Options.TopN);
        Assert.Equal(ReasonCodeOptions.InsightCards with { Run = run }, cards.Options);
        Assert.Equal(ReasonCodeTable.Compute(EdgyTable, new ReasonCodeOptions { TopN = 10, Run = run }).Rows, cards.Rows);
        Assert.Contains(cards.Rows, r => r.Factors.Count == 10);
        foreach (var row in cards.Rows)
        {
            // Coverage and People order alike within a bucket.
            Assert.Equal(row.Factors.OrderByDescending(f => f.CoverageOfBucket).Select(f => f.Code), row.Factors.Select(f => f.Code));
        }
    }

    [Fact]
    public void Values_counted_in_the_first_walk_dense_or_in_a_second_walk_dense_or_sparse_agree()
    {
        foreach (var options in new[] { new ReasonCodeOptions { TopN = int.MaxValue, IncludeNoValue = true }, new ReasonCodeOptions { Range = new DateRange(ReasonCodeData.FirstRun, ReasonCodeData.FirstRun.AddDays(30)) } })
        {
            var fused = ReasonCodeTable.ComputeCore(EdgyTable, options, fusedValueCells: int.MaxValue);
            var dense = ReasonCodeTable.ComputeCore(EdgyTable, options, fusedValueCells: 0, valueDenseLimit: int.MaxValue);
            var sparse = ReasonCodeTable.ComputeCore(EdgyTable, options, fusedValueCells: 0, valueDenseLimit: 0);
            Assert.Equal(fused.Rows, dense.Rows);
            Assert.Equal(fused.Rows, sparse.Rows);
            Assert.Contains(fused.Rows, r => r.Factors.Any(f => f.Values.Count > 1));
        }
    }

    [Fact]
    public void Counting_any_split_of_the_persons_and_merging_gives_the_whole()
    {
        var random = new Random(8);
        foreach (var options in new[] { new ReasonCodeOptions(), new ReasonCodeOptions { Range = new DateRange(ReasonCodeData.FirstRun, ReasonCodeData.FirstRun.AddDays(30)), IncludeNoValue = true } })
        {
            var plan = ReasonCodePlan.Create(EdgyTable, options);
            var whole = ReasonCodeCounts.Create(plan);
            whole.Add(0, plan.Persons);
            var expected = ReasonCodeTable.Build(plan, whole);
            for (var trial = 0; trial < 10; trial++)
            {
                var cut = random.Next(0, plan.Persons + 1);
                var left = ReasonCodeCounts.Create(plan);
                var right = ReasonCodeCounts.Create(plan);
                left.Add(0, cut);
                right.Add(cut, plan.Persons - cut);
                right.Merge(left);
                Assert.Equal(whole.Tally.Keys, right.Tally.Keys);
                Assert.Equal((whole.Tally.Distinct, whole.Tally.NoValue), (right.Tally.Distinct, right.Tally.NoValue));
                Assert.Equal(expected.Rows, ReasonCodeTable.Build(plan, right).Rows);
            }
        }
    }

    [Fact]
    public void More_threads_give_identical_results_over_several_chunks()
    {
        // 150,000 persons: three chunks of the person index.
        var records = ReasonCodeData.Records(persons: 150_000, runs: 2, seed: 21, maxFactors: 5);
        var table = ReasonCodeData.Table(records);
        foreach (var options in new[] { new ReasonCodeOptions { TopN = 8 }, new ReasonCodeOptions { Range = new DateRange(ReasonCodeData.FirstRun, ReasonCodeData.FirstRun.AddDays(14)), IncludeNoValue = true } })
        {
            var one = AssertMatchesReference(table, records, options, options.Range is null ? [table.Runs[^1].ScoreDate] : [.. table.Runs.Select(r => r.ScoreDate)]);
            foreach (var threads in new[] { 2, 4 })
            {
                var many = ReasonCodeTable.Compute(table, options with { MaxDegreeOfParallelism = threads });
                Assert.Equal(one.Rows, many.Rows);
                Assert.Equal((one.GrandTotal, one.NoValue), (many.GrandTotal, many.NoValue));
            }
        }
    }

    [Fact]
    public void Bad_options_name_the_parameter()
    {
        ArgumentException Fails(ReasonCodeOptions options) => Assert.ThrowsAny<ArgumentException>(() => ReasonCodeTable.Compute(EdgyTable, options));

        Assert.Equal("TopN", Fails(new ReasonCodeOptions { TopN = 0 }).ParamName);
        Assert.Equal("TopN", Fails(new ReasonCodeOptions { TopN = -3 }).ParamName);
        var both = Fails(new ReasonCodeOptions { Run = ReasonCodeData.FirstRun, Range = new DateRange(ReasonCodeData.FirstRun, ReasonCodeData.FirstRun.AddDays(1)) });
        Assert.Equal("Range", both.ParamName);
        Assert.Contains("Run (2026-01-04) and Range", both.Message, StringComparison.Ordinal);
        var unknown = Fails(new ReasonCodeOptions { Run = new DateOnly(1999, 1, 1) });
        Assert.Equal("Run", unknown.ParamName);
        Assert.Contains("its runs are 2026-01-04, 2026-01-11, 2026-01-18", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("MaxDegreeOfParallelism", Fails(new ReasonCodeOptions { MaxDegreeOfParallelism = 0 }).ParamName);
        Assert.Equal("Importance", Fails(new ReasonCodeOptions { Importance = 0 }).ParamName);
        Assert.Equal("Importance", Fails(new ReasonCodeOptions { Importance = (ImportanceFilter)16 }).ParamName);
        Assert.Equal("Scheme", Fails(new ReasonCodeOptions { Scheme = null! }).ParamName);
        Assert.Equal("attribute", Fails(new ReasonCodeOptions { Segment = Segment.AttributeEquals("colour", "red") }).ParamName);

        var several = Fails(new ReasonCodeOptions { TopN = 0, MaxDegreeOfParallelism = 0 });
        Assert.Equal("options", several.ParamName);
        Assert.Contains("TopN is 0", several.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDegreeOfParallelism is 0", several.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ReasonCodeTable.Compute(null!));
    }

    [Fact]
    public void The_screenshot_numbers_come_out()
    {
        // CJA's freeform table in the CAI integration doc: 1,952,586 people; "Less than 25" holds 1,305,005 (66.8 %), of
        // whom 536,131 have an influential factor; the first factor has 348,231 of them (65.0 %).
        var table = ScreenshotTable();
        var result = ReasonCodeTable.Compute(table);
        Assert.Equal(1_952_586, result.GrandTotal);
        Assert.Equal([1_305_005L, 549_952, 97_629], result.Rows.Select(r => r.People));
        Assert.Equal(["66.8 %", "28.2 %", "5.0 %"], result.Rows.Select(r => Percent(r.ShareOfGrandTotal)));
        var low = result.GetRow("Less than 25");
        Assert.Equal(536_131, low.TableTotal);
        Assert.Equal(("Counts of webVisit in last 30 days", 348_231L), (low.Factors[1].Code, low.Factors[1].People));
        Assert.Equal("65.0 %", Percent(low.Factors[1].ShareOfTableTotal));
        Assert.Equal("26.7 %", Percent(low.Factors[1].CoverageOfBucket));
        Assert.Equal(("Days since last webVisit", 536_131L, "100.0 %"), (low.Factors[0].Code, low.Factors[0].People, Percent(low.Factors[0].ShareOfTableTotal)));

        static string Percent(double share) => (share * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>
    /// Compares the table's breakdown with the reference over the records of <paramref name="runs"/> (and of
    /// <paramref name="persons"/> when given), and returns it.
    /// </summary>
    private static ReasonCodeTable AssertMatchesReference(ScoreTable table, List<ScoreRecord> records, ReasonCodeOptions options, HashSet<DateOnly> runs, HashSet<string>? persons = null)
    {
        var actual = ReasonCodeTable.Compute(table, options);
        var importances = Enum.GetValues<Importance>().Where(i => options.Importance.HasFlag((ImportanceFilter)(1 << (int)i))).ToHashSet();
        var rows = ReferenceTable.From(records, table.InstanceKey).Rows.Values;
        var (expected, grand, noValue) = ReferenceReasonCodes.Breakdown(rows, options.Scheme, runs, persons, importances, options.IncludeNoValue, options.TopN);
        Assert.Equal((grand, noValue), (actual.GrandTotal, actual.NoValue));
        for (var b = 0; b < expected.Length; b++)
        {
            Assert.Equal(
                (expected[b].Bucket, expected[b].People, expected[b].ShareOfGrandTotal, expected[b].TableTotal, expected[b].OtherCodes),
                (actual.Rows[b].Bucket, actual.Rows[b].People, actual.Rows[b].ShareOfGrandTotal, actual.Rows[b].TableTotal, actual.Rows[b].OtherCodes));
            Assert.Equal(expected[b].Factors.Select(f => (f.Code, f.People)), actual.Rows[b].Factors.Select(f => (f.Code, f.People)));
            Assert.Equal(expected[b].Factors, actual.Rows[b].Factors);
        }

        Assert.Equal(expected, actual.Rows);

        // The same with the values counted in a second walk (the way for many codes × values).
        Assert.Equal(actual.Rows, ReasonCodeTable.ComputeCore(table, options, fusedValueCells: 0).Rows);
        return actual;
    }

    private static bool SegmentHolds(Segment segment, string person, HashSet<DateOnly> runs, HashSet<string> gold, string code)
    {
        var rows = Edgy.Where(r => r.PersonId == person && runs.Contains(r.RunKey)).ToList();
        var hasCode = rows.Any(r => r.Factors.Any(f => f.Code == code));
        return segment.ToString() switch
        {
            var s when s.Contains(" and not (", StringComparison.Ordinal) => gold.Contains(person) && !hasCode,
            var s when s.StartsWith("tier", StringComparison.Ordinal) => gold.Contains(person),
            var s when s.StartsWith("has factor", StringComparison.Ordinal) => hasCode,
            var s when s.StartsWith("score bucket", StringComparison.Ordinal) => rows.Any(r => r.Score < 25),
            var s when s.StartsWith("one of", StringComparison.Ordinal) => person is "p000001" or "p000002" or "p000500",
            var s => throw new InvalidOperationException(s),
        };
    }

    private static ScoreRecord Row(string person, double? score, params (string? Code, string? Value, Importance Importance)[] factors) => new()
    {
        PersonId = person,
        TenantId = "acme",
        InstanceKey = "Inst",
        RunKey = ReasonCodeData.FirstRun,
        ScoreDate = ReasonCodeData.FirstRun,
        Score = score,
        Factors = [.. factors.Select(f => new InfluentialFactor { Code = f.Code, Value = f.Value, Importance = f.Importance })],
    };

    /// <summary>The screenshot's counts as a table, written row by row through the columnar writer (fast at two million rows).</summary>
    private static ScoreTable ScreenshotTable()
    {
        var builder = new ScoreTableBuilder();
        var writer = builder.GetWriter("acme", "Purchase")!;
        var visits = writer.GetFactorCodeId("Counts of webVisit in last 30 days"u8);
        var days = writer.GetFactorCodeId("Days since last webVisit"u8);
        var value = writer.GetFactorValueId("3"u8);
        var person = 0;
        void Add(int count, double score, int withFactors, int withVisits)
        {
            Span<byte> id = stackalloc byte[16];
            for (var i = 0; i < count; i++, person++)
            {
                id[0] = (byte)'p';
                Utf8Formatter.TryFormat(person, id[1..], out var written);
                Assert.True(writer.AddRow(id[..(written + 1)], ReasonCodeData.FirstRun, null, score, null, null, "conversion"));
                if (i < withFactors)
                {
                    writer.AddFactor(days, value, Importance.Medium);
                }

                if (i < withVisits)
                {
                    writer.AddFactor(visits, value, Importance.High);
                }
            }
        }

        Add(1_305_005, 10, withFactors: 536_131, withVisits: 348_231);
        Add(549_952, 50, withFactors: 549_952, withVisits: 0);
        Add(97_629, 90, withFactors: 97_629, withVisits: 97_629);
        return builder.Build().Single();
    }
}
