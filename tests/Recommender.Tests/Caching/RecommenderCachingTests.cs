using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Metrics;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Recommender.Tests.Caching;

public sealed class RecommenderCachingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _factory = null!;
    private string _version = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        _factory = new RecommenderFactory(redis.ConnectionString);
        _ = _factory.CreateClient();
        await _factory.WaitForVersionAsync(_version);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SecondIdenticalRequestIsServedFromTheRedisCacheUnderTheIndexVersion()
    {
        var first = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(_factory.CreateClient(), new { challenge = "rough sleeping in the city centre" }));
        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        // HybridCache writes Redis after handing the ranking out: the key can arrive a moment after the answer.
        await TestCouncils.WaitUntilAsync(() => server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")).Any(), TimeSpan.FromSeconds(30), "the ranking reaching the cache");

        // Another replica has nothing in memory: a cached answer there came from Redis.
        await using var replica = new RecommenderFactory(redis.ConnectionString);
        _ = replica.CreateClient();
        await replica.WaitForVersionAsync(_version);
        var second = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(replica.CreateClient(), new { challenge = "  Rough SLEEPING in the city   centre", limit = 10 }));

        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
        Assert.Equal(first.GetProperty("results").GetRawText(), second.GetProperty("results").GetRawText());

        var keys = server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")).ToList();
        Assert.Single(keys);
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task ARepeatRightAfterTheRankingIsServedFromTheReplicasMemory()
    {
        var client = _factory.CreateClient();
        var request = new { challenge = "pothole repairs " + Guid.NewGuid().ToString("N")[..6] };
        using var misses = new HostCounter(_factory.Services.GetRequiredService<IMeterFactory>(), "recommend.cache.misses");

        var first = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));
        // Sent the moment the first answer is in, before the Redis write is certain to have landed.
        var second = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));

        Assert.Equal(1, misses.Count);
        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
    }

    [Fact]
    public async Task ANewIndexVersionNeverServesTheOldVersionsRanking()
    {
        var client = _factory.CreateClient();
        var request = new { challenge = "school attendance", limit = 3 };
        var before = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));
        var removed = before.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString();

        var newVersion = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices.Where(p => p.Id != removed).ToList())).Version;
        await _factory.WaitForVersionAsync(newVersion);
        var after = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));

        Assert.False(after.GetProperty("cached").GetBoolean());
        Assert.Equal(newVersion, after.GetProperty("index_version").GetString());
        Assert.DoesNotContain(after.GetProperty("results").EnumerateArray(), r => r.GetProperty("practice").GetProperty("id").GetString() == removed);
    }

    [Fact]
    public async Task ConcurrentIdenticalRequestsAreRankedOnceAndAllGetThatRanking()
    {
        var client = _factory.CreateClient();
        var request = new { challenge = "fly tipping enforcement " + Guid.NewGuid().ToString("N")[..6] };
        using var misses = new HostCounter(_factory.Services.GetRequiredService<IMeterFactory>(), "recommend.cache.misses");

        // Held back until all 16 are sent, so they reach the cache together rather than one after another.
        using var start = new ManualResetEventSlim();
        var asks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));
        })).ToList();
        start.Set();
        var responses = await Task.WhenAll(asks);

        Assert.Equal(1, misses.Count);
        Assert.Single(responses.Select(r => r.GetProperty("results").GetRawText()).Distinct());
        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        // HybridCache writes Redis after handing the ranking out (and the write is fire-and-forget):
        // the key can reach Redis a moment after the answers have reached us.
        await TestCouncils.WaitUntilAsync(() => server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")).Any(), TimeSpan.FromSeconds(30), "the ranking reaching the cache");
        Assert.Single(server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")));
    }

    [Fact]
    public async Task UnknownPracticeIdAnswersNotFoundProblem()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/v1/practices/no-such-practice");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnAnsweredRequestIsKeptInItsCanonicalFormUnderTheHashInItsRequestId()
    {
        var answer = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(_factory.CreateClient(), new
        {
            challenge = "  Lonely OLDER residents   in villages",
            priorities = new[] { new { area = "Adult Social Care", weight = 2.0 } },
            limit = 7,
        }));
        var requestId = answer.GetProperty("request_id").GetString()!;
        var hash = StoreKeys.RequestHashOf(requestId)!;
        var db = redis.Connection.GetDatabase();
        // Written fire-and-forget beside the answer: it may land a moment after it.
        await TestCouncils.WaitUntilAsync(() => db.KeyExists(StoreKeys.AnsweredRequest(hash)), TimeSpan.FromSeconds(30), "the answered request reaching Redis");

        var stored = JsonSerializer.Deserialize((string)(await db.StringGetAsync(StoreKeys.AnsweredRequest(hash)))!, RecommendationJsonContext.Default.RecommendationRequest)!;
        Assert.Equal("lonely older residents in villages", stored.Challenge);
        Assert.Equal(7, stored.Limit);
        Assert.Equal(hash, NormalisedRequest.From(stored).CacheKey);
        var ttl = await db.KeyTimeToLiveAsync(StoreKeys.AnsweredRequest(hash));
        Assert.InRange(ttl!.Value, StoreKeys.AnsweredRequestTimeToLive - TimeSpan.FromMinutes(5), StoreKeys.AnsweredRequestTimeToLive);
    }
}
