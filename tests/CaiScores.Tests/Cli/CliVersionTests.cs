using System.Text.RegularExpressions;
using CaiScores.Cli;

namespace CaiScores.Tests.Cli;

public sealed partial class CliVersionTests
{
    [Fact]
    public async Task Version_prints_the_package_version_and_exits_0()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await CliApp.RunAsync(["--version"], stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr.ToString());
        var line = stdout.ToString().TrimEnd();
        Assert.Matches(VersionLine(), line);
        var version = typeof(CliApp).Assembly.GetName().Version!;
        Assert.StartsWith($"cai-scores {version.Major}.{version.Minor}.{version.Build}", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_is_in_the_usage()
    {
        using var stdout = new StringWriter();
        Assert.Equal(0, await CliApp.RunAsync(["--help"], stdout, TextWriter.Null));
        Assert.Contains("cai-scores --version", stdout.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^cai-scores \d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?( \(commit [0-9a-f]{7}\))?$")]
    private static partial Regex VersionLine();
}
