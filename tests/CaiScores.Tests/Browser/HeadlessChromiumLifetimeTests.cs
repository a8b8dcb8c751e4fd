using System.Diagnostics;

namespace CaiScores.Tests.Browser;

/// <summary>The browser's lifetime: it goes away with its profile, and a page that fails does not spoil the next one.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class HeadlessChromiumLifetimeTests(ChromiumFixture chromium)
{
    [Theory]
    [InlineData(null, false, true)]
    [InlineData(null, true, false)]
    [InlineData("/usr/bin/chromium", false, false)]
    [InlineData("/usr/bin/chromium", true, false)]
    public void Without_chromium_a_test_is_skipped_except_under_ci(string? executable, bool inCi, bool skipped)
    {
        Assert.Equal(skipped ? Chromium.MissingMessage : null, Chromium.SkipReason(executable, inCi));
        Assert.Contains("apt-get install chromium", Chromium.MissingMessage, StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Dispose_kills_the_browser_and_deletes_its_profile()
    {
        var browser = await HeadlessChromium.StartAsync();
        var id = browser.ProcessId;
        var profile = browser.ProfileDirectory;
        Assert.True(Directory.Exists(profile));

        await browser.DisposeAsync();

        Assert.False(Directory.Exists(profile), $"{profile} is still there");
        Assert.False(IsRunning(id), $"Chromium (pid {id}) is still running");
        Assert.Empty(ProcessesNaming(profile));
    }

    [ChromiumFact]
    public async Task A_page_that_cannot_be_opened_throws_and_the_next_page_opens()
    {
        var browser = await chromium.BrowserAsync();
        var dir = Directory.CreateTempSubdirectory("cai-page-");
        try
        {
            var missing = Path.Combine(dir.FullName, "missing.html");
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => browser.OpenAsync(missing));
            Assert.Contains("ERR_FILE_NOT_FOUND", failure.Message, StringComparison.Ordinal);

            var page = Path.Combine(dir.FullName, "page.html");
            await File.WriteAllTextAsync(page, "<!DOCTYPE html><title>t</title><svg width=\"10\" height=\"10\"></svg>");
            var report = await browser.OpenAsync(page);
            report.AssertClean();
            Assert.Single(report.Svgs);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The ids of processes whose command line names <paramref name="text"/> (Chromium's helpers carry the profile).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
