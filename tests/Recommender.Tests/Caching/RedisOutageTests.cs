using System.Diagnostics;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Recommender.Tests.Caching;

/// <summary>Its own redis-server: these tests kill it.</summary>
public sealed class RedisOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        _factory = new RecommenderFactory(redis.ConnectionString);
        _ = _factory.CreateClient();
        await _factory.WaitForVersionAsync(version);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await redis.StartAsync();
    }

    [Fact]
    public async Task WithRedisDownTheRecommenderAnswersFromMemoryAndUsesTheCacheAgainWhenItReturns()
    {
        var client = _factory.CreateClient();
        // The first request of a fresh process compiles the whole request path (over a second on a
        // busy machine); warm it with another challenge so the timing below is the outage's alone.
        await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "warm up the ranking path" }));
        await redis.StopAsync();
        await WaitUntilAsync(() => !IsConnected());

        var stopwatch = Stopwatch.StartNew();
        var duringOutage = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators" }));
        stopwatch.Stop();

        Assert.False(duringOutage.GetProperty("cached").GetBoolean());
        Assert.NotEqual(0, duringOutage.GetProperty("results").GetArrayLength());
        // Not a speed test: the point is that it did not sit out a Redis timeout (1-2 s) before answering.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:0} ms");

        await redis.StartAsync();
        await WaitUntilAsync(IsConnected);

        // Another challenge: the outage's answer stays in the replica's short memory level a few seconds.
        var first = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators in rural areas" }));
        var second = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators in rural areas" }));
        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        await WaitUntilAsync(() => server.Keys(pattern: Recommend.Contracts.Storage.StoreKeys.CachedRanking("*", "*")).Any());
    }

    private bool IsConnected() =>
        ((StackExchange.Redis.IConnectionMultiplexer)_factory.Services.GetService(typeof(StackExchange.Redis.IConnectionMultiplexer))!).IsConnected;

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached within 30 s");
            await Task.Delay(100);
        }
    }
}
