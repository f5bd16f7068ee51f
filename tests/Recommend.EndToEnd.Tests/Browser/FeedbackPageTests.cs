using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>Feedback on each result, from the keyboard, in Chromium against the whole running app.</summary>
[Collection(AppCollection.Name)]
public sealed class FeedbackPageTests(AppFixture app, BrowserFixture browser)
{
    [Fact]
    public async Task EveryResultOffersFeedbackThatWorksFromTheKeyboard()
    {
        await using var session = await browser.OpenAsync(app.GatewayUrl);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.GetByLabel("Your challenge, in your own words").FillAsync("help people sleeping rough into settled homes");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Your council (optional)" }).FillAsync("CON");
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Find practices" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/v1/recommendations", StringComparison.Ordinal));
        var body = (await answer.JsonAsync())!.Value;
        var shown = body.GetProperty("results").GetArrayLength() + body.GetProperty("related").GetArrayLength();
        Assert.True(body.GetProperty("results").GetArrayLength() >= 1, "rough sleeping was expected to have a close match");

        // Every practice shown, recommended or related, takes feedback.
        var results = page.Locator("#results > li");
        await Expect(page.Locator("#results > li, #related > li")).ToHaveCountAsync(shown);
        await Expect(page.Locator("#results > li .feedback[role=group], #related > li .feedback[role=group]")).ToHaveCountAsync(shown);

        var first = results.First.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Feedback on ") });
        var useful = first.GetByRole(AriaRole.Button, new() { Name = "Useful" });
        await Expect(useful).ToHaveAttributeAsync("aria-pressed", "false");

        // Enter on a focused button, as a keyboard user would.
        await useful.FocusAsync();
        var sent = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Url.EndsWith("/api/v1/feedback", StringComparison.Ordinal));
        Assert.Equal(202, sent.Status);
        Assert.Contains("\"signal\":\"useful\"", sent.Request.PostData, StringComparison.Ordinal);
        Assert.Contains("\"council\":\"CON\"", sent.Request.PostData, StringComparison.Ordinal);
        Assert.Contains("\"request_id\":\"v", sent.Request.PostData, StringComparison.Ordinal);
        await Expect(useful).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you: recorded as useful.");

        // Tab to the next choice and change the answer with Space: only one stays pressed.
        await page.Keyboard.PressAsync("Tab");
        var notRelevant = first.GetByRole(AriaRole.Button, new() { Name = "Not relevant" });
        await Expect(notRelevant).ToBeFocusedAsync();
        var second = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Space"), r => r.Url.EndsWith("/api/v1/feedback", StringComparison.Ordinal));
        Assert.Equal(202, second.Status);
        await Expect(notRelevant).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(useful).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thank you: recorded as not relevant.");

        // Only a council, with its key, can say it adopted something: the page offers no such button.
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "We adopted this" })).ToHaveCountAsync(0);
        session.AssertNoScriptErrors();
    }
}
