using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Ingest.Publishing;
using Recommend.TestSupport.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Publishing;

/// <summary>Its own redis-server: one test stops it.</summary>
public sealed class PublishLeaseTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly RedisKey Key = "test:lease";

    public async Task InitializeAsync()
    {
        await redis.StartAsync();
        await redis.FlushAsync();
    }

    public Task DisposeAsync() => redis.StartAsync();

    [Fact]
    public async Task AHeldLeaseOutlivesItsDurationAndIsGoneWhenReleased()
    {
        var db = redis.Connection.GetDatabase();
        var duration = TimeSpan.FromSeconds(3);
        var lease = await PublishLease.TryTakeAsync(db, Key, NullLogger.Instance, duration);
        Assert.NotNull(lease);

        // Held for more than two durations: only the renewals keep it.
        await Task.Delay(duration * 2.5);
        Assert.True(await db.KeyExistsAsync(Key), "the lease ran out while its holder was alive");
        Assert.Null(await PublishLease.TryTakeAsync(db, Key, NullLogger.Instance));

        await lease.DisposeAsync();
        Assert.False(await db.KeyExistsAsync(Key));
    }

    [Fact]
    public async Task ReleasingALeaseThatRanOutLeavesTheNextHoldersLeaseAlone()
    {
        var db = redis.Connection.GetDatabase();
        var lease = await PublishLease.TryTakeAsync(db, Key, NullLogger.Instance);
        Assert.NotNull(lease);

        // As if it had run out and another worker had taken it.
        await db.StringSetAsync(Key, "next-holder");
        await lease.DisposeAsync();

        Assert.Equal("next-holder", (string?)await db.StringGetAsync(Key));
    }

    [Fact]
    public async Task ReleasingWhileRedisIsDownDoesNotThrowAndTheLeaseRunsOutByItself()
    {
        var db = redis.Connection.GetDatabase();
        var lease = await PublishLease.TryTakeAsync(db, Key, NullLogger.Instance, TimeSpan.FromMinutes(1));
        Assert.NotNull(lease);

        // The lease reached the append-only file before the kill, so the restarted server still has it.
        await redis.StopAsync();
        await lease.DisposeAsync();
        await redis.StartAsync();

        Assert.True(await db.KeyExistsAsync(Key), "the release cannot have reached a server that was down");
        var ttl = await db.KeyTimeToLiveAsync(Key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }
}
