using System.Text.RegularExpressions;

namespace CaiScores.Tests.Docs;

/// <summary>
/// Code shown in a Markdown page is compiled test code: the text between <c>// begin-snippet: name</c> and
/// <c>// end-snippet</c> in a test source must appear verbatim (de-indented) in the page.
/// </summary>
internal static partial class DocSnippets
{
    /// <summary>The repository's root folder, found from this source file's path.</summary>
    public static string Root([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    /// <summary>Asserts that every snippet of <paramref name="sourceFile"/> whose name starts with <paramref name="prefix"/> appears in the page; returns how many there were.</summary>
    public static int AssertShownIn(string sourceFile, string page, string prefix)
    {
        var source = File.ReadAllText(sourceFile);
        var text = File.ReadAllText(Path.Combine(Root(), page)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var snippets = SnippetRegex().Matches(source).Where(m => m.Groups["name"].Value.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (Match snippet in snippets)
        {
            var lines = snippet.Groups["body"].Value.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            var body = string.Join("\n", lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()));
            Assert.True(text.Contains(body, StringComparison.Ordinal), $"{page} does not show snippet '{snippet.Groups["name"].Value}' of {Path.GetFileName(sourceFile)} verbatim.");
        }

        return snippets.Count;
    }

    [GeneratedRegex(@"// begin-snippet: (?<name>[\w-]+)\r?\n(?<body>.*?)\r?\n\s*// end-snippet", RegexOptions.Singleline)]
    private static partial Regex SnippetRegex();
}

/// <summary>Tests that write to (or capture) <see cref="Console.Out"/>: they run one at a time.</summary>
[CollectionDefinition(nameof(UsesTheConsole))]
public sealed class UsesTheConsole;
