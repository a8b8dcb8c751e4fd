using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Flows;
using CaiScores.Internal;
using CaiScores.Models;
using CaiScores.Segments;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Flows;

public sealed class BucketFlowTests
{
    private static readonly DateOnly Day = FlowData.Day0;
    private static readonly List<ScoreRecord> Records = FlowData.Records(persons: 600, runs: 6, seed: 11);
    private static readonly ScoreTable Table = ScoreTable.FromScores(Records).Single();

    public static TheoryData<int, int> Sizes => new() { { 0, 3 }, { 1, 4 }, { 2, 1 }, { 63, 8 }, { 4097, 5 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_anchor_and_setting_matches_the_reference(int persons, int runs)
    {
        var records = FlowData.Records(persons, runs, seed: persons + runs);
        var table = persons == 0 ? Empty() : ScoreTable.FromScores(records).Single();
        foreach (var anchor in FlowData.Anchors(BucketScheme.Cai))
        {
            foreach (var options in Variants(anchor))
            {
                var expected = ReferenceFlows.Compute(records, options);
                FlowData.AssertMatches(expected, BucketFlow.Compute(table, options));
            }
        }
    }

    [Fact]
    public void More_persons_than_a_chunk_match_the_reference()
    {
        var records = FlowData.Records(65_537, 4, seed: 3);
        var table = ScoreTable.FromScores(records).Single();
        foreach (var options in new[]
        {
            new BucketFlowOptions(),
            new BucketFlowOptions { Anchor = FlowAnchor.Contains("Medium"), Columns = 2, IncludeNotScored = true, IncludeNoValue = true },
        })
        {
            FlowData.AssertMatches(ReferenceFlows.Compute(records, options), BucketFlow.Compute(table, options));
        }
    }

    [Theory]
    [InlineData(ScoreField.Score)]
    [InlineData(ScoreField.Probability)]
    [InlineData(ScoreField.Percentile)]
    public void Twenty_buckets_merge_into_more_nodes_as_the_reference_does(ScoreField field)
    {
        var scheme = field switch
        {
            ScoreField.Score => BucketScheme.Distribution5,
            ScoreField.Probability => BucketScheme.Create(field, [.. Enumerable.Range(1, 19).Select(i => i * 0.05)]),
            _ => BucketScheme.Create(field, [.. Enumerable.Range(1, 19).Select(i => i * 5.0)]),
        };
        foreach (var anchor in FlowData.Anchors(scheme))
        {
            foreach (var items in new[] { 1, 3, 10 })
            {
                var options = new BucketFlowOptions { Scheme = scheme, Anchor = anchor, ItemsPerColumn = items, Columns = 3, IncludeNoValue = true, IncludeNotScored = items == 3 };
                var flow = BucketFlow.Compute(Table, options);
                FlowData.AssertMatches(ReferenceFlows.Compute(Records, options), flow);
                Assert.True(items == 10 || flow.Nodes.Any(n => n.Kind == FlowNodeKind.More));
            }
        }
    }

    [Fact]
    public void A_person_with_one_run_goes_from_entry_to_the_bucket_to_exit()
    {
        var t = Build(("a", 0, 80.0));
        var flow = BucketFlow.Compute(t);
        Assert.Equal(
            ["0 Entry 1", "1 75 or more 1", "2 Exit 1"],
            flow.Nodes.Select(n => $"{n.Column} {n.Label} {n.Count}"));
        Assert.Equal(["0 Entry → 75 or more 1", "1 75 or more → Exit 1"], flow.Links.Select(l => $"{l.FromColumn} {l.From} → {l.To} {l.Count}"));
        Assert.Equal(1.0, flow.Nodes[2].PctOfAnchor);
        Assert.Equal([FlowNodeKind.Anchor, FlowNodeKind.Item, FlowNodeKind.Exit], flow.Nodes.Select(n => n.Kind));
    }

    [Fact]
    public void Repeats_collapse_unless_included()
    {
        var t = Build(("a", 0, 80.0), ("a", 1, 90.0), ("a", 2, 10.0));
        Assert.Equal(["75 or more", "Less than 25"], Items(BucketFlow.Compute(t)));
        Assert.Equal(["75 or more", "75 or more"], Items(BucketFlow.Compute(t, new BucketFlowOptions { IncludeRepeats = true })));
    }

    [Fact]
    public void Missing_runs_are_not_scored_between_the_first_and_last_run_and_exit_after()
    {
        // Runs 0..4: missing from 0 (before the first: no step), 2 (a gap), 4 (after the last: Exit).
        var t = Build(("a", 1, 80.0), ("a", 3, 85.0), ("b", 4, 10.0));
        var options = new BucketFlowOptions { IncludeNotScored = true, Columns = 4, Segment = Segment.Persons(["a"]) };
        Assert.Equal(["75 or more", "Not scored", "75 or more", "Exit"], Items(BucketFlow.Compute(t, options)));
        Assert.Equal(["75 or more", "Exit"], Items(BucketFlow.Compute(t, options with { IncludeNotScored = false })));

        // Two missing runs in a row are one step, or two with repeats.
        var two = Build(("a", 0, 80.0), ("a", 3, 85.0));
        Assert.Equal(["75 or more", "Not scored", "75 or more", "Exit"], Items(BucketFlow.Compute(two, options)));
        Assert.Equal(["75 or more", "Not scored", "Not scored", "75 or more"], Items(BucketFlow.Compute(two, options with { IncludeRepeats = true })));
    }

    [Fact]
    public void A_run_without_a_value_is_no_step_unless_no_value_is_included()
    {
        var t = Build(("a", 0, 80.0), ("a", 1, null), ("a", 2, 90.0));
        var options = new BucketFlowOptions { Columns = 3, IncludeNotScored = true, Segment = Segment.Persons(["a"]) };
        Assert.Equal(["75 or more", "Exit"], Items(BucketFlow.Compute(t, options)));
        Assert.Equal(["75 or more", "Unscored", "75 or more"], Items(BucketFlow.Compute(t, options with { IncludeNoValue = true, NoValueLabel = "Unscored" })));
        Assert.Equal(0, BucketFlow.Compute(Build(("a", 0, null)), options).AnchorCount);
    }

    [Fact]
    public void Ends_with_reads_backwards_to_entry_and_contains_goes_both_ways()
    {
        var t = Build(("a", 0, 10.0), ("a", 1, 50.0), ("a", 2, 80.0), ("a", 3, 50.0), ("b", 0, 50.0));
        var ends = BucketFlow.Compute(t, new BucketFlowOptions { Anchor = FlowAnchor.EndsWith("Medium") });
        Assert.Equal(
            ["-2 25 to 75 1", "-2 Entry 1", "-1 75 or more 1", "-1 Less than 25 1", "-1 Entry 1", "0 25 to 75 3"],
            ends.Nodes.Select(n => $"{n.Column} {n.Label} {n.Count}"));
        Assert.Equal((3L, 2L), (ends.AnchorCount, ends.Persons));
        var endNode = ends.NodesIn(-2).Single(n => n.Label == "Entry");
        Assert.Equal(["Entry → Less than 25 → 25 to 75: 1"], ends.PathsTo(endNode).Select(p => p.ToString()));
        var last = BucketFlow.Compute(t, new BucketFlowOptions { Anchor = FlowAnchor.EndsWith("Medium"), LimitToFirstLastOccurrence = true });
        Assert.Equal((2L, 2L), (last.AnchorCount, last.Persons));
        Assert.Equal(["75 or more", "Entry"], last.NodesIn(-1).Select(n => n.Label));

        var contains = BucketFlow.Compute(t, new BucketFlowOptions { Anchor = FlowAnchor.Contains("Medium"), Columns = 1, LimitToFirstLastOccurrence = true });
        Assert.Equal(
            ["-1 Less than 25 1", "-1 Entry 1", "0 25 to 75 2", "1 75 or more 1", "1 Exit 1"],
            contains.Nodes.Select(n => $"{n.Column} {n.Label} {n.Count}"));
        Assert.Equal(
            ["-1 Less than 25 → 25 to 75 1", "-1 Entry → 25 to 75 1", "0 25 to 75 → 75 or more 1", "0 25 to 75 → Exit 1"],
            contains.Links.Select(l => $"{l.FromColumn} {l.From} → {l.To} {l.Count}"));
    }

    [Fact]
    public void Starts_with_counts_every_occurrence_unless_limited_to_the_first()
    {
        var t = Build(("a", 0, 80.0), ("a", 1, 10.0), ("a", 2, 80.0));
        var every = BucketFlow.Compute(t, FlowAnchor.StartsWith("High"));
        Assert.Equal((2L, 1L), (every.AnchorCount, every.Persons));
        Assert.Equal(["1 Less than 25 1", "1 Exit 1", "2 75 or more 1"], every.Nodes.Skip(1).Select(n => $"{n.Column} {n.Label} {n.Count}"));
        var first = BucketFlow.Compute(t, new BucketFlowOptions { Anchor = FlowAnchor.StartsWith("75 or more"), LimitToFirstLastOccurrence = true });
        Assert.Equal((1L, 1L), (first.AnchorCount, first.Persons));
        Assert.Equal("75 or more", first.Nodes[0].Label);
    }

    [Fact]
    public void Top_items_break_ties_by_label_and_the_rest_merge_into_more()
    {
        // Column 1: Medium 2, High 2, Low 1 → with 1 item: "25 to 75" wins the tie (ordinal before "75 or more").
        var t = Build(("a", 0, 50.0), ("b", 0, 60.0), ("c", 0, 80.0), ("d", 0, 90.0), ("e", 0, 5.0));
        var flow = BucketFlow.Compute(t, new BucketFlowOptions { ItemsPerColumn = 1 });
        var column = flow.NodesIn(1);
        Assert.Equal(["25 to 75 2", "+2 more 3"], column.Select(n => $"{n.Label} {n.Count}"));
        Assert.Equal(["75 or more", "Less than 25"], column[1].MergedLabels);
        Assert.Equal(0.6, column[1].PctOfAnchor, 12);
        Assert.Equal(["Entry → +2 more 3", "+2 more → Exit 3"], flow.Links.Where(l => l.From == "+2 more" || l.To == "+2 more").Select(l => $"{l.From} → {l.To} {l.Count}"));
        Assert.Equal(["Entry → 75 or more: 2", "Entry → Less than 25: 1"], flow.PathsTo(column[1]).Select(p => p.ToString()));
        Assert.Equal(2 / 3.0, flow.PathsTo(column[1])[0].ShareOfNode, 12);
        Assert.Single(flow.PathsTo(column[1], top: 1));
    }

    [Fact]
    public void A_date_range_and_a_segment_restrict_runs_and_persons()
    {
        var range = new DateRange(Day.AddDays(7), Day.AddDays(28));
        var gold = Records.Select(r => r.PersonId).Distinct().Where((_, i) => i % 3 == 0).ToHashSet();
        var options = new BucketFlowOptions { Range = range, Segment = Segment.Persons(gold), Anchor = FlowAnchor.Contains("Medium"), IncludeNotScored = true };
        var flow = BucketFlow.Compute(Table, options);
        Assert.Equal([Day.AddDays(7), Day.AddDays(14), Day.AddDays(21)], flow.Runs);
        Assert.Equal(range, flow.Range);
        FlowData.AssertMatches(ReferenceFlows.Compute(Records, options, gold.Contains), flow);

        var empty = BucketFlow.Compute(Table, new BucketFlowOptions { Range = new DateRange(new DateOnly(1999, 1, 1), new DateOnly(1999, 2, 1)) });
        Assert.Empty(empty.Runs);
        Assert.Equal(0, empty.AnchorCount);
        Assert.Equal(["Entry"], empty.Nodes.Select(n => n.Label));
        Assert.Empty(empty.Links);
        Assert.Empty(empty.PathsTo(empty.Nodes[0]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Columns_out_of_range_fail_naming_the_parameter(int columns)
    {
        var e = Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { Columns = columns }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains($"Columns is {columns}; it is 1 to 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_all_reported_in_one_message()
    {
        var e = Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions
        {
            Columns = 6,
            ItemsPerColumn = 11,
            NoValueLabel = "",
            NotScoredLabel = "Exit",
            MaxDegreeOfParallelism = 0,
        }));
        foreach (var name in new[] { "Columns", "ItemsPerColumn", "NoValueLabel", "NotScoredLabel", "MaxDegreeOfParallelism" })
        {
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }

        Assert.Contains("ItemsPerColumn is 0", Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { ItemsPerColumn = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("Scheme", Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { Scheme = null! })).Message, StringComparison.Ordinal);
        Assert.Contains("Anchor", Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { Anchor = null! })).Message, StringComparison.Ordinal);
        Assert.Contains("NoValueLabel", Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { NoValueLabel = "High" })).Message, StringComparison.Ordinal);
        Assert.Contains("both", Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, new BucketFlowOptions { NoValueLabel = "x", NotScoredLabel = "x" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_anchor_item_is_named_with_the_items_there_are()
    {
        var e = Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, FlowAnchor.StartsWith("Very high")));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("'Very high'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'75 or more', 'High'", e.Message, StringComparison.Ordinal);
        // The Not scored state is an item only when included.
        Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table, FlowAnchor.Contains("Not scored")));
        Assert.Equal("Not scored", BucketFlow.Compute(Table, new BucketFlowOptions { Anchor = FlowAnchor.Contains("Not scored"), IncludeNotScored = true }).Nodes.Single(n => n.Column == 0).Label);
        Assert.Throws<ArgumentException>(() => FlowAnchor.StartsWith(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => BucketFlow.Compute(Table).PathsTo(BucketFlow.Compute(Table).Nodes[0], 0));
        Assert.Throws<ArgumentException>(() => BucketFlow.Compute(Table).PathsTo(new FlowNode(9, "x", FlowNodeKind.Item, 1, 1)));
    }

    [Fact]
    public void Results_do_not_depend_on_the_degree_of_parallelism()
    {
        var records = FlowData.Records(150_000, 3, seed: 5);
        var table = ScoreTable.FromScores(records).Single();
        var options = new BucketFlowOptions { Anchor = FlowAnchor.Contains("Medium"), IncludeNotScored = true, Columns = 2 };
        var one = BucketFlow.Compute(table, options);
        var four = BucketFlow.Compute(table, options with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(one.Nodes.Select(n => (n.Column, n.Label, n.Count)), four.Nodes.Select(n => (n.Column, n.Label, n.Count)));
        Assert.Equal(one.Links, four.Links);
        Assert.Equal((one.AnchorCount, one.Persons), (four.AnchorCount, four.Persons));
    }

    [Fact]
    public void Merged_halves_equal_the_whole()
    {
        foreach (var anchor in FlowData.Anchors(BucketScheme.Cai))
        {
            var options = new BucketFlowOptions { Anchor = anchor, IncludeNotScored = true, IncludeNoValue = true, Columns = 3 };
            var layout = FlowLayout.Create(options);
            var scope = AnalysisScope.Create(Table, null, null);
            var query = new FlowQuery(scope, options.Scheme, layout, includeRepeats: false);
            var whole = FlowCounts.Create(layout);
            whole.Add(query, 0, scope.Persons);
            foreach (var cut in new[] { 0, 1, 64, 100, scope.Persons / 2, scope.Persons })
            {
                var left = FlowCounts.Create(layout);
                var right = FlowCounts.Create(layout);
                left.Add(query, 0, cut);
                right.Add(query, cut, scope.Persons - cut);
                left.Merge(right);
                Assert.Equal((whole.Anchors, whole.Persons), (left.Anchors, left.Persons));
                Assert.Equal(whole.Paths.Entries(), left.Paths.Entries());
            }
        }
    }

    [Fact]
    public void Defaults_are_entry_two_columns_five_items_and_the_cai_scheme()
    {
        var options = new BucketFlowOptions();
        Assert.Equal((FlowAnchor.Entry, 2, 5, false, false, false, false), (options.Anchor, options.Columns, options.ItemsPerColumn, options.IncludeRepeats, options.LimitToFirstLastOccurrence, options.IncludeNotScored, options.IncludeNoValue));
        Assert.Same(BucketScheme.Cai, options.Scheme);
        var flow = BucketFlow.Compute(Table);
        Assert.Equal(Table.Runs.Select(r => r.ScoreDate), flow.Runs);
        Assert.Same(Table.Diagnostics, flow.Diagnostics);
        Assert.Equal([0, 1, 2], flow.Nodes.Select(n => n.Column).Distinct());
        Assert.Equal(Records.Where(r => r.Score is not null).Select(r => r.PersonId).Distinct().LongCount(), flow.AnchorCount);
        Assert.StartsWith("Flow Entry over 6 runs", flow.ToString(), StringComparison.Ordinal);
    }

    private static IEnumerable<BucketFlowOptions> Variants(FlowAnchor anchor)
    {
        foreach (var columns in new[] { 1, 2, 5 })
        {
            yield return new BucketFlowOptions { Anchor = anchor, Columns = columns };
        }

        yield return new BucketFlowOptions { Anchor = anchor, IncludeRepeats = true, Columns = 3 };
        yield return new BucketFlowOptions { Anchor = anchor, LimitToFirstLastOccurrence = true, Columns = 3 };
        yield return new BucketFlowOptions { Anchor = anchor, IncludeNotScored = true, IncludeRepeats = true, Columns = 4, ItemsPerColumn = 2 };
        yield return new BucketFlowOptions { Anchor = anchor, IncludeNotScored = true, IncludeNoValue = true, Columns = 3, ItemsPerColumn = 1 };
        yield return new BucketFlowOptions { Anchor = anchor, IncludeNoValue = true, LimitToFirstLastOccurrence = true, Columns = 2 };
    }

    private static ScoreTable Empty()
    {
        var builder = new ScoreTableBuilder();
        _ = builder.GetWriter("acme", "Flow");
        return builder.Build().Single();
    }

    /// <summary>The labels of the one path of a single-person flow, column by column.</summary>
    private static string[] Items(BucketFlow flow) =>
        [.. flow.Nodes.Where(n => n.Column > 0).Select(n => n.Label)];

    private static ScoreTable Build(params (string Person, int Run, double? Score)[] rows) =>
        ScoreTable.FromScores(rows.Select(r => new ScoreRecord
        {
            PersonId = r.Person,
            TenantId = "acme",
            InstanceKey = "Flow",
            RunKey = Day.AddDays(7 * r.Run),
            ScoreDate = Day.AddDays(7 * r.Run),
            Score = r.Score,
        }).Concat(Enumerable.Range(0, 5).Select(r => new ScoreRecord
        {
            // A filler person present in every run keeps the runs 0..4 in the table; outside every segment used.
            PersonId = "zz",
            TenantId = "acme",
            InstanceKey = "Flow",
            RunKey = Day.AddDays(7 * r),
            ScoreDate = Day.AddDays(7 * r),
        }))).Single();
}
