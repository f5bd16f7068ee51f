using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Recommend.Core.Recommendations;
using Recommend.Core.Storage;
using StackExchange.Redis;

namespace Recommend.Recommender.Caching;

/// <summary>
/// Rankings cached in Redis under the index version and the request's canonical hash, with a TTL.
/// Fails open: when Redis is not connected the ranking is computed without touching Redis (no
/// waiting on timeouts), and the cache is used again as soon as the connection is back.
/// Identical requests arriving together share one computation (no stampede).
/// </summary>
public sealed partial class RankingCache(
    IConnectionMultiplexer redis,
    IOptions<RankingCacheOptions> options,
    RecommenderTelemetry telemetry,
    ILogger<RankingCache> logger)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RecommendationResponse>>> _inFlight = new(StringComparer.Ordinal);

    public async Task<RecommendationResponse> GetOrComputeAsync(
        string version,
        string requestHash,
        Func<RecommendationResponse> compute,
        CancellationToken cancellationToken)
    {
        var key = StoreKeys.CachedRanking(version, requestHash);
        var cached = await TryReadAsync(key);
        if (cached is not null)
        {
            telemetry.RecordCacheHit();
            return cached with { Cached = true };
        }

        telemetry.RecordCacheMiss();
        var shared = _inFlight.GetOrAdd(key, k => new Lazy<Task<RecommendationResponse>>(() => ComputeAndStoreAsync(k, compute)));
        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<RecommendationResponse>>>(key, shared));
        }
    }

    private async Task<RecommendationResponse> ComputeAndStoreAsync(string key, Func<RecommendationResponse> compute)
    {
        // Yield so the ranking runs off the caller's stack, and every waiter shares this one task.
        await Task.Yield();
        var response = compute();
        await TryWriteAsync(key, response);
        return response;
    }

    private async Task<RecommendationResponse?> TryReadAsync(string key)
    {
        if (!redis.IsConnected)
        {
            telemetry.RecordCacheError();
            return null;
        }

        try
        {
            var value = await redis.GetDatabase().StringGetAsync(key);
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((byte[])value!, RecommendationJsonContext.Default.RecommendationResponse);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            telemetry.RecordCacheError();
            LogCacheReadFailed(logger, ex.Message);
            return null;
        }
    }

    private async Task TryWriteAsync(string key, RecommendationResponse response)
    {
        if (!redis.IsConnected)
        {
            telemetry.RecordCacheError();
            return;
        }

        try
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(response, RecommendationJsonContext.Default.RecommendationResponse);
            await redis.GetDatabase().StringSetAsync(key, bytes, options.Value.TimeToLive, flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            telemetry.RecordCacheError();
            LogCacheWriteFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking cache read skipped: {Reason}")]
    private static partial void LogCacheReadFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ranking cache write skipped: {Reason}")]
    private static partial void LogCacheWriteFailed(ILogger logger, string reason);
}
