using Microsoft.Playwright;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, never a downloaded one) for the whole collection; each test
/// opens its own context and page. Launched on first use, so the HTTP-only tests that share the
/// collection neither wait for it nor fail when Chromium is missing.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The machine has no internet: keep Chromium from phoning home and from needing a GPU or a sandbox (root in CI).</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>The first ranking embeds the query and may wait on a cold recommender.</summary>
    private static readonly TimeSpan ActionTimeout = TimeSpan.FromSeconds(20);

    private readonly Lazy<Task<(IPlaywright Playwright, IBrowser Browser)>> _browser = new(LaunchAsync);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>A fresh context (no cookies, cache or routes from other tests) and page on the gateway.</summary>
    public async Task<BrowserSession> OpenAsync(Uri gatewayUrl)
    {
        var (_, browser) = await _browser.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gatewayUrl.ToString(),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1000, Height = 1300 },
        });
        context.SetDefaultTimeout((float)ActionTimeout.TotalMilliseconds);
        Assertions.SetDefaultExpectTimeout((float)ActionTimeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (_browser.IsValueCreated && _browser.Value.IsCompletedSuccessfully)
        {
            var (playwright, browser) = _browser.Value.Result;
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's Chromium at {ChromiumPath}, which is not installed. "
                + "Install it with `apt-get install -y chromium` (./test.sh does this), then run the tests again.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        return (playwright, browser);
    }
}
