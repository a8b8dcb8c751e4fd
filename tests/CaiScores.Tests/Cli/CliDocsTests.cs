using System.Text.RegularExpressions;
using CaiScores.Cli;
using CaiScores.Tests.Docs;

namespace CaiScores.Tests.Cli;

/// <summary>docs/cli.md documents every option of every command, and the usage lines the commands print.</summary>
public sealed partial class CliDocsTests
{
    [GeneratedRegex("--[a-z][a-z-]+")]
    private static partial Regex OptionName();

    [Theory]
    [InlineData("demo")]
    [InlineData("report")]
    [InlineData("summary")]
    [InlineData("audience")]
    public async Task Every_option_of_a_command_is_in_docs_cli_md(string command)
    {
        using var stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync([command, "--help"], stdout, TextWriter.Null));
        var page = File.ReadAllText(Path.Combine(DocSnippets.Root(), "docs", "cli.md"));

        var options = OptionName().Matches(stdout.ToString()).Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(options);
        Assert.All(options, o => Assert.Contains($"`{o}", page, StringComparison.Ordinal));
        var usage = stdout.ToString().Split('\n').SkipWhile(l => !l.StartsWith("Usage:", StringComparison.Ordinal)).Skip(1).First().Trim();
        Assert.Contains(usage.Replace("...", "…", StringComparison.Ordinal), page.Replace("...", "…", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
