using System.Reflection;
using System.Text.Json.Serialization;
using CaiScores.Columnar;
using CaiScores.Distributions;
using CaiScores.Output;
using CaiScores.Serialization;

namespace CaiScores.Tests.Output.Results;

public sealed class ResultViewsTests
{
    [Fact]
    public void Every_result_type_the_json_context_knows_has_exactly_one_view()
    {
        var results = JsonResultTypes();
        Assert.True(results.Count >= 15, $"only {results.Count} result types found in the JSON context");
        var problems = results
            .Select(type => (type, views: ResultViews.All.Count(v => v.ResultType == type)))
            .Where(x => x.views != 1)
            .Select(x => $"{x.type.FullName} has {x.views} views in ResultViews; register it once, in its family's Output/Results/*Views.cs")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_view_is_of_a_json_result_with_a_public_tables_overload_and_a_dump()
    {
        var results = JsonResultTypes();
        var overloads = typeof(ResultTables).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(ResultTables.Of)).Select(m => m.GetParameters()[0].ParameterType).ToHashSet();
        foreach (var type in ResultViews.All.Select(v => v.ResultType))
        {
            Assert.True(results.Contains(type), $"{type.FullName} has a view but is not a result of the JSON context");
            Assert.True(overloads.Contains(type), $"{type.FullName} has a view but no public ResultTables.Of overload");
            var toDump = type.GetMethod("ToDump", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
            Assert.True(toDump is { IsPrivate: true }, $"{type.FullName} has a view but no private ToDump()");
        }

        foreach (var type in overloads)
        {
            Assert.True(ResultViews.All.Any(v => v.ResultType == type), $"{type.FullName} has a public ResultTables.Of overload but no view in ResultViews");
        }
    }

    [Fact]
    public void A_second_view_of_a_type_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResultViews.Index([DistributionViews.Summary, DistributionViews.Distribution, DistributionViews.Summary]));
        Assert.Contains(typeof(ScoringSummary).FullName!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_without_a_view_is_named()
    {
        Assert.Null(ResultViews.Find(new Uri("https://example.com")));
        var error = Assert.Throws<ArgumentException>(() => ResultViews.Of(new Uri("https://example.com")));
        Assert.Contains("System.Uri", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => ResultViews.Of(null!));
    }

    [Fact]
    public void A_null_result_is_reported_under_the_public_parameters_name()
    {
        var error = Assert.Throws<ArgumentNullException>(() => ResultTables.Of((ScoreDistribution)null!));
        Assert.Equal("distribution", error.ParamName);
    }

    /// <summary>
    /// The analysis results the JSON context knows: its <c>[JsonSerializable]</c> types that a public static method computes
    /// from a <see cref="ScoreTable"/>, or that LINQPad can dump (a private <c>ToDump()</c>).
    /// </summary>
    private static HashSet<Type> JsonResultTypes()
    {
        var known = typeof(CaiJsonContext).GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!)
            .ToHashSet();
        var computed = typeof(ScoreTable).Assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters() is [{ ParameterType: var first }, ..] && first == typeof(ScoreTable))
            .Select(m => m.ReturnType);
        var dumped = known.Where(t => t.GetMethod("ToDump", BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes) is not null);
        return [.. known.Intersect(computed).Union(dumped)];
    }
}
