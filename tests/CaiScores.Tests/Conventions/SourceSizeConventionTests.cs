using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Conventions;

/// <summary>One idea a file: no source file of the shipped packages grows past 400 lines (docs/architecture.md).</summary>
public sealed class SourceSizeConventionTests
{
    private const int MaxLines = 400;

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var src = Path.Combine(DocSnippets.Root(), "src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .ToList();
        Assert.True(files.Count > 200, $"Expected the packages' sources under {src}, found {files.Count} files.");
        var tooLong = files
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0, $"Split these along a real seam (one idea a file, at most {MaxLines} lines):\n" + string.Join('\n', tooLong));
    }
}
