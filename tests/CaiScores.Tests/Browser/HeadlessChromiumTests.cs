using System.Text;

namespace CaiScores.Tests.Browser;

/// <summary>The harness itself: it measures what is drawn, and it catches each kind of problem a report could have.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeadlessChromiumTests(ChromiumFixture chromium)
{
    private const string Chart = """<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" aria-label="a chart"><rect width="300" height="120" fill="#009E73"/></svg>""";

    [ChromiumFact]
    public async Task A_clean_page_passes_and_its_svgs_are_measured()
    {
        var report = await Open($"<h1>Clean</h1>{Chart}<svg width=\"40\" height=\"20\"><title>small</title></svg>", screenshot: true);

        report.AssertClean();
        Assert.Equal([new SvgBox("a chart", 300, 120), new SvgBox("small", 40, 20)], report.Svgs);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], report.Screenshot!.Take(4));
        Assert.Equal((HeadlessChromium.ViewportWidth, HeadlessChromium.ViewportHeight), PngSize(report.Screenshot!));
    }

    [ChromiumTheory]
    [InlineData("console.error", "<script>console.error('chart %s failed', 'trend')</script>", "console.error: chart %s failed trend")]
    [InlineData("console.assert", "<script>console.assert(1 === 2, 'one is two')</script>", "console.assert")]
    [InlineData("exception", "<script>window.onload = () => { null.width; };</script>", "uncaught exception: TypeError")]
    [InlineData("rejection", "<script>Promise.reject(new Error('no data'))</script>", "uncaught exception: Error: no data")]
    [InlineData("external image", "<img src=\"http://example.com/logo.png\" alt=\"logo\">", "request leaves the page's files: http://example.com/logo.png")]
    [InlineData("external script", "<script src=\"https://cdn.example.com/d3.js\"></script>", "request leaves the page's files: https://cdn.example.com/d3.js")]
    [InlineData("missing local file", "<img src=\"missing.png\" alt=\"missing\">", "load failed: net::ERR_FILE_NOT_FOUND")]
    [InlineData("zero-size svg", "<svg width=\"0\" height=\"100\"></svg>", "svg \"\" is 0x100")]
    [InlineData("hidden svg", "<div style=\"display:none\"><svg width=\"100\" height=\"100\" aria-label=\"hidden\"></svg></div>", "svg \"hidden\" is 0x0")]
    public async Task Each_kind_of_problem_is_caught(string kind, string body, string expected)
    {
        var report = await Open($"{Chart}{body}");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(report.AssertClean);
        Assert.True(failure.Message.Contains(expected, StringComparison.Ordinal), $"{kind}: expected \"{expected}\" in:\n{failure.Message}");
    }

    [ChromiumFact]
    public async Task An_svg_file_that_is_not_well_formed_is_caught()
    {
        var report = await Open("""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>a < b</text></svg>""", "svg");

        var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(report.AssertClean);
        Assert.Contains("XML parse error", failure.Message, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task The_screenshot_can_be_cropped_to_the_top()
    {
        var tall = $"<div style=\"height:3000px\">{Chart}</div>";

        Assert.Equal((HeadlessChromium.ViewportWidth, 3016), PngSize((await Open(tall, screenshot: true)).Screenshot!)); // 8 px body margins
        Assert.Equal((HeadlessChromium.ViewportWidth, 500), PngSize((await Open(tall, screenshot: true, screenshotMaxHeight: 500)).Screenshot!));
        Assert.Equal((HeadlessChromium.ViewportWidth, 8 + 40 + 16), PngSize((await Open($"<div id=\"a\" style=\"height:40px\"></div>{tall}", screenshot: true, screenshotUntil: "#a")).Screenshot!));
        Assert.Null((await Open(tall)).Screenshot);
    }

    private async Task<PageReport> Open(string body, string extension = "html", bool screenshot = false, int? screenshotMaxHeight = null, string? screenshotUntil = null)
    {
        var browser = await chromium.BrowserAsync();
        var dir = Directory.CreateTempSubdirectory("cai-page-");
        try
        {
            var file = Path.Combine(dir.FullName, "page." + extension);
            var text = extension == "html" ? $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>t</title></head><body>{body}</body></html>" : body;
            await File.WriteAllTextAsync(file, text, new UTF8Encoding(false));
            return await browser.OpenAsync(file, screenshot, screenshotMaxHeight, screenshotUntil);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    internal static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
