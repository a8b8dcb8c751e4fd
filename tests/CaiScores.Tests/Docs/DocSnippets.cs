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
    public static int AssertShownIn(string sourceFile, string page, string prefix = "")
    {
        var source = File.ReadAllText(sourceFile);
        var text = File.ReadAllText(Path.Combine(Root(), page)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var snippets = SnippetRegex().Matches(source).Where(m => m.Groups["name"].Value.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (Match snippet in snippets)
        {
            var body = Dedent(snippet.Groups["body"].Value);
            Assert.True(text.Contains(body, StringComparison.Ordinal), $"{page} does not show snippet '{snippet.Groups["name"].Value}' of {Path.GetFileName(sourceFile)} verbatim.");
        }

        return snippets.Count;
    }

    /// <summary>The snippet's lines without their common indentation and trailing blanks, joined by \n.</summary>
    public static string Dedent(string body)
    {
        var lines = body.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Trim().Length == 0 ? string.Empty : l[indent..].TrimEnd()));
    }

    /// <summary>
    /// What <paramref name="action"/> writes to the console, in the invariant culture, lines joined by \n, without the
    /// last newline. One capture at a time in the whole process: the console is global, and test classes run in parallel.
    /// </summary>
    public static string Capture(Action action) =>
        CaptureAsync(() =>
        {
            action();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();

    /// <inheritdoc cref="Capture(Action)"/>
    public static async Task<string> CaptureAsync(Func<Task> action)
    {
        await ConsoleGate.WaitAsync().ConfigureAwait(false);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        var previous = Console.Out;
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        Console.SetOut(writer);
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            Console.SetOut(previous);
            System.Globalization.CultureInfo.CurrentCulture = culture;
            ConsoleGate.Release();
        }

        return writer.ToString().TrimEnd('\n');
    }

    private static readonly SemaphoreSlim ConsoleGate = new(1, 1);

    [GeneratedRegex(@"// begin-snippet: (?<name>[\w-]+)\r?\n(?<body>.*?)\r?\n\s*// end-snippet", RegexOptions.Singleline)]
    private static partial Regex SnippetRegex();
}
