using System.Reflection;
using CaiScores.Ingest;
using CaiScores.Models;

namespace CaiScores.Tests.Conventions;

/// <summary>Reflection rules every public type of the core package follows.</summary>
public sealed class PublicApiConventionTests
{
    private static readonly Type[] PublicTypes = typeof(CaiScoresOptions).Assembly.GetExportedTypes();

    [Fact]
    public void Public_classes_are_sealed_or_static()
    {
        // A closed hierarchy is allowed: an abstract class no one outside the assembly can derive from (no public or
        // protected constructor), such as Segment.
        var open = PublicTypes
            .Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed))
            .Where(t => !(t.IsAbstract && t.GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .All(c => c.IsAssembly || c.IsPrivate || c.IsFamilyAndAssembly)))
            .Select(t => t.FullName);
        Assert.Empty(open);
    }

    [Fact]
    public void Models_are_immutable_records()
    {
        var models = PublicTypes.Where(t => t.Namespace == typeof(CaiScoreRecord).Namespace && t.IsClass && !t.IsAbstract);
        foreach (var model in models)
        {
            Assert.NotNull(model.GetMethod("<Clone>$"));
            var setters = model.GetProperties()
                .Where(p => p.SetMethod is { IsPublic: true } setter
                            && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)))
                .Select(p => $"{model.Name}.{p.Name}");
            Assert.Empty(setters);
        }
    }

    [Fact]
    public void Model_collections_are_read_only_interfaces()
    {
        var models = PublicTypes.Where(t => t.Namespace == typeof(CaiScoreRecord).Namespace);
        var mutable = models.SelectMany(t => t.GetProperties())
            .Where(p => p.PropertyType.IsArray
                        || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var g
                            && (g == typeof(List<>) || g == typeof(Dictionary<,>) || g == typeof(IList<>))))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");
        Assert.Empty(mutable);
    }

    [Fact]
    public void Public_types_live_under_the_CaiScores_namespace()
    {
        Assert.All(PublicTypes, t => Assert.StartsWith("CaiScores", t.Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_public_member_has_xml_documentation()
    {
        var xml = Path.ChangeExtension(typeof(CaiScoresOptions).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), "the package ships its XML documentation");
        var doc = File.ReadAllText(xml);
        var undocumented = PublicTypes
            .Where(t => !t.IsEnum)
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is PropertyInfo or (MethodInfo { IsSpecialName: false }) && !m.Name.StartsWith('<') && m.Name is not ("Equals" or "GetHashCode" or "ToString" or "Deconstruct" or "PrintMembers"))
                .Select(m => $"{t.FullName}.{m.Name}"))
            .Where(name => !doc.Contains(name, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(undocumented);
    }
}
