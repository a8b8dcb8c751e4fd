namespace CaiScores.Tests.Browser;

/// <summary>
/// One headless Chromium shared by the browser tests, started on first use (so skipped tests start nothing) and killed at
/// the end; every page still gets a fresh browser context of its own. The tests of the collection run one after another,
/// which keeps a 2-core machine usable.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private HeadlessChromium? _browser;

    internal async Task<HeadlessChromium> BrowserAsync()
    {
        await _lock.WaitAsync();
        try
        {
            return _browser ??= await HeadlessChromium.StartAsync();
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _browser = null;
        }

        _lock.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
