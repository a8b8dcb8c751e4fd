using CaiScores.Bucketing;
using CaiScores.Columnar;
using CaiScores.Flows;
using CaiScores.Models;
using CaiScores.Tests.Flows;
using CaiScores.Tests.Reference;
using CsCheck;

namespace CaiScores.Tests.Properties;

/// <summary>Flow invariants on random tables: the reference agrees, links conserve path views, the anchor counts the matches.</summary>
public sealed class FlowsProperties
{
    private static readonly Gen<(List<ScoreRecord> Records, int Runs)> Tables =
        Gen.Select(Gen.Int[1, 40], Gen.Int[1, 8], Gen.Int[0, int.MaxValue]).Select(t => (FlowData.Records(t.Item1, t.Item2, t.Item3), t.Item2)).Where(t => t.Item1.Count > 0);

    private static readonly Gen<BucketFlowOptions> Options =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[1, 5], Gen.Int[1, 10], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool).Select(t =>
        {
            var (kind, item, columns, items, repeats, limit, notScored, noValue) = t;
            var label = BucketScheme.Cai.Buckets[item].Label;
            return new BucketFlowOptions
            {
                Anchor = kind switch
                {
                    0 => FlowAnchor.Entry,
                    1 => FlowAnchor.StartsWith(label),
                    2 => FlowAnchor.EndsWith(label),
                    3 => FlowAnchor.Contains(label),
                    _ => FlowAnchor.Contains(noValue ? "No value" : label),
                },
                Columns = columns,
                ItemsPerColumn = items,
                IncludeRepeats = repeats,
                LimitToFirstLastOccurrence = limit,
                IncludeNotScored = notScored,
                IncludeNoValue = noValue,
            };
        });

    [Fact]
    public void The_flow_equals_the_reference()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, _), options) = t;
            var table = ScoreTable.FromScores(records).Single();
            FlowData.AssertMatches(ReferenceFlows.Compute(records, options), BucketFlow.Compute(table, options), top: 3);
        }, iter: 200);
    }

    [Fact]
    public void Links_conserve_path_views_and_paths_add_up_to_their_node()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, _), options) = t;
            var flow = BucketFlow.Compute(ScoreTable.FromScores(records).Single(), options);
            var columns = flow.Nodes.Select(n => n.Column).Distinct().ToList();
            foreach (var d in columns)
            {
                var linksOut = flow.Links.Where(l => l.FromColumn == d).Sum(l => l.Count);
                if (d >= 0)
                {
                    // Right of (and at) the anchor: the next column holds exactly what flows out of this one, which is
                    // every node of this one but Exit (the last column has no links out).
                    Assert.Equal(flow.NodesIn(d + 1).Sum(n => n.Count), linksOut);
                    var after = flow.Anchor.Kind == FlowAnchorKind.EndsWith ? 0 : flow.Columns;
                    if (d < after)
                    {
                        Assert.Equal(flow.NodesIn(d).Where(n => n.Kind != FlowNodeKind.Exit).Sum(n => n.Count), linksOut);
                    }
                }
                else
                {
                    // Left of the anchor: every node of the column flows right; the column holds what was not Entry next to it.
                    Assert.Equal(flow.NodesIn(d).Sum(n => n.Count), linksOut);
                    if (d + 1 < 0)
                    {
                        Assert.Equal(flow.NodesIn(d + 1).Where(n => n.Kind != FlowNodeKind.Entry).Sum(n => n.Count), flow.NodesIn(d).Sum(n => n.Count));
                    }
                }

                foreach (var node in flow.NodesIn(d))
                {
                    // Every distinct path listed: their counts are the node's count, and into-links match the node.
                    Assert.Equal(node.Count, flow.PathsTo(node, int.MaxValue).Sum(p => p.Count));
                    if (d > 0)
                    {
                        Assert.Equal(node.Count, flow.Links.Where(l => l.FromColumn == d - 1 && l.To == node.Label).Sum(l => l.Count));
                    }
                }
            }

            // The first column after the anchor and the last before it hold every path view.
            if (flow.AnchorCount > 0 && flow.Anchor.Kind != FlowAnchorKind.EndsWith)
            {
                Assert.Equal(flow.AnchorCount, flow.NodesIn(1).Sum(n => n.Count));
            }

            if (flow.AnchorCount > 0 && flow.Anchor.Kind is FlowAnchorKind.EndsWith or FlowAnchorKind.Contains)
            {
                Assert.Equal(flow.AnchorCount, flow.NodesIn(-1).Sum(n => n.Count));
            }
        }, iter: 200);
    }

    [Fact]
    public void The_anchor_counts_the_persons_matching_it_or_their_occurrences()
    {
        Gen.Select(Tables, Options).Sample(t =>
        {
            var ((records, _), options) = t;
            var flow = BucketFlow.Compute(ScoreTable.FromScores(records).Single(), options);
            var sequences = ReferenceFlows.Sequences(records, options);
            if (options.Anchor.Kind == FlowAnchorKind.Entry)
            {
                Assert.Equal(sequences.Count, flow.AnchorCount);
                Assert.Equal(sequences.Count, flow.Persons);
                return;
            }

            var item = flow.Nodes.Single(n => n.Column == 0).Label;
            var matching = sequences.Values.Count(s => s.Contains(item));
            Assert.Equal(matching, flow.Persons);
            Assert.Equal(options.LimitToFirstLastOccurrence ? matching : sequences.Values.Sum(s => s.Count(l => l == item)), flow.AnchorCount);
        }, iter: 200);
    }

    [Fact]
    public void Segments_split_the_anchor_count()
    {
        Gen.Select(Tables, Options, Gen.Int[2, 5]).Sample(t =>
        {
            var ((records, _), options, modulus) = t;
            var table = ScoreTable.FromScores(records).Single();
            var ids = records.Select(r => r.PersonId).Distinct().Where((_, i) => i % modulus == 0).ToList();
            var inside = BucketFlow.Compute(table, options with { Segment = CaiScores.Segments.Segment.Persons(ids) });
            var outside = BucketFlow.Compute(table, options with { Segment = !CaiScores.Segments.Segment.Persons(ids) });
            var all = BucketFlow.Compute(table, options);
            Assert.Equal(all.AnchorCount, inside.AnchorCount + outside.AnchorCount);
            Assert.Equal(all.Persons, inside.Persons + outside.Persons);
        }, iter: 100);
    }
}
