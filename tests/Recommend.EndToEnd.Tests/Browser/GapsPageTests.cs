using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>The evidence-gap page: the summary and the heat map, a square chosen by keyboard, its practices in the browse page, accessibility at desktop and phone widths.</summary>
[Collection(AppCollection.Name)]
public sealed partial class GapsPageTests(AppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task ASquareChosenByKeyboardShowsItsCouncilsAndPracticesAndBrowsesExactlyThem()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/gaps.html");
        await Expect(page.Locator("#gaps-status")).ToHaveTextAsync(Loaded());
        await Expect(page.Locator("#summary-rows > tr")).ToHaveCountAsync(14);
        await Expect(page.Locator("#heatmap-head > th")).ToHaveCountAsync(15);

        // A square with evidence: its accessible name says the area, the kind of place and the count.
        var square = page.Locator(".heatmap td a.have-1, .heatmap td a.have-few, .heatmap td a.have-many").First;
        var name = (await square.GetAttributeAsync("aria-label"))!;
        var count = int.Parse((await square.TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
        var parts = SquareName().Match(name);
        Assert.True(parts.Success, name);
        await square.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex(@"gaps\.html\?area=[a-z_]+&cell=[a-z_.]+#cell-detail$"));
        var heading = page.Locator("#cell-heading");
        await Expect(heading).ToBeFocusedAsync();
        await Expect(heading).ToHaveTextAsync($"{parts.Groups["area"].Value}: {parts.Groups["place"].Value}");
        await Expect(page.Locator("#cell-practices li")).ToHaveCountAsync(count);
        Assert.True(await page.Locator("#cell-councils li").CountAsync() > 0);
        await Expect(square).ToHaveAttributeAsync("aria-current", "true");
        var titles = (await page.Locator("#cell-practices li a").AllTextContentsAsync()).Order(StringComparer.Ordinal).ToList();

        await page.GetByRole(AriaRole.Link, new() { Name = "See these practices in the catalogue" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"browse\.html\?ids="));
        await Expect(page.Locator("#browse-chosen")).ToContainTextAsync($"Only the {count} practice");
        await Expect(page.Locator("#browse-results > li")).ToHaveCountAsync(count);
        Assert.Equal(titles, (await page.Locator("#browse-results > li h3").AllTextContentsAsync()).Order(StringComparer.Ordinal).ToList());
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ASharedLinkOpensTheSameSquareAndAGapSaysSo()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/gaps.html");
        var gap = page.Locator(".heatmap td a.gap-nation, .heatmap td a.gap-none").First;
        var href = (await gap.GetAttributeAsync("href"))!;

        await using var other = await browser.OpenAsync(app.GatewayUrl);
        await other.Page.GotoAsync(href);

        await Expect(other.Page.Locator("#cell-practices")).ToContainTextAsync("None: this is a gap.");
        await Expect(other.Page.Locator("#cell-practices a")).ToHaveAttributeAsync("href", new Regex(@"/browse\.html\?area=[a-z_]+&min_evidence=3$"));
        session.AssertNoScriptErrors();
        other.AssertNoScriptErrors();
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(375)]
    public async Task ThePageHasNoSeriousOrCriticalAccessibilityViolationsAndFitsAPhone(int width)
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.SetViewportSizeAsync(width, 900);
        await page.GotoAsync("/gaps.html");
        await Expect(page.Locator("#gaps-status")).ToHaveTextAsync(Loaded());
        await page.Locator(".heatmap td a").First.ClickAsync();
        await Expect(page.Locator("#cell-detail")).ToBeVisibleAsync();

        var found = await Accessibility.SeriousViolationsAsync(page);

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        if (width == 375)
        {
            // The map scrolls inside its own region (focusable, named); the page itself never scrolls sideways.
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            var widest = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')]
                  .filter((e) => !e.closest('.table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                  .slice(0, 6).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).join(', ')
                """);
            Assert.True(overflow <= 0, $"the page is {overflow} px wider than the screen: {widest}");
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Heat map (scrolls sideways)" })).ToHaveAttributeAsync("tabindex", "0");
            await page.EvaluateAsync("() => document.querySelector('.gap-legend').scrollIntoView()");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "gaps-375.png") });
        }
        else
        {
            await page.EvaluateAsync("() => document.getElementById('map-heading').scrollIntoView()");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "gaps.png") });
        }

        session.AssertNoScriptErrors();
    }

    [GeneratedRegex(@"^\d+ councils, \d+ practices at level 3 or above\.$")]
    private static partial Regex Loaded();

    [GeneratedRegex(@"^\d+: (?<area>[A-Z][^,]+), (?<place>(England|Scotland|Wales|Northern Ireland), (single tier|county|district), [a-z ]+, (more deprived|middle|less deprived)): \d+ practices? with evidence from a similar place$")]
    private static partial Regex SquareName();
}
