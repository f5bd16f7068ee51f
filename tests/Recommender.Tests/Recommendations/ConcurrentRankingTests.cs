using System.Net;
using System.Text.Json;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Recommender.Tests.Recommendations;

/// <summary>
/// Uncached requests arriving together have their challenges embedded together (QueryEmbedder):
/// each must still get the ranking of its own challenge and council, the one it gets when asked alone.
/// </summary>
public sealed class ConcurrentRankingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly (string Challenge, string Council)[] Requests =
    [
        ("reduce loneliness among older residents in rural villages", "CON"),
        ("cut the number of families in temporary accommodation", "MAN"),
        ("improve school attendance for children with special educational needs", "NFK"),
        ("get more young people into work or training", "HCK"),
        ("reduce emergency hospital admissions for frail older people", "GLG"),
        ("increase recycling rates on estates with communal bins", "CRF"),
        ("help tenants in cold damp private rented homes", "BFS"),
        ("reduce reoffending among young adults leaving custody", "WOK"),
        ("support carers who are close to breaking point", "CON"),
        ("reduce rough sleeping in the town centre", "MAN"),
        ("make walking and cycling to school safer", "NFK"),
        ("help small businesses on the high street survive", "HCK"),
    ];

    private RecommenderFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        (_factory, _) = await RecommenderFactory.StartOnSeedAsync(redis);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task ConcurrentUncachedRequestsEachGetTheRankingTheirChallengeGetsAlone()
    {
        var client = _factory.CreateClient();

        // All at once, so they queue for the embedder together.
        var together = await Task.WhenAll(Requests.Select(async r =>
        {
            using var response = await RecommenderFactory.AskAsync(client, new { challenge = r.Challenge, council = r.Council, limit = 10 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await RecommenderFactory.ReadAsync(response);
        }));

        for (var i = 0; i < Requests.Length; i++)
        {
            // One by one, under another cache key (a different limit), so each is ranked again, alone.
            var (challenge, council) = Requests[i];
            var alone = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge, council, limit = 9 }));
            Assert.False(together[i].GetProperty("cached").GetBoolean());
            Assert.False(alone.GetProperty("cached").GetBoolean());
            Assert.Equal(council, together[i].GetProperty("council").GetProperty("code").GetString());
            Assert.NotEmpty(Ranked(alone));
            Assert.Equal(Ranked(alone), Ranked(together[i]).Take(9));
        }
    }

    // Each result's practice, score and semantic similarity (which reads the challenge's own vector).
    private static List<string> Ranked(JsonElement answer) =>
    [
        .. answer.GetProperty("results").EnumerateArray().Select(r =>
            $"{r.GetProperty("practice").GetProperty("id").GetString()} {r.GetProperty("score").GetDouble()} {r.GetProperty("explanation").GetProperty("semantic_similarity")}"),
    ];
}
