using Microsoft.Playwright;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>One test's page, and any script error it raised (a broken page fails its test even if the assertions pass).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _scriptErrors.Add(error);
    }

    public IPage Page { get; }

    public void AssertNoScriptErrors() => Assert.Empty(_scriptErrors);

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
