using System.Text.Json;
using Microsoft.Playwright;

namespace Recommend.EndToEnd.Tests.Browser;

/// <summary>
/// Runs axe-core (vendored from npm in Assets/axe-core, never fetched from a CDN) in the page and
/// returns its serious and critical violations. Evaluated through the DevTools protocol, so the
/// page's Content-Security-Policy stays as strict as it is for people.
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> AxeSource = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Browser", "Assets", "axe-core", "axe.min.js")));

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await window.axe.run(document, { resultTypes: ['violations'] });
              return result.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }
}
