using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;

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
        var shown = results.GetArrayLength();
        Assert.InRange(shown, 1, 5);
        if (shown < 5)
        {
            // Fewer practices cleared the relevance floor than were asked for: the answer says so.
            Assert.Equal(shown, body.RootElement.GetProperty("total").GetInt32());
            Assert.Contains("match this closely", body.RootElement.GetProperty("match_note").GetString(), StringComparison.Ordinal);
        }

        var first = results[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("practice").GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(first.GetProperty("explanation").GetProperty("text").GetString()));
        var titles = results.EnumerateArray().Select(r => r.GetProperty("practice").GetProperty("title").GetString() + " " + r.GetProperty("practice").GetProperty("summary").GetString()).ToList();
        Assert.Contains(titles, t => t.Contains("lonel", StringComparison.OrdinalIgnoreCase) || t.Contains("isolat", StringComparison.OrdinalIgnoreCase));
        // Ranked 1..n; scores need not fall monotonically because diversity (MMR) may lift a different idea.
        Assert.Equal(Enumerable.Range(1, shown), results.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
    }

    [Fact]
    public async Task AskingTwiceServesTheSecondAnswerFromTheRedisCache()
    {
        var request = new RecommendationRequest { Challenge = "help young people into apprenticeships " + Guid.NewGuid().ToString("N")[..6] };
        using var first = await AskAsync(fixture.Gateway, request);
        Assert.False(first.RootElement.GetProperty("cached").GetBoolean());
        var version = first.RootElement.GetProperty("index_version").GetString()!;

        // The recommender stored the ranking in Redis under the index version (followed by the councils'
        // reports' fingerprint once any council has reported), with a TTL ...
        var server = fixture.Redis.GetServer(fixture.Redis.GetEndPoints()[0]);
        var key = Assert.Single(server.Keys(pattern: StoreKeys.CachedRanking(version + "*", NormalisedRequest.From(request).CacheKey)));
        var ttl = await fixture.Redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.True(ttl > TimeSpan.Zero, $"no cached ranking with a TTL at {key}");

        // ... and answers the second ask from there: asked directly, since the gateway's memory would answer first.
        using var recommender = fixture.App.CreateHttpClient("recommender");
        using var second = await AskAsync(recommender, request);
        Assert.True(second.RootElement.GetProperty("cached").GetBoolean());
        Assert.Equal(version, second.RootElement.GetProperty("index_version").GetString());
        Assert.Equal(first.RootElement.GetProperty("results").GetRawText(), second.RootElement.GetProperty("results").GetRawText());

        using var third = await AskAsync(fixture.Gateway, request);
        Assert.True(third.RootElement.GetProperty("cached").GetBoolean());
    }

    private static async Task<JsonDocument> AskAsync(HttpClient client, RecommendationRequest request)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/recommendations", new { challenge = request.Challenge });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
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
