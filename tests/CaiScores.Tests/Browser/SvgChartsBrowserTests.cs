using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Xml.Linq;
using CaiScores.Output;
using CaiScores.Tests.Output;

namespace CaiScores.Tests.Browser;

/// <summary>
/// Every chart <see cref="SvgCharts"/> can draw, for every sample result it can draw, opened in headless Chromium: each
/// SVG is laid out at the size it declares and the browser reports nothing wrong. The charts are found by reflection, so
/// a new chart method is covered as soon as <see cref="SampleResults"/> has a result it takes.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class SvgChartsBrowserTests(ChromiumFixture chromium)
{
    [Fact]
    public void Every_chart_method_has_a_sample_result_to_draw()
    {
        var drawn = Charts().Select(c => c.Method).ToHashSet();
        var undrawn = ChartMethods().Where(m => !drawn.Contains(m.Name)).Select(m => m.Name).ToList();
        Assert.True(undrawn.Count == 0, $"No sample result for SvgCharts.{string.Join(", SvgCharts.", undrawn)}: add one to SampleResults.");
    }

    [ChromiumFact]
    public async Task Every_chart_renders_inline_in_an_html_page()
    {
        var charts = Charts();
        var html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>CaiScores charts</title></head><body>\n");
        foreach (var chart in charts)
        {
            html.Append(CultureInfo.InvariantCulture, $"<figure><figcaption>{WebUtility.HtmlEncode(chart.Name)}</figcaption>\n{chart.Svg}\n</figure>\n");
        }

        var report = await Open(html.Append("</body></html>\n").ToString(), "html");

        report.AssertClean();
        Assert.Equal(charts.Sum(c => CountSvgElements(c.Svg)), report.Svgs.Count);
        Assert.All(charts.Zip(report.Svgs), pair => AssertLaidOutAsDeclared(pair.First, pair.Second));
    }

    [ChromiumFact]
    public async Task Every_chart_renders_as_an_svg_file()
    {
        foreach (var chart in Charts())
        {
            var report = await Open(chart.Svg, "svg");

            report.AssertClean();
            AssertLaidOutAsDeclared(chart, report.Svgs[0]);
        }
    }

    /// <summary>The public chart methods: static, returning the SVG text, taking a result first.</summary>
    private static IEnumerable<MethodInfo> ChartMethods() =>
        typeof(SvgCharts).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(string) && m.GetParameters().Length >= 1)
            .OrderBy(m => m.Name, StringComparer.Ordinal);

    /// <summary>Each chart method applied, with its default options, to each sample result it takes.</summary>
    private static List<(string Name, string Method, string Svg)> Charts() =>
        [.. from method in ChartMethods()
            from sample in SampleResults.All()
            where method.GetParameters()[0].ParameterType.IsInstanceOfType(sample.Result)
            let arguments = method.GetParameters().Select((p, i) => i == 0 ? sample.Result : p.HasDefaultValue ? p.DefaultValue : throw new InvalidOperationException($"SvgCharts.{method.Name} needs {p.Name}")).ToArray()
            select ($"SvgCharts.{method.Name}({sample.Name})", method.Name, (string)method.Invoke(null, arguments)!)];

    private static int CountSvgElements(string svg) =>
        XDocument.Parse(svg).Descendants(XNamespace.Get("http://www.w3.org/2000/svg") + "svg").Count();

    /// <summary>The box is the declared width and height, to within layout's 1/64 px units.</summary>
    private static void AssertLaidOutAsDeclared((string Name, string Method, string Svg) chart, SvgBox box)
    {
        var root = XDocument.Parse(chart.Svg).Root!;
        var width = double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture);
        var height = double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(box.Width - width) < 0.05 && Math.Abs(box.Height - height) < 0.05,
            $"{chart.Name} declares {width}x{height} but was laid out at {box.Width}x{box.Height}");
    }

    private async Task<PageReport> Open(string text, string extension)
    {
        var browser = await chromium.BrowserAsync();
        var dir = Directory.CreateTempSubdirectory("cai-charts-");
        try
        {
            var file = Path.Combine(dir.FullName, "charts." + extension);
            await File.WriteAllTextAsync(file, text, new UTF8Encoding(false));
            return await browser.OpenAsync(file);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
