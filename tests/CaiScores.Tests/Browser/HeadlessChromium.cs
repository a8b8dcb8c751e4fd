using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaiScores.Tests.Browser;

/// <summary>
/// A headless Chromium driven over the DevTools Protocol, enough to load a local page and say what went wrong in it:
/// console errors, uncaught exceptions, failed loads and any request that leaves the machine (a report must be
/// self-contained, so only <c>file:</c> and <c>data:</c> URLs may be requested), plus the size of every <c>&lt;svg&gt;</c> and
/// a PNG screenshot. The browser runs with its own temporary profile and is killed, and the profile deleted, on dispose,
/// whatever happened. Every step has a timeout.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The viewport every page is laid out in, so sizes and screenshots do not depend on the machine.</summary>
    public const int ViewportWidth = 1280;

    public const int ViewportHeight = 800;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(20);

    // Lists every <svg> in document order (nested ones too) with its laid-out size, and the XML parser's complaints (an
    // SVG file that is not well-formed opens as an error page, logging nothing); after the fonts are ready and two
    // animation frames, so that layout has settled.
    private const string ListSvgs = """
        (async () => {
          if (document.fonts) await document.fonts.ready;
          await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
          return {
            svgs: [...document.getElementsByTagNameNS('http://www.w3.org/2000/svg', 'svg')].map(s => {
              const r = s.getBoundingClientRect();
              return { label: s.getAttribute('aria-label') ?? s.querySelector('title')?.textContent ?? '', width: r.width, height: r.height };
            }),
            parseErrors: [...document.getElementsByTagName('parsererror')].map(e => e.textContent.trim()),
          };
        })()
        """;

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly Queue<string> _stderr = new();
    private readonly Lock _gate = new();
    private CdpConnection? _cdp;
    private string? _target;
    private string? _session;
    private readonly Dictionary<string, TaskCompletionSource> _loads = [];
    private List<string>? _problems;

    private HeadlessChromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>The browser's process id, for tests of the clean-up.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The temporary profile (<c>--user-data-dir</c>), deleted on dispose.</summary>
    public string ProfileDirectory => _profile.FullName;

    /// <summary>Starts the browser (see <see cref="Chromium.Require"/>) and connects to it.</summary>
    public static async Task<HeadlessChromium> StartAsync()
    {
        var executable = Chromium.Require();
        var profile = Directory.CreateTempSubdirectory("cai-chromium-");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new",
            "--no-sandbox", // containers run as root, where Chromium's sandbox cannot start
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--remote-debugging-port=0", // the port Chromium chose is written to DevToolsActivePort
            $"--user-data-dir={profile.FullName}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-extensions",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
            "--force-device-scale-factor=1",
            $"--window-size={ViewportWidth},{ViewportHeight}",
            "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        Process? process = null;
        HeadlessChromium? browser = null;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
            browser = new HeadlessChromium(process, profile);
            process.ErrorDataReceived += (_, e) => browser.KeepStderr(e.Data);
            process.OutputDataReceived += (_, e) => browser.KeepStderr(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var endpoint = await browser.WaitForEndpointAsync();
            browser._cdp = await CdpConnection.ConnectAsync(endpoint, CommandTimeout);
            browser._cdp.EventReceived += browser.OnEvent;
            return browser;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }
            else
            {
                process?.Kill(entireProcessTree: true);
                process?.Dispose();
                DeleteProfile(profile);
            }

            throw;
        }
    }

    /// <summary>
    /// Opens <paramref name="file"/> in the browser's tab, waits for the load event, and reports the errors, the SVGs and,
    /// when asked, a screenshot. The tab is reused (a new one costs a renderer process), but it first goes to
    /// <c>about:blank</c> and waits for that to load, so nothing the previous page logs is counted against this one; after a
    /// failure the tab is closed and the next page gets a new one.
    /// </summary>
    /// <param name="file">A local HTML or SVG file.</param>
    /// <param name="screenshot">Whether to take a full-page PNG screenshot (encoding one costs time).</param>
    /// <param name="screenshotMaxHeight">Crop the screenshot to this many CSS pixels from the top; null for the whole page.</param>
    /// <param name="screenshotUntil">
    /// Crop the screenshot 16 px below the first element this CSS selector matches (so that a picture of the top of a long
    /// page ends between two parts of it); null for no such crop. A selector that matches nothing throws.
    /// </param>
    /// <param name="viewportWidth">The viewport's width in CSS pixels (the page is laid out at it, and the screenshot is as wide); null for <see cref="ViewportWidth"/>.</param>
    public async Task<PageReport> OpenAsync(string file, bool screenshot = false, int? screenshotMaxHeight = null, string? screenshotUntil = null, int? viewportWidth = null)
    {
        var cdp = _cdp ?? throw new ObjectDisposedException(nameof(HeadlessChromium));
        var url = new Uri(Path.GetFullPath(file)).AbsoluteUri;
        var problems = new List<string>();
        try
        {
            var session = await TabAsync(cdp);
            var width = viewportWidth ?? ViewportWidth;
            await cdp.SendAsync("Emulation.setDeviceMetricsOverride",
                new JsonObject { ["width"] = width, ["height"] = ViewportHeight, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session, CommandTimeout);
            await NavigateAsync(cdp, session, "about:blank");
            lock (_gate)
            {
                _problems = problems;
            }

            await NavigateAsync(cdp, session, url);
            var (svgs, parseErrors) = await EvaluateSvgsAsync(cdp, session);
            var png = screenshot ? await ScreenshotAsync(cdp, session, width, screenshotMaxHeight, screenshotUntil) : null;
            lock (_gate)
            {
                _problems = null;
                problems.AddRange(parseErrors.Select(e => $"XML parse error: {e}"));
                return new PageReport(url, [.. problems], svgs, png);
            }
        }
        catch
        {
            lock (_gate)
            {
                _problems = null;
            }

            await CloseTabAsync(cdp);
            throw;
        }
    }

    /// <summary>The tab's session, attached with the Runtime, Log, Network and Page events on; created when there is none.</summary>
    private async Task<string> TabAsync(CdpConnection cdp)
    {
        if (_session is { } open)
        {
            return open;
        }

        _target = (await cdp.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, CommandTimeout)).GetProperty("targetId").GetString();
        var session = (await cdp.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = _target, ["flatten"] = true }, null, CommandTimeout))
            .GetProperty("sessionId").GetString()!;
        lock (_gate)
        {
            _session = session;
        }

        foreach (var domain in new[] { "Runtime", "Log", "Network", "Page" })
        {
            await cdp.SendAsync($"{domain}.enable", null, session, CommandTimeout);
        }

        await cdp.SendAsync("Page.setLifecycleEventsEnabled", new JsonObject { ["enabled"] = true }, session, CommandTimeout);

        // Nothing leaves the machine: a request to the network fails at once (and is reported as one) instead of holding
        // the load event until it times out.
        await cdp.SendAsync("Network.setBlockedURLs", new JsonObject { ["urls"] = new JsonArray("http://*", "https://*", "ws://*", "wss://*", "ftp://*") }, session, CommandTimeout);
        await cdp.SendAsync("Emulation.setDeviceMetricsOverride",
            new JsonObject { ["width"] = ViewportWidth, ["height"] = ViewportHeight, ["deviceScaleFactor"] = 1, ["mobile"] = false }, session, CommandTimeout);
        return session;
    }

    private async Task CloseTabAsync(CdpConnection cdp)
    {
        var target = _target;
        lock (_gate)
        {
            _session = null;
            _target = null;
        }

        if (target is null)
        {
            return;
        }

        try
        {
            await cdp.SendAsync("Target.closeTarget", new JsonObject { ["targetId"] = target }, null, CommandTimeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The browser is in trouble; the original failure matters more, and dispose kills it.
        }
    }

    /// <summary>
    /// Navigates and waits for the "load" lifecycle event of that very navigation (matched by its loader id, so that a late
    /// event of the page before cannot end the wait early).
    /// </summary>
    private async Task NavigateAsync(CdpConnection cdp, string session, string url)
    {
        var navigation = await cdp.SendAsync("Page.navigate", new JsonObject { ["url"] = url }, session, CommandTimeout);
        if (navigation.TryGetProperty("errorText", out var navigationError) && navigationError.GetString() is { Length: > 0 } text)
        {
            throw new InvalidOperationException($"Chromium could not open {url}: {text}");
        }

        var loaderId = navigation.GetProperty("loaderId").GetString()!;
        try
        {
            await Load(loaderId).Task.WaitAsync(LoadTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{url} did not finish loading within {LoadTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            lock (_gate)
            {
                _loads.Clear();
            }
        }
    }

    private TaskCompletionSource Load(string loaderId)
    {
        lock (_gate)
        {
            if (!_loads.TryGetValue(loaderId, out var load))
            {
                _loads[loaderId] = load = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return load;
        }
    }

    private void OnEvent(string method, JsonElement p, string? session)
    {
        lock (_gate)
        {
            if (session is null || session != _session)
            {
                return;
            }

            if (method == "Page.lifecycleEvent")
            {
                if (p.GetProperty("name").GetString() == "load")
                {
                    Load(p.GetProperty("loaderId").GetString()!).TrySetResult();
                }
            }
            else if (_problems is not null)
            {
                Collect(method, p, _problems);
            }
        }
    }

    private static void Collect(string method, JsonElement p, List<string> problems)
    {
        switch (method)
        {
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                problems.Add("console." + p.GetProperty("type").GetString() + ": " +
                    string.Join(" ", p.GetProperty("args").EnumerateArray().Select(Describe)));
                break;
            case "Runtime.exceptionThrown":
                var details = p.GetProperty("exceptionDetails");
                problems.Add("uncaught exception: " + (details.TryGetProperty("exception", out var exception) ? Describe(exception) : details.GetProperty("text").GetString()));
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                var entry = p.GetProperty("entry");
                problems.Add($"log error ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()}" +
                    (entry.TryGetProperty("url", out var entryUrl) ? $" [{entryUrl.GetString()}]" : string.Empty));
                break;
            case "Network.requestWillBeSent":
                var requested = p.GetProperty("request").GetProperty("url").GetString() ?? string.Empty;
                if (!requested.StartsWith("file:", StringComparison.Ordinal) && !requested.StartsWith("data:", StringComparison.Ordinal))
                {
                    problems.Add($"request leaves the page's files: {Shorten(requested)}");
                }

                break;
            case "Network.loadingFailed":
                problems.Add($"load failed: {p.GetProperty("errorText").GetString()} (request {p.GetProperty("requestId").GetString()}, {p.GetProperty("type").GetString()})");
                break;
        }
    }

    private static string Describe(JsonElement remoteObject) =>
        remoteObject.TryGetProperty("value", out var value) ? (value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())
        : remoteObject.TryGetProperty("description", out var description) ? description.GetString()!
        : remoteObject.GetProperty("type").GetString()!;

    private static string Shorten(string url) => url.Length <= 200 ? url : url[..200] + "…";

    private static async Task<(IReadOnlyList<SvgBox> Svgs, IReadOnlyList<string> ParseErrors)> EvaluateSvgsAsync(CdpConnection cdp, string? session)
    {
        var result = await cdp.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = ListSvgs, ["awaitPromise"] = true, ["returnByValue"] = true }, session, CommandTimeout);
        if (result.TryGetProperty("exceptionDetails", out var failed))
        {
            throw new InvalidOperationException($"Listing the SVGs failed: {failed.GetRawText()}");
        }

        var value = result.GetProperty("result").GetProperty("value");
        return (
            [.. value.GetProperty("svgs").EnumerateArray().Select(s => new SvgBox(
                s.GetProperty("label").GetString()!, s.GetProperty("width").GetDouble(), s.GetProperty("height").GetDouble()))],
            [.. value.GetProperty("parseErrors").EnumerateArray().Select(e => e.GetString()!)]);
    }

    /// <summary>
    /// Evaluates a JavaScript expression in the page <see cref="OpenAsync"/> opened last (a promise is awaited) and returns
    /// its value as JSON; an exception in the page throws.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var cdp = _cdp ?? throw new ObjectDisposedException(nameof(HeadlessChromium));
        var session = _session ?? throw new InvalidOperationException("No page is open.");
        var result = await cdp.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["awaitPromise"] = true, ["returnByValue"] = true }, session, CommandTimeout);
        return result.TryGetProperty("exceptionDetails", out var failed)
            ? throw new InvalidOperationException($"The script failed: {failed.GetRawText()}")
            : result.GetProperty("result").GetProperty("value").Clone();
    }

    private static async Task<byte[]> ScreenshotAsync(CdpConnection cdp, string? session, int width, int? maxHeight, string? until)
    {
        var metrics = await cdp.SendAsync("Page.getLayoutMetrics", null, session, CommandTimeout);
        var content = metrics.GetProperty("cssContentSize");
        var height = Math.Ceiling(content.GetProperty("height").GetDouble());
        if (maxHeight is { } max)
        {
            height = Math.Min(height, max);
        }

        if (until is not null)
        {
            var expression = $"(() => {{ const e = document.querySelector({JsonValue.Create(until).ToJsonString()}); return e ? e.getBoundingClientRect().bottom + window.scrollY : -1; }})()";
            var bottom = (await cdp.SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, session, CommandTimeout))
                .GetProperty("result").GetProperty("value").GetDouble();
            if (bottom < 0)
            {
                throw new InvalidOperationException($"No element matches {until}, where the screenshot should end.");
            }

            height = Math.Min(height, Math.Ceiling(bottom) + 16);
        }

        var shot = await cdp.SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = Math.Max(1, height), ["scale"] = 1 },
        }, session, CommandTimeout);
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    private async Task<Uri> WaitForEndpointAsync()
    {
        // Chromium writes "<port>\n<browser path>" once it listens.
        var file = Path.Combine(_profile.FullName, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before it listened. Its last output:\n{StderrTail()}");
            }

            if (File.Exists(file))
            {
                string[] lines;
                try
                {
                    lines = File.ReadAllLines(file);
                }
                catch (IOException)
                {
                    lines = [];
                }

                if (lines.Length >= 2 && int.TryParse(lines[0], out var port) && port > 0)
                {
                    return new Uri($"ws://127.0.0.1:{port}{lines[1]}");
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Chromium did not write {file} within {StartTimeout.TotalSeconds:0} s. Its last output:\n{StderrTail()}");
    }

    private void KeepStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderr)
        {
            _stderr.Enqueue(line);
            while (_stderr.Count > 40)
            {
                _stderr.Dequeue();
            }
        }
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            return string.Join('\n', _stderr);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_cdp is not null)
        {
            await _cdp.DisposeAsync();
            _cdp = null;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or will be reaped by the OS; the profile is deleted below either way.
        }
        finally
        {
            _process.Dispose();
            DeleteProfile(_profile);
        }
    }

    private static void DeleteProfile(DirectoryInfo profile)
    {
        // A dying browser may still write a file or two: try a few times.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                profile.Refresh();
                if (profile.Exists)
                {
                    profile.Delete(recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }
}

/// <summary>
/// What Chromium made of a page: the problems it logged (empty when none), every SVG's laid-out size, and the PNG
/// screenshot when one was asked for.
/// </summary>
internal sealed record PageReport(string Url, IReadOnlyList<string> Problems, IReadOnlyList<SvgBox> Svgs, byte[]? Screenshot)
{
    /// <summary>Fails with every problem and every empty SVG listed, unless the page loaded cleanly with all SVGs drawn.</summary>
    public void AssertClean()
    {
        var empty = Svgs.Where(s => !s.IsDrawn).Select(s => $"svg \"{s.Label}\" is {s.Width}x{s.Height}").ToList();
        if (Problems.Count > 0 || empty.Count > 0)
        {
            var message = new StringBuilder($"{Url} did not render cleanly in Chromium:");
            foreach (var line in Problems.Concat(empty))
            {
                message.Append("\n  ").Append(line);
            }

            Assert.Fail(message.ToString());
        }
    }
}

/// <summary>One <c>&lt;svg&gt;</c>: its aria-label (or title) and its bounding box in CSS pixels.</summary>
internal sealed record SvgBox(string Label, double Width, double Height)
{
    public bool IsDrawn => Width > 0 && Height > 0;
}
