namespace CaiScores.Tests.Conventions;

/// <summary>
/// The floors of the core package (docs/architecture.md): each namespace sits on one floor, and a file may name only
/// its own floor and the floors below it. Within a floor, namespaces may use each other as long as no loop forms.
/// </summary>
public sealed class LayeringConventionTests
{
    /// <summary>The floors, lowest first. A new folder's namespace must be added here, on the floor where it belongs.</summary>
    internal static readonly (string Name, string[] Namespaces)[] Floors =
    [
        ("1 Kernels", ["CaiScores.Kernels", "CaiScores.Internal"]),
        ("2 Models", ["CaiScores.Models"]),
        ("3 Ingest and Columnar", ["CaiScores.Ingest", "CaiScores.Columnar", "CaiScores.Columnar.Ipc"]),
        ("4 Analysis vocabulary", ["CaiScores.Analysis", "CaiScores.Bucketing", "CaiScores.Segments"]),
        ("5 Analyses",
        [
            "CaiScores.Distributions", "CaiScores.Histograms", "CaiScores.Trends", "CaiScores.Cohorts", "CaiScores.ReasonCodes",
            "CaiScores.Targeting", "CaiScores.Transitions", "CaiScores.Flows", "CaiScores.Overlaps", "CaiScores.Outcomes",
            "CaiScores.Samples", "CaiScores.Audiences",
        ]),
        ("6 Output", ["CaiScores.Output", "CaiScores.Serialization", "CaiScores.DependencyInjection", "CaiScores"]),
    ];

    private static readonly Dictionary<string, int> FloorOf = Floors
        .SelectMany((floor, index) => floor.Namespaces.Select(ns => (ns, index)))
        .ToDictionary(p => p.ns, p => p.index, StringComparer.Ordinal);

    private static readonly SourceNamespaces Source = SourceNamespaces.Core;

    [Fact]
    public void Every_namespace_has_a_floor()
    {
        var unplaced = Source.Namespaces.Where(ns => !FloorOf.ContainsKey(ns)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unplaced.Count == 0, $"Place these namespaces on a floor in {nameof(LayeringConventionTests)}.{nameof(Floors)} (docs/architecture.md): {string.Join(", ", unplaced)}");
        var gone = FloorOf.Keys.Where(ns => !Source.Namespaces.Contains(ns)).ToList();
        Assert.True(gone.Count == 0, $"No source file declares these namespaces any more; take them off the floors: {string.Join(", ", gone)}");
    }

    [Fact]
    public void No_reference_points_up_a_floor()
    {
        var up = Source.References()
            .Where(r => FloorOf.TryGetValue(r.File.Namespace, out var from) && FloorOf.TryGetValue(r.Target, out var to) && to > from)
            .Select(r => $"{r}: floor {Floors[FloorOf[r.File.Namespace]].Name} names floor {Floors[FloorOf[r.Target]].Name}")
            .ToList();
        Assert.True(up.Count == 0, "References that point up a floor:\n" + string.Join('\n', up));
    }

    [Fact]
    public void The_namespaces_form_no_loop()
    {
        var edges = Source.References()
            .GroupBy(r => r.File.Namespace, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.GroupBy(r => r.Target, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.First()), StringComparer.Ordinal);
        var loop = FindLoop(edges);
        Assert.True(loop is null, loop is null ? string.Empty : "These namespaces import each other in a loop:\n" + string.Join('\n', loop!));
    }

    [Fact]
    public void Kernels_know_nothing_of_the_rest()
    {
        var named = Source.References().Where(r => r.File.Namespace == "CaiScores.Kernels").Select(r => r.ToString()).ToList();
        Assert.True(named.Count == 0, "Kernels take spans and name no other namespace of the library:\n" + string.Join('\n', named));
    }

    [Fact]
    public void The_checker_sees_each_kind_of_reference()
    {
        // A canary: the text reader must see a using, a partly qualified name and an enclosing namespace's type, so that
        // a green layering test means something.
        var directory = Directory.CreateTempSubdirectory("cai-layering-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "Root.cs"), "namespace CaiScores;\n\npublic sealed class RootOptions;\n");
            File.WriteAllText(Path.Combine(directory.FullName, "Top.cs"), "namespace CaiScores.Output;\n\ninternal static class Dump { public static object Of(object o) => o; }\n");
            File.WriteAllText(Path.Combine(directory.FullName, "Low.cs"), """
                using CaiScores.Output;

                namespace CaiScores.Models;

                // Output.Dump in a comment does not count, nor "RootOptions" in a string.
                internal sealed class Low
                {
                    private object ToDump() => Output.Dump.Of(this);

                    private RootOptions? _options;

                    private readonly string _text = "Output.Dump and RootOptions in a string";
                }
                """);
            var references = SourceNamespaces.Read(directory.FullName).References().Where(r => r.File.Namespace == "CaiScores.Models").ToList();
            Assert.Equal(["CaiScores.Output@1", "CaiScores.Output@8", "CaiScores@10"], references.Select(r => $"{r.Target}@{r.Line}"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>One loop in the graph as "a → b (file:line: text)" lines, or null when there is none.</summary>
    private static List<string>? FindLoop(Dictionary<string, Dictionary<string, Reference>> edges)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
        var path = new List<string>();
        List<string>? found = null;

        bool Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.TryGetValue(node, out var targets) ? targets.Keys.Order(StringComparer.Ordinal) : Enumerable.Empty<string>())
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    var cycle = path[path.IndexOf(next)..].Append(next).ToList();
                    found = cycle.Zip(cycle.Skip(1), (a, b) => $"{a} → {b} ({edges[a][b]})").ToList();
                    return true;
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next))
                {
                    return true;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return false;
        }

        foreach (var node in edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node))
            {
                return found;
            }
        }

        return null;
    }
}
