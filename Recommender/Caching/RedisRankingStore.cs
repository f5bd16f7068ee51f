using Recommend.ServiceDefaults.Redis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Recommend.Recommender.Caching;

/// <summary>
/// The Redis level under <see cref="RankingCache"/>'s HybridCache: plain strings with a TTL on the
/// multiplexer the service already holds. Fails open: while Redis is not connected a read is a miss
/// and a write is skipped at once (no waiting on timeouts), and the cache is used again as soon as
/// the connection is back. Every key gets a TTL, the configured one when the caller gives none.
/// </summary>
public sealed partial class RedisRankingStore(
    IConnectionMultiplexer redis,
    IOptions<RankingCacheOptions> cacheOptions,
    RecommenderTelemetry telemetry,
    ILogger<RedisRankingStore> logger) : IDistributedCache
{
    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            telemetry.RecordCacheError();
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key).Within();
            return value.IsNullOrEmpty ? null : (byte[]?)value;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            telemetry.RecordCacheError();
            LogCacheReadFailed(logger, ex.Message);
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!redis.IsConnected)
        {
            telemetry.RecordCacheError();
            return Task.CompletedTask;
        }

        try
        {
            // Fire and forget: the caller already has its answer and must not wait on the write.
            redis.GetDatabase().StringSet(key, value, TimeToLive(options), flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            telemetry.RecordCacheError();
            LogCacheWriteFailed(logger, ex.Message);
        }

        return Task.CompletedTask;
    }

    // Rankings are never refreshed or removed one by one: a new index version makes them unreachable.
    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public async Task RemoveAsync(string key, CancellationToken token = default)
    {
        if (redis.IsConnected)
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }

    private TimeSpan TimeToLive(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpirationRelativeToNow
        ?? (options.AbsoluteExpiration is { } at ? at - DateTimeOffset.UtcNow : cacheOptions.Value.TimeToLive);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking cache read skipped: {Reason}")]
    private static partial void LogCacheReadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking cache write skipped: {Reason}")]
    private static partial void LogCacheWriteFailed(ILogger logger, string reason);
}
