using CaiScores.Bucketing;
using CaiScores.Flows;
using CaiScores.Models;
using CaiScores.Tests.Reference;

namespace CaiScores.Tests.Flows;

/// <summary>Random score records shaped for flows, and the comparison of a flow with the reference.</summary>
internal static class FlowData
{
    public static readonly DateOnly Day0 = new(2026, 1, 4);

    /// <summary>
    /// Persons × runs a week apart: a random walk of scores (so repeats are common and moves happen), persons missing from
    /// runs (gaps, late entries, early exits), single-run persons, null scores and scores on the CAI edges.
    /// </summary>
    public static List<ScoreRecord> Records(int persons, int runs, int seed)
    {
        var random = new Random(seed);
        var records = new List<ScoreRecord>();
        for (var p = 0; p < persons; p++)
        {
            var score = random.NextDouble() * 100;
            var single = random.Next(8) == 0 ? random.Next(runs) : -1;
            var missing = random.Next(4) switch { 0 => 0.0, 1 => 0.1, 2 => 0.3, _ => 0.6 };
            for (var r = 0; r < runs; r++)
            {
                score = random.Next(3) == 0 ? random.NextDouble() * 100 : score;
                if ((single >= 0 && r != single) || (single < 0 && random.NextDouble() < missing))
                {
                    continue;
                }

                var date = Day0.AddDays(7 * r);
                records.Add(new ScoreRecord
                {
                    PersonId = $"p{p}",
                    TenantId = "acme",
                    InstanceKey = "Flow",
                    RunKey = date,
                    ScoreDate = date,
                    Timestamp = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
                    Score = random.Next(15) switch { 0 => null, 1 => 25, 2 => 75, _ => score },
                    Probability = random.Next(10) == 0 ? null : score / 100,
                    PercentileScore = random.Next(10) == 0 ? null : (int)Math.Clamp(Math.Ceiling(score), 1, 100),
                });
            }
        }

        return records;
    }

    /// <summary>Every anchor kind with the items of the CAI scheme (and the optional states).</summary>
    public static IEnumerable<FlowAnchor> Anchors(BucketScheme scheme)
    {
        yield return FlowAnchor.Entry;
        var item = scheme.Buckets[scheme.Buckets.Count / 2].Label;
        yield return FlowAnchor.StartsWith(item);
        yield return FlowAnchor.EndsWith(item);
        yield return FlowAnchor.Contains(item);
        yield return FlowAnchor.StartsWith(scheme.Buckets[0].Alias ?? scheme.Buckets[0].Label);
    }

    /// <summary>Asserts that the flow equals the reference: counts, nodes, links and the top paths into every node.</summary>
    public static void AssertMatches(ReferenceFlows.Result expected, BucketFlow flow, int top = 10)
    {
        Assert.Equal(expected.AnchorCount, flow.AnchorCount);
        Assert.Equal(expected.Persons, flow.Persons);
        Assert.Equal(
            expected.Nodes.Select(n => $"{n.Column}|{n.Label}|{n.Kind}|{n.Count}|{string.Join(",", n.Merged)}"),
            flow.Nodes.Select(n => $"{n.Column}|{n.Label}|{n.Kind}|{n.Count}|{string.Join(",", n.MergedLabels)}"));
        Assert.Equal(
            expected.Links.Select(l => $"{l.FromColumn}|{l.From}|{l.To}|{l.Count}"),
            flow.Links.Select(l => $"{l.FromColumn}|{l.From}|{l.To}|{l.Count}"));
        foreach (var node in flow.Nodes)
        {
            Assert.Equal(flow.AnchorCount == 0 ? 0 : (double)node.Count / flow.AnchorCount, node.PctOfAnchor);
            var paths = flow.PathsTo(node, top);
            Assert.Equal(
                ReferenceFlows.PathsTo(expected, node.Column, node.Label, top).Select(p => $"{p.Path}: {p.Count}"),
                paths.Select(p => $"{string.Join(" → ", p.Labels)}: {p.Count}"));
        }
    }
}
