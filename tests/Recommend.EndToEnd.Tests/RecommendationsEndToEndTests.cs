using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Recommend.EndToEnd.Tests;

[Collection(AppCollection.Name)]
public sealed class RecommendationsEndToEndTests(AppFixture fixture)
{
    [Fact]
    public async Task GatewayRanksPracticesForLonelinessInRuralVillages()
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", new
        {
            challenge = "reduce loneliness among older residents in rural villages",
            limit = 5,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var results = body.RootElement.GetProperty("results");
        Assert.Equal(5, results.GetArrayLength());
        var first = results[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("practice").GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("explanation").GetProperty("text").GetString()));
        var titles = results.EnumerateArray().Select(r => r.GetProperty("practice").GetProperty("title").GetString() + " " + r.GetProperty("practice").GetProperty("summary").GetString()).ToList();
        Assert.Contains(titles, t => t.Contains("lonel", StringComparison.OrdinalIgnoreCase) || t.Contains("isolat", StringComparison.OrdinalIgnoreCase));
        // Ranked 1..n; scores need not fall monotonically because diversity (MMR) may lift a different idea.
        Assert.Equal([1, 2, 3, 4, 5], results.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task AskingTwiceServesTheSecondAnswerFromTheRedisCache()
    {
        var request = new { challenge = "help young people into apprenticeships " + Guid.NewGuid().ToString("N")[..6] };
        using var first = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", request);
        using var second = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", request);

        using var firstBody = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var secondBody = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        Assert.False(firstBody.RootElement.GetProperty("cached").GetBoolean());
        Assert.True(secondBody.RootElement.GetProperty("cached").GetBoolean());
        Assert.Equal(firstBody.RootElement.GetProperty("index_version").GetString(), secondBody.RootElement.GetProperty("index_version").GetString());
    }

    [Fact]
    public async Task PracticeFromAResultCanBeReadInFull()
    {
        using var response = await fixture.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "rough sleeping", limit = 1 });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString();

        using var practice = JsonDocument.Parse(await fixture.Gateway.GetStringAsync($"/api/v1/practices/{id}"));
        Assert.Equal(id, practice.RootElement.GetProperty("id").GetString());
        Assert.True(practice.RootElement.GetProperty("description").GetString()!.Length >= 200);
    }

    [Fact]
    public async Task WebPageAndOpenApiDocumentAreServed()
    {
        var page = await fixture.Gateway.GetStringAsync("/");
        Assert.Contains("<form", page, StringComparison.Ordinal);
        using var openApi = JsonDocument.Parse(await fixture.Gateway.GetStringAsync("/openapi/v1.json"));
        Assert.True(openApi.RootElement.GetProperty("paths").TryGetProperty("/api/v1/recommendations", out _));
    }
}
