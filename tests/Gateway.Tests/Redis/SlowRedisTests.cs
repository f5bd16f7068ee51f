using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;
using Recommend.Recommender.Index;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Gateway.Tests.Redis;

/// <summary>
/// A Redis that stops answering (frozen, connections open) while a service's background loop reads
/// it: the loop's read times out, and the service must neither stop nor stay stuck. Its own redis-server.
/// </summary>
public sealed class SlowRedisTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => redis.ThawAsync();

    [Fact]
    public async Task TheRecommenderOutlivesARedisTooSlowForItsTimeoutAndLoadsTheIndexWhenItAnswers()
    {
        var logs = new LogCapture();
        await using var recommender = new RecommenderFactory(redis.ConnectionString)
            .WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        _ = recommender.CreateClient();
        var holder = recommender.Services.GetRequiredService<IndexHolder>();
        var stopping = recommender.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // Nothing is published yet, so the index loader reads the store every second: frozen, one read times out.
        await FreezeUntilLoggedAsync(recommender.Services, logs, typeof(IndexLoader).FullName!);

        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        await TestCouncils.WaitUntilAsync(() => holder.Current?.Version == version || stopping.IsCancellationRequested, TimeSpan.FromSeconds(30), $"loading index {version}");
        Assert.False(stopping.IsCancellationRequested, $"the recommender stopped: {Failure(logs)}");
    }

    [Fact]
    public async Task TheGatewayOutlivesARedisTooSlowForItsTimeoutAndReadsTheIndexVersionWhenItAnswers()
    {
        var logs = new LogCapture();
        await using var gateway = new WebApplicationFactory<RecommenderClient>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
            builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
            builder.ConfigureLogging(logging => logging.AddProvider(logs));
        });
        _ = gateway.CreateClient();
        var watcher = gateway.Services.GetRequiredService<IndexVersionWatcher>();
        var stopping = gateway.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;

        // No version is current yet, so the watcher reads the store every second: frozen, one read times out.
        await FreezeUntilLoggedAsync(gateway.Services, logs, typeof(IndexVersionWatcher).FullName!);

        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        await TestCouncils.WaitUntilAsync(() => watcher.Current == version || stopping.IsCancellationRequested, TimeSpan.FromSeconds(30), $"reading index version {version}");
        Assert.False(stopping.IsCancellationRequested, $"the gateway stopped: {Failure(logs)}");
    }

    private static string Failure(LogCapture logs) =>
        logs.Lines.LastOrDefault(line => line.Level >= LogLevel.Error) is { } line ? $"{line.Message} {line.Exception?.GetType().Name}" : "no error logged";

    /// <summary>
    /// Freezes Redis until the loop reports the timed-out read, or the host reports the loop failed
    /// (the bug this guards against: a timeout escaping the loop stops the whole host).
    /// </summary>
    private async Task FreezeUntilLoggedAsync(IServiceProvider services, LogCapture logs, string loopCategory)
    {
        var multiplexer = services.GetRequiredService<IConnectionMultiplexer>();
        await TestCouncils.WaitUntilAsync(() => multiplexer.IsConnected, TimeSpan.FromSeconds(30), "connecting to Redis");
        await redis.FreezeAsync();
        try
        {
            await logs.WaitForAsync(
                line => line.Level >= LogLevel.Warning && (line.Category == loopCategory || line.Exception is TimeoutException),
                $"{loopCategory} reporting a read that timed out");
        }
        finally
        {
            await redis.ThawAsync();
        }
    }
}
