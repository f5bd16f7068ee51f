using System.Net;
using System.Text.Json;
using Recommend.Contracts.Storage;

namespace Recommend.EndToEnd.Tests;

/// <summary>Councils travel ingest -> Redis -> recommender -> gateway in the running app.</summary>
[Collection(AppCollection.Name)]
public sealed class CouncilsEndToEndTests(AppFixture fixture)
{
    [Fact]
    public async Task GatewayAnswersCornwallsNearestCouncilsWithTheirDrivers()
    {
        using var response = await fixture.Gateway.GetAsync("/api/v1/councils/CON/similar?limit=3");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var neighbours = body.RootElement.GetProperty("neighbours");
        Assert.Equal(3, neighbours.GetArrayLength());
        Assert.All(neighbours.EnumerateArray(), n => Assert.Equal(5, n.GetProperty("drivers").GetArrayLength()));

        // The councils came through ingest, which stored Cornwall and every neighbour answered (the
        // recommender also ships the examples, so the answer alone would not show that ingest published).
        var stored = fixture.Redis.GetDatabase();
        Assert.True(await stored.HashLengthAsync(StoreKeys.Councils) >= 37, "ingest stored fewer councils than the 37 shipped examples");
        foreach (var code in neighbours.EnumerateArray().Select(n => n.GetProperty("code").GetString()).Append("CON"))
        {
            Assert.True(await stored.HashExistsAsync(StoreKeys.Councils, code), $"ingest did not store {code}");
        }
    }

    [Fact]
    public async Task AnUnknownCouncilCodeAnswersNotFoundProblem()
    {
        using var response = await fixture.Gateway.GetAsync("/api/v1/councils/ZZZ");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
