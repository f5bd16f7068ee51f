using System.Diagnostics;
using Recommend.Tests.Infrastructure;

namespace Recommend.Tests.Services;

/// <summary>Its own redis-server: these tests kill it.</summary>
public sealed class RedisOutageTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        var version = (await TestPublishing.PublishAsync(redis.Connection, TestPublishing.SeedPractices)).Version;
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
        await redis.StopAsync();
        await WaitUntilAsync(() => !IsConnected());

        var stopwatch = Stopwatch.StartNew();
        var duringOutage = await RecommenderCachingTests.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators" }));
        stopwatch.Stop();

        Assert.False(duringOutage.GetProperty("cached").GetBoolean());
        Assert.NotEqual(0, duringOutage.GetProperty("results").GetArrayLength());
        // Not a speed test: the point is that it did not sit out a Redis timeout (1-2 s) before answering.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:0} ms");

        await redis.StartAsync();
        await WaitUntilAsync(IsConnected);

        var first = await RecommenderCachingTests.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators" }));
        var second = await RecommenderCachingTests.ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "domestic abuse perpetrators" }));
        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
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
