using System.Reflection;
using CaiScores.Columnar;
using CaiScores.Ingest;

namespace CaiScores.Tests.Conventions;

/// <summary>
/// Results are plain values (docs/architecture.md): made from their computed state one internal way (an internal
/// constructor, or an internal <c>Create</c> where making one checks its input), holding no table, so that the in-memory
/// engine, merged partitions and a database can all make the same result.
/// </summary>
public sealed class ResultConventionTests
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>The result types: every type LINQPad can dump (a private <c>ToDump()</c>).</summary>
    public static TheoryData<Type> ResultTypes()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(CaiScoresOptions).Assembly.GetTypes().Where(t => t.GetMethod("ToDump", Instance, Type.EmptyTypes) is not null).OrderBy(t => t.FullName))
        {
            data.Add(type);
        }

        return data;
    }

    [Fact]
    public void There_are_results_to_check() => Assert.True(ResultTypes().Count >= 15);

    [Theory]
    [MemberData(nameof(ResultTypes))]
    public void A_result_is_made_one_internal_way_from_its_state(Type result)
    {
        // Either one internal constructor, or (where making it checks its input) an internal static Create over private
        // constructors; never public, never from a table.
        var constructors = result.GetConstructors(Instance);
        var factories = result.GetMethods(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(m => m.Name == "Create" && m.ReturnType == result)
            .ToList();
        var ways = factories.Count == 0
            ? constructors.Where(c => c.IsAssembly).Cast<MethodBase>().ToList()
            : [.. factories.Where(f => f.IsAssembly)];
        var way = Assert.Single(ways);
        Assert.All(constructors, c => Assert.True(c == way || c.IsPrivate, $"{result.Name} is made by {way.Name} only; its other constructors are private."));
        Assert.Single(factories.Count == 0 ? constructors : factories.ToArray<MethodBase>());
        Assert.DoesNotContain(way.GetParameters(), p => p.ParameterType == typeof(ScoreTable));
    }

    [Theory]
    [MemberData(nameof(ResultTypes))]
    public void A_result_holds_no_table(Type result)
    {
        var path = PathTo(result, typeof(ScoreTable), [], []);
        Assert.True(path is null, $"{result.Name} holds a table through {string.Join(" → ", path ?? [])}: a result is a plain value.");
    }

    [Fact]
    public void The_check_finds_a_table_held_deep_down()
    {
        Assert.Equal(["Holder._inner", "Inner._tables", "ScoreTable"], PathTo(typeof(Holder), typeof(ScoreTable), [], []));
        Assert.Null(PathTo(typeof(NoTable), typeof(ScoreTable), [], []));
    }

    /// <summary>A chain of fields from <paramref name="type"/> to a field of <paramref name="target"/> type, or null.</summary>
    private static List<string>? PathTo(Type type, Type target, HashSet<Type> seen, List<string> path)
    {
        if (type == target)
        {
            return [.. path, target.Name];
        }

        if (!seen.Add(type))
        {
            return null;
        }

        // Element and type arguments: an array or collection of tables holds tables.
        var inner = type.IsArray ? [type.GetElementType()!] : type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        foreach (var element in inner)
        {
            if (PathTo(element, target, seen, path) is { } found)
            {
                return found;
            }
        }

        if (type.Assembly != target.Assembly && type.Assembly != typeof(ResultConventionTests).Assembly)
        {
            return null; // a BCL or Arrow type: only its type arguments count, seen above
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(Instance | BindingFlags.DeclaredOnly))
            {
                if (PathTo(field.FieldType, target, seen, [.. path, $"{type.Name}.{field.Name}"]) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

#pragma warning disable CS0169, IDE0051 // fields read by reflection only
    private sealed class Holder
    {
        private readonly Inner? _inner;
    }

    private sealed class Inner
    {
        private readonly IReadOnlyList<ScoreTable>? _tables;
    }

    private sealed class NoTable
    {
        private readonly ScoreTableDiagnostics? _diagnostics;
        private readonly long[]? _counts;
    }
#pragma warning restore CS0169, IDE0051
}
