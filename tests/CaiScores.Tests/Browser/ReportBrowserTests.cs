using System.Text.RegularExpressions;
using CaiScores.Cli;

namespace CaiScores.Tests.Browser;

/// <summary>
/// The CLI's report, as a reader sees it: <c>cai-scores demo</c> writes report.html, and headless Chromium opens it with
/// every chart drawn and nothing wrong logged. With <c>CAI_SCREENSHOT_DIR</c> set, the top of the report is saved there as
/// report.png (the README's picture; see README.md beside this file).
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed partial class ReportBrowserTests(ChromiumFixture chromium)
{
    /// <summary>
    /// Where the screenshot ends: below the second section of the report (the header, the contents, the scoring summary and
    /// the distribution chart), and at most this many CSS pixels down.
    /// </summary>
    private const string ScreenshotUntil = "main > section:nth-of-type(2)";

    private const int ScreenshotMaxHeight = 2400;

    [ChromiumFact]
    public async Task The_demo_report_renders_every_chart_without_errors()
    {
        var browser = await chromium.BrowserAsync();
        var dir = Directory.CreateTempSubdirectory("cai-report-");
        try
        {
            // The README's picture is of the default demo (what a newcomer runs); the test itself uses a small one.
            var screenshotDir = Environment.GetEnvironmentVariable("CAI_SCREENSHOT_DIR");
            string[] size = string.IsNullOrEmpty(screenshotDir) ? ["--persons", "300", "--runs", "4"] : [];
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await CliApp.RunAsync(["demo", "--out", dir.FullName, .. size], stdout, stderr);
            Assert.True(code == 0, $"demo exited {code}: {stderr}");
            var file = Path.Combine(dir.FullName, "report.html");
            var html = await File.ReadAllTextAsync(file);

            var report = await browser.OpenAsync(file, screenshot: !string.IsNullOrEmpty(screenshotDir), screenshotMaxHeight: ScreenshotMaxHeight, screenshotUntil: ScreenshotUntil);

            report.AssertClean();
            var inHtml = SvgStartTag().Count(html);
            Assert.True(inHtml >= 5, $"the report has only {inHtml} <svg> elements");
            Assert.Equal(inHtml, report.Svgs.Count);
            if (report.Screenshot is { } png)
            {
                Directory.CreateDirectory(screenshotDir!);
                await File.WriteAllBytesAsync(Path.Combine(screenshotDir!, "report.png"), png);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"<svg[\s>]", RegexOptions.CultureInvariant)]
    private static partial Regex SvgStartTag();
}
