using CaiScores.Bucketing;
using CaiScores.Flows;
using CaiScores.Models;

namespace CaiScores.Tests.Reference;

/// <summary>
/// The naive oracle for bucket flows: each person's sequence as a list of label strings built from the records, one window
/// of label lists per anchor occurrence, and every node, link and path counted in dictionaries keyed by strings.
/// </summary>
internal static class ReferenceFlows
{
    public sealed record Node(int Column, string Label, FlowNodeKind Kind, long Count, string[] Merged);

    public sealed record Link(int FromColumn, string From, string To, long Count);

    public sealed record Window(string[] Before, string[] After); // nearest first; ends with Entry / Exit when reached

    public sealed record Result(long AnchorCount, long Persons, List<Node> Nodes, List<Link> Links, List<Window> Windows, Func<int, string, string[], string> NodeOf, string Anchor);

    /// <summary>The label sequence of each person (in the segment), runs in order.</summary>
    public static Dictionary<string, List<string>> Sequences(IEnumerable<ScoreRecord> records, BucketFlowOptions o, Func<string, bool>? inSegment = null)
    {
        var rows = records.Where(r => o.Range is null || o.Range.Contains(r.RunKey)).ToList();
        var runs = rows.Select(r => r.RunKey).Distinct().Order().ToList();
        var byPerson = rows.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.RunKey));
        var sequences = new Dictionary<string, List<string>>();
        foreach (var (person, byRun) in byPerson)
        {
            if (inSegment is not null && !inSegment(person))
            {
                continue;
            }

            // One label per run: a bucket, No value, "missing" (null) or "drop".
            var perRun = new List<string?>();
            foreach (var run in runs)
            {
                if (!byRun.TryGetValue(run, out var record))
                {
                    perRun.Add(null);
                    continue;
                }

                var value = ReferenceDistribution.Value(record, o.Scheme.Field);
                if (value is not { } v || double.IsNaN(v))
                {
                    perRun.Add(o.IncludeNoValue ? o.NoValueLabel : "\0drop");
                }
                else
                {
                    perRun.Add(o.Scheme.Buckets[ReferenceBuckets.Bucket(v, [.. o.Scheme.Edges])].Label);
                }
            }

            var kept = perRun.Where(l => l != "\0drop").ToList();
            var first = kept.FindIndex(l => l is not null);
            var last = kept.FindLastIndex(l => l is not null);
            var sequence = new List<string>();
            for (var i = first; first >= 0 && i <= last; i++)
            {
                var label = kept[i] ?? (o.IncludeNotScored ? o.NotScoredLabel : null);
                if (label is not null)
                {
                    sequence.Add(label);
                }
            }

            if (!o.IncludeRepeats)
            {
                sequence = [.. sequence.Where((l, i) => i == 0 || sequence[i - 1] != l)];
            }

            if (sequence.Count > 0)
            {
                sequences[person] = sequence;
            }
        }

        return sequences;
    }

    public static Result Compute(IEnumerable<ScoreRecord> records, BucketFlowOptions o, Func<string, bool>? inSegment = null)
    {
        var sequences = Sequences(records, o, inSegment);
        var kind = o.Anchor.Kind;
        var item = kind == FlowAnchorKind.Entry ? null : o.Scheme.Buckets.FirstOrDefault(b => b.Label == o.Anchor.Item || b.Alias == o.Anchor.Item)?.Label ?? o.Anchor.Item;
        var after = kind is FlowAnchorKind.Entry or FlowAnchorKind.StartsWith or FlowAnchorKind.Contains ? o.Columns : 0;
        var before = kind is FlowAnchorKind.EndsWith or FlowAnchorKind.Contains ? o.Columns : 0;
        var windows = new List<Window>();
        long persons = 0;
        foreach (var sequence in sequences.Values)
        {
            var positions = kind == FlowAnchorKind.Entry
                ? [-1]
                : Enumerable.Range(0, sequence.Count).Where(i => sequence[i] == item).ToList();
            if (o.LimitToFirstLastOccurrence && positions.Count > 1)
            {
                positions = kind == FlowAnchorKind.EndsWith ? [positions[^1]] : [positions[0]];
            }

            persons += positions.Count > 0 ? 1 : 0;
            foreach (var a in positions)
            {
                var right = new List<string>();
                for (var j = 1; j <= after; j++)
                {
                    if (a + j >= sequence.Count)
                    {
                        right.Add("Exit");
                        break;
                    }

                    right.Add(sequence[a + j]);
                }

                var left = new List<string>();
                for (var k = 1; k <= before; k++)
                {
                    if (a - k < 0)
                    {
                        left.Add("Entry");
                        break;
                    }

                    left.Add(sequence[a - k]);
                }

                windows.Add(new Window([.. left], [.. right]));
            }
        }

        long anchorCount = windows.Count;
        var anchorLabel = item ?? "Entry";
        var nodes = new List<Node> { new(0, anchorLabel, FlowNodeKind.Anchor, anchorCount, []) };
        var merged = new Dictionary<(int, string), string>();
        for (var column = -before; column <= after; column++)
        {
            if (column == 0)
            {
                continue;
            }

            var labels = windows.Select(w => At(w, column)).Where(l => l is not null).Select(l => l!).ToList();
            var terminal = column > 0 ? "Exit" : "Entry";
            var ranked = labels.Where(l => l != terminal).GroupBy(l => l)
                .Select(g => (Label: g.Key, Count: (long)g.Count()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Label, StringComparer.Ordinal).ToList();
            foreach (var (label, count) in ranked.Take(o.ItemsPerColumn))
            {
                nodes.Add(new Node(column, label, FlowNodeKind.Item, count, []));
                merged[(column, label)] = label;
            }

            var rest = ranked.Skip(o.ItemsPerColumn).ToList();
            if (rest.Count > 0)
            {
                var more = $"+{rest.Count} more";
                nodes.Add(new Node(column, more, FlowNodeKind.More, rest.Sum(r => r.Count), [.. rest.Select(r => r.Label)]));
                foreach (var r in rest)
                {
                    merged[(column, r.Label)] = more;
                }
            }

            var terminals = labels.Count(l => l == terminal);
            if (terminals > 0)
            {
                nodes.Add(new Node(column, terminal, column > 0 ? FlowNodeKind.Exit : FlowNodeKind.Entry, terminals, []));
                merged[(column, terminal)] = terminal;
            }
        }

        nodes = [.. nodes.OrderBy(n => n.Column)];
        var links = new Dictionary<(int, string, string), long>();
        foreach (var w in windows)
        {
            for (var column = -before; column < after; column++)
            {
                var from = column == 0 ? anchorLabel : At(w, column);
                var to = column + 1 == 0 ? anchorLabel : At(w, column + 1);
                if (from is null || to is null || from == "Exit")
                {
                    continue;
                }

                var key = (column, column == 0 ? from : merged[(column, from)], column + 1 == 0 ? to : merged[(column + 1, to)]);
                links[key] = links.GetValueOrDefault(key) + 1;
            }
        }

        var position = nodes.GroupBy(n => n.Column).SelectMany(g => g.Select((n, i) => (n, i))).ToDictionary(x => (x.n.Column, x.n.Label), x => x.i);
        var linkList = links.Select(l => new Link(l.Key.Item1, l.Key.Item2, l.Key.Item3, l.Value))
            .OrderBy(l => l.FromColumn).ThenBy(l => position[(l.FromColumn, l.From)]).ThenBy(l => position[(l.FromColumn + 1, l.To)]).ToList();
        return new Result(anchorCount, persons, nodes, linkList, windows, (column, label, _) => merged[(column, label)], anchorLabel);
    }

    /// <summary>The label a window has in a column (null when the path does not reach it).</summary>
    public static string? At(Window w, int column) =>
        column > 0 ? (column <= w.After.Length ? w.After[column - 1] : null)
        : column < 0 ? (-column <= w.Before.Length ? w.Before[-column - 1] : null)
        : null;

    /// <summary>The top paths into a node, as joined label strings with counts.</summary>
    public static List<(string Path, long Count)> PathsTo(Result result, int column, string nodeLabel, int top)
    {
        if (column == 0)
        {
            return result.AnchorCount == 0 ? [] : [(result.Anchor, result.AnchorCount)];
        }

        var groups = new Dictionary<string, (string[] Labels, long Count)>();
        foreach (var w in result.Windows)
        {
            var label = At(w, column);
            if (label is null || result.NodeOf(column, label, []) != nodeLabel)
            {
                continue;
            }

            var steps = Math.Abs(column);
            var labels = column > 0
                ? [result.Anchor, .. w.After.Take(steps)]
                : w.Before.Take(steps).Reverse().Append(result.Anchor).ToArray();
            var key = string.Join(" → ", labels);
            groups[key] = (labels, groups.GetValueOrDefault(key).Count + 1);
        }

        return [.. groups.OrderByDescending(g => g.Value.Count)
            .ThenBy(g => g.Value.Labels, Comparer<string[]>.Create(CompareLists))
            .Take(top).Select(g => (g.Key, g.Value.Count))];
    }

    private static int CompareLists(string[]? x, string[]? y)
    {
        for (var i = 0; i < Math.Min(x!.Length, y!.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}
