using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>Browsing the catalogue, practice pages, links that reproduce a view, error states and accessibility.</summary>
[Collection(AppCollection.Name)]
public sealed partial class BrowsePageTests(AppFixture app, BrowserFixture browser)
{
    private const string Loneliness = "reduce loneliness among older residents in rural villages";

    [Fact]
    public async Task AFacetNarrowsTheListAndAPracticeOpensOnItsOwnPage()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/browse.html");
        await Expect(page.Locator("#browse-status")).ToHaveTextAsync(ShowingFirstPage());

        await page.Locator("#facets").GetByRole(AriaRole.Link, new() { NameRegex = HousingFacet() }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("area=housing_homelessness"));
        await Expect(page.Locator("#area")).ToHaveValueAsync("housing_homelessness");
        var first = page.Locator("#browse-results > li h3 a").First;
        await Expect(first).ToBeVisibleAsync();
        var title = await first.TextContentAsync();
        foreach (var hint in await page.Locator("#browse-results > li .hint").AllTextContentsAsync())
        {
            Assert.Contains("Housing and homelessness", hint);
        }

        await first.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/practice\.html\?id=[a-z0-9-]+$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title!);
        await Expect(page.Locator(".facts")).ToContainTextAsync("Evidence (Nesta, 1-5)");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task FiltersLiveInTheAddressSoALinkReopensTheSameView()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/browse.html");
        await page.GetByLabel("Words to look for").FillAsync("young");
        await page.GetByLabel("Weakest evidence accepted").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show practices" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"query=young.*min_evidence=2"));
        await Expect(page.Locator("#browse-status")).ToContainTextAsync("Showing");
        var listed = await page.Locator("#browse-results > li h3").AllTextContentsAsync();

        await using var other = await browser.OpenAsync(app.GatewayUrl);
        await other.Page.GotoAsync(page.Url);

        await Expect(other.Page.Locator("#query")).ToHaveValueAsync("young");
        await Expect(other.Page.Locator("#browse-results > li h3")).ToHaveTextAsync([.. listed]);
        session.AssertNoScriptErrors();
        other.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARecommendationLinkAsksTheSameQuestionAndShowsTheSameResults()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.GetByLabel("Your challenge, in your own words").FillAsync(Loneliness);
        await page.GetByLabel("Most it may cost").SelectOptionAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find practices" }).ClickAsync();
        await Expect(page.Locator("#results > li").First).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"challenge=reduce\+loneliness.*max_cost_band=3"));
        var ranked = await page.Locator("#results > li h3").AllTextContentsAsync();

        await using var shared = await browser.OpenAsync(app.GatewayUrl);
        await shared.Page.GotoAsync(page.Url);

        await Expect(shared.Page.Locator("#challenge")).ToHaveValueAsync(Loneliness);
        await Expect(shared.Page.Locator("#max_cost_band")).ToHaveValueAsync("3");
        await Expect(shared.Page.Locator("#results > li h3")).ToHaveTextAsync([.. ranked]);
        session.AssertNoScriptErrors();
        shared.AssertNoScriptErrors();
    }

    [Fact]
    public async Task NoMatchesUnavailableAndRateLimitedAreEachExplained()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        var status = page.Locator("#browse-status");

        await page.GotoAsync("/browse.html?query=zzqqxxnothing");
        await Expect(status).ToHaveTextAsync(new Regex("^No practice matches these filters"));

        await page.RouteAsync(BrowseEndpoint(), route => route.FulfillAsync(Problem(503, "Catalogue unavailable")));
        await page.GotoAsync("/browse.html");
        await Expect(status).ToContainTextAsync("The catalogue is unavailable just now");
        await Expect(status).ToHaveClassAsync("error");

        await page.UnrouteAsync(BrowseEndpoint());
        await page.RouteAsync(BrowseEndpoint(), route => route.FulfillAsync(Problem(429, "Too many requests", "try again in 3 s.")));
        await page.GotoAsync("/browse.html");
        await Expect(status).ToContainTextAsync("Too many requests from your address");
        await Expect(status).ToContainTextAsync("try again in 3 s");

        await page.GotoAsync("/practice.html?id=no-such-practice");
        await Expect(page.Locator("#practice-status")).ToContainTextAsync("There is no practice \"no-such-practice\"");
        session.AssertNoScriptErrors();
    }

    [Fact]
    public async Task ARateLimitedRecommendationSaysSoInWords()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.RouteAsync(RecommendationsEndpoint(), route => route.FulfillAsync(Problem(429, "Too many requests", "This client sent more requests than the gateway allows; try again in 2 s.")));

        await page.GetByLabel("Your challenge, in your own words").FillAsync(Loneliness);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find practices" }).ClickAsync();

        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Too many requests from your address");
        await Expect(alert).ToContainTextAsync("try again in 2 s");
        await Expect(alert).Not.ToContainTextAsync("{");
        session.AssertNoScriptErrors();
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(375)]
    public async Task MainViewsHaveNoSeriousOrCriticalAccessibilityViolations(int width)
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.SetViewportSizeAsync(width, 900);
        var found = new List<string>();

        await page.GotoAsync($"/?challenge={Uri.EscapeDataString(Loneliness)}&council=CON");
        await Expect(page.Locator("#results > li").First).ToBeVisibleAsync();
        await page.Locator("#results > li button").First.ClickAsync();
        await Expect(page.Locator("#results .facts").First).ToBeVisibleAsync();
        found.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"recommendations: {v}"));
        if (width == 375)
        {
            await AssertNoSidewaysScrollAsync(page);
            await SaveScreenshotAsync(page);
        }

        await page.GotoAsync("/browse.html?area=education");
        await Expect(page.Locator("#browse-results > li").First).ToBeVisibleAsync();
        found.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"browse: {v}"));
        if (width == 375)
        {
            await AssertNoSidewaysScrollAsync(page);
        }

        await page.Locator("#browse-results > li h3 a").First.ClickAsync();
        await Expect(page.Locator("#practice h1")).ToBeVisibleAsync();
        found.AddRange((await Accessibility.SeriousViolationsAsync(page)).Select(v => $"practice: {v}"));

        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
        session.AssertNoScriptErrors();
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var widest = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
              .slice(0, 6).map((e) => `${e.tagName.toLowerCase()}#${e.id}.${e.className}`).join(', ')
            """);
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than the screen: {widest}");
    }

    /// <summary>The recommendation page on a 375 px phone, kept with the test output (docs/screenshots/ holds a copy).</summary>
    private static async Task SaveScreenshotAsync(IPage page) =>
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "recommendations-375.png"),
            FullPage = false,
        });

    private static RouteFulfillOptions Problem(int status, string title, string? detail = null) => new()
    {
        Status = status,
        ContentType = "application/problem+json",
        Headers = status == 429 ? new Dictionary<string, string> { ["Retry-After"] = "3" } : null,
        Body = System.Text.Json.JsonSerializer.Serialize(new { title, status, detail, trace_id = "00-test" }),
    };

    [GeneratedRegex(@"^Showing 1 to 20 of \d+ practices\.$")]
    private static partial Regex ShowingFirstPage();

    [GeneratedRegex(@"^Housing and homelessness \(\d+\)$")]
    private static partial Regex HousingFacet();

    [GeneratedRegex(@"/api/v1/practices\?")]
    private static partial Regex BrowseEndpoint();

    [GeneratedRegex(@"/api/v1/recommendations$")]
    private static partial Regex RecommendationsEndpoint();
}
