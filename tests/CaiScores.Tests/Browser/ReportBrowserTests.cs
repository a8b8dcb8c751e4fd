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

    // Opens every <details>, lets layout settle, and lists each table or chart whose right edge passes its card's content
    // box (or that scrolls sideways inside its wrapper), and whether the page itself scrolls sideways.
    private const string Overflows = """
        (async () => {
          document.querySelectorAll('details').forEach(d => d.open = true);
          await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          const out = [];
          for (const el of document.querySelectorAll('table, .chart svg')) {
            const card = el.closest('.card');
            if (!card) continue;
            const style = getComputedStyle(card);
            const inner = card.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
            const right = el.getBoundingClientRect().right;
            const wrap = el.closest('.tables');
            const name = el.getAttribute('data-name') ?? el.querySelector('title')?.textContent ?? el.tagName;
            if (right > inner + 0.5) out.push(`${card.id}: ${name} ends at ${right.toFixed(1)} px, its card's content at ${inner.toFixed(1)} px`);
            if (wrap && wrap.scrollWidth > wrap.clientWidth + 1) out.push(`${card.id}: ${name} scrolls sideways (${wrap.scrollWidth} px in ${wrap.clientWidth} px)`);
          }
          const page = document.documentElement;
          if (page.scrollWidth > page.clientWidth + 1) out.push(`the page scrolls sideways (${page.scrollWidth} px in ${page.clientWidth} px)`);
          return out;
        })()
        """;

    /// <summary>
    /// At a desktop width and at a narrow one, every table and chart of the report (the folded ones opened) stays inside its
    /// card, and the page never scrolls sideways. With <c>CAI_SCREENSHOT_DIR</c> set, the top of the page at each width is
    /// saved as report-1400.png and report-800.png.
    /// </summary>
    [ChromiumTheory]
    [InlineData(1400)]
    [InlineData(800)]
    public async Task No_table_or_chart_overflows_its_card(int width)
    {
        var browser = await chromium.BrowserAsync();
        var dir = Directory.CreateTempSubdirectory("cai-report-");
        try
        {
            // 13 runs: the longest labels (an intersection of 13 sets) and the widest cohort table. The pictures are of the
            // default demo.
            var screenshotDir = Environment.GetEnvironmentVariable("CAI_SCREENSHOT_DIR");
            string[] size = string.IsNullOrEmpty(screenshotDir) ? ["--persons", "400", "--runs", "13"] : [];
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var code = await CliApp.RunAsync(["demo", "--out", dir.FullName, .. size], stdout, stderr);
            Assert.True(code == 0, $"demo exited {code}: {stderr}");
            var report = await browser.OpenAsync(Path.Combine(dir.FullName, "report.html"), screenshot: !string.IsNullOrEmpty(screenshotDir), screenshotMaxHeight: 1500, viewportWidth: width);
            report.AssertClean();

            var problems = (await browser.EvaluateAsync(Overflows)).EnumerateArray().Select(e => e.GetString()).ToList();

            Assert.True(problems.Count == 0, $"At {width} px:\n" + string.Join("\n", problems));
            if (report.Screenshot is { } png)
            {
                Directory.CreateDirectory(screenshotDir!);
                await File.WriteAllBytesAsync(Path.Combine(screenshotDir!, $"report-{width}.png"), png);
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
