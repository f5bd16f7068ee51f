using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.ServiceDefaults.Redis;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Tests.Redis;

/// <summary>The loop every service uses to follow Redis, against a real server that is frozen, killed and announced on. Its own redis-server.</summary>
public sealed class RedisFollowerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly RedisKey Key = "test:followed";
    private static readonly RedisChannel Announcements = RedisChannel.Literal("test:followed-changed");
    private ConnectionMultiplexer _follower = null!;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<Exception> _failedReads = new();
    private Task _loop = Task.CompletedTask;
    private volatile string? _seen;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();

        // A short timeout keeps the freezes below short.
        _follower = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},abortConnect=false,connectTimeout=2000,syncTimeout=500,asyncTimeout=500");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        await _follower.DisposeAsync();
        await redis.StartAsync();
    }

    [Fact]
    public async Task ARedisTooSlowForTheTimeoutIsWaitedOutAndTheLoopCarriesOnByItself()
    {
        Follow(pollInterval: TimeSpan.FromMilliseconds(100));
        await SetAndWaitUntilSeenAsync("before");

        await redis.FreezeAsync();
        try
        {
            // Reads time out (a RedisTimeoutException, which is a TimeoutException, not a RedisException).
            await WaitUntilAsync(() => _failedReads.OfType<RedisTimeoutException>().Count() >= 2, "two reads timing out");
        }
        finally
        {
            await redis.ThawAsync();
        }

        await SetAndWaitUntilSeenAsync("after");
        Assert.False(_loop.IsCompleted, "the loop ended");
    }

    [Fact]
    public async Task ARedisKilledAndRestartedIsFollowedAgain()
    {
        Follow(pollInterval: TimeSpan.FromMilliseconds(100));
        await SetAndWaitUntilSeenAsync("before");

        await redis.StopAsync();
        await WaitUntilAsync(() => _failedReads.Count >= 2, "two reads failing");
        await redis.StartAsync();

        await SetAndWaitUntilSeenAsync("after");
        Assert.False(_loop.IsCompleted, "the loop ended");
    }

    [Fact]
    public async Task AnAnnouncementIsReadAtOnceNotAtTheNextPoll()
    {
        Follow(pollInterval: TimeSpan.FromHours(1));
        await SetAndWaitUntilSeenAsync("before");

        // Without the announcement, the next read would be an hour away.
        await redis.Connection.GetDatabase().StringSetAsync(Key, "announced");
        await redis.Connection.GetSubscriber().PublishAsync(Announcements, "changed");
        await WaitUntilAsync(() => _seen == "announced", "the announced value");
    }

    private void Follow(TimeSpan pollInterval) =>
        _loop = new RedisFollower(_follower, Announcements, NullLogger.Instance, "reading the test value")
            .RunAsync(ReadAsync, TimeSpan.FromMilliseconds(100), pollInterval, _stop.Token);

    private async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            _seen = (string?)await _follower.GetDatabase().StringGetAsync(Key);
            return _seen is not null;
        }
        catch (Exception ex)
        {
            _failedReads.Enqueue(ex);
            throw;
        }
    }

    private async Task SetAndWaitUntilSeenAsync(string value)
    {
        await redis.Connection.GetDatabase().StringSetAsync(Key, value);
        await WaitUntilAsync(() => _seen == value, $"the value '{value}'");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        TestCouncils.WaitUntilAsync(condition, TimeSpan.FromSeconds(30), what);
}
