using System.Reflection;
using CaiScores.Ingest;

namespace CaiScores.Tests.Ingest;

/// <summary>Value equality of <see cref="IngestDiagnostics"/>: every property counts, lists element by element.</summary>
public sealed class IngestDiagnosticsTests
{
    public static TheoryData<string> Properties()
    {
        var data = new TheoryData<string>();
        foreach (var property in Settable())
        {
            data.Add(property.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Properties))]
    public void A_change_of_any_property_makes_them_unequal(string name)
    {
        var property = typeof(IngestDiagnostics).GetProperty(name)!;
        var changed = With(property);
        var same = With(property);

        Assert.NotSame(changed, same);
        Assert.Equal(same, changed);
        Assert.Equal(same.GetHashCode(), changed.GetHashCode());
        Assert.NotEqual(new IngestDiagnostics(), changed);
        Assert.False(changed.Equals(IngestDiagnostics.Empty));
    }

    [Fact]
    public void Equal_lists_in_different_instances_are_equal()
    {
        var a = new IngestDiagnostics { Sources = ["a.json", "b.json"], Runs = [new DateOnly(2026, 1, 4)], RecordsRead = 3 };
        var b = new IngestDiagnostics { Sources = new List<string> { "a.json", "b.json" }, Runs = [new DateOnly(2026, 1, 4)], RecordsRead = 3 };
        var reordered = new IngestDiagnostics { Sources = ["b.json", "a.json"], Runs = [new DateOnly(2026, 1, 4)], RecordsRead = 3 };

        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.False(a.Equals(reordered));
        Assert.False(a.Equals(null));
        Assert.True(IngestDiagnostics.Empty.Equals(new IngestDiagnostics()));
    }

    private static IEnumerable<PropertyInfo> Settable() =>
        typeof(IngestDiagnostics).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is not null);

    /// <summary>A fresh instance with <paramref name="property"/> set to a value other than its default, and new lists.</summary>
    private static IngestDiagnostics With(PropertyInfo property)
    {
        var diagnostics = new IngestDiagnostics();
        object value = property.PropertyType switch
        {
            var t when t == typeof(long) => 7L,
            var t when t == typeof(OutOfRangeCounts) => new OutOfRangeCounts(0, 2, 0),
            var t when t == typeof(IReadOnlyList<string>) => new List<string> { "x" },
            var t when t == typeof(IReadOnlyList<DateOnly>) => new List<DateOnly> { new(2026, 12, 4) },
            var t when t == typeof(IReadOnlyList<IngestProblem>) => new List<IngestProblem> { new("a.json", 3, "$.score", "not a number") },
            var t when t == typeof(IReadOnlyList<RunDiagnostics>) => new List<RunDiagnostics> { new() { Run = new(2026, 12, 4), Records = 3, RecordDropFromPrevious = 0.5 } },
            var t => throw new InvalidOperationException($"Add a value for {property.Name} ({t}) to this test."),
        };
        property.SetValue(diagnostics, value);
        return diagnostics;
    }
}
