using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>A council's keyed report, outcome and all, on the practice's own page in Chromium: apart from the evidence, readable, accessible.</summary>
[Collection(AppCollection.Name)]
public sealed class PracticeReportsPageTests(AppFixture app, BrowserFixture browser)
{
    private const string Practice = "housing-first";

    [Fact]
    public async Task ThePracticePageShowsWhatCouncilsReportedBesideTheEvidence()
    {
        var redis = (await app.App.GetConnectionStringAsync("cache"))!;
        var issued = await IngestCommand.RunAsync(redis, "councils", "keys", "issue", "MAN");
        Assert.True(issued.Exit == 0, issued.Text);
        var key = issued.Text.Split('\n').Single(line => line.StartsWith("rck_", StringComparison.Ordinal)).Trim();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/councils/MAN/adoptions")
        {
            Content = JsonContent.Create(new
            {
                practice_id = Practice,
                status = "scaled",
                started = "2022-05",
                outcome = new { measure = "people sleeping rough on the autumn count", before = 41, after = 17, period = "2022 to 2024", better = "lower" },
                adaptations = "Tenancies in the council's own stock as well as private lets.",
                evaluation_url = "https://example.org/housing-first-evaluation",
            }),
        };
        request.Headers.Add("X-Council-Key", key);
        using (var reported = await app.Gateway.SendAsync(request))
        {
            Assert.True(reported.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await reported.Content.ReadAsStringAsync());
        }

        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.SetViewportSizeAsync(375, 900);
        await page.GotoAsync($"/practice.html?id={Practice}#reports");

        var reports = page.GetByRole(AriaRole.Region, new() { Name = "What councils reported" });
        await Expect(reports.Locator(".reported-summary")).ToContainTextAsync("with a measured improvement");
        var item = reports.Locator("li", new() { HasText = "Manchester" });
        await Expect(item).ToContainTextAsync("scaled it up (since 2022-05)");
        await Expect(item).ToContainTextAsync("people sleeping rough on the autumn count: 41 before, 17 after (2022 to 2024; lower is better), an improvement");
        await Expect(item).ToContainTextAsync("Adapted: Tenancies in the council's own stock");
        await Expect(item.GetByRole(AriaRole.Link, new() { Name = "Their evaluation" })).ToHaveAttributeAsync("href", "https://example.org/housing-first-evaluation");
        // The formal evidence level is still its own fact, untouched by the report.
        await Expect(page.Locator(".facts")).ToContainTextAsync("Evidence (Nesta, 1-5)");
        Assert.Empty(await Accessibility.SeriousViolationsAsync(page));
        session.AssertNoScriptErrors();
    }
}
