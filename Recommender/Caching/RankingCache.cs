using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;

namespace Recommend.Recommender.Caching;

/// <summary>
/// Rankings cached in Redis under the index version and the request's canonical hash, with a TTL,
/// through <see cref="HybridCache"/>: identical requests arriving together share one computation
/// (its stampede protection), and the Redis level is <see cref="RedisRankingStore"/>, which fails
/// open. The memory level is kept short (<see cref="RankingCacheOptions.LocalTimeToLive"/>): the
/// gateway keeps the longer in-memory copy in front of every replica; this one only covers the
/// moment between HybridCache handing out a computed ranking and the ranking reaching Redis.
/// </summary>
public sealed class RankingCache(HybridCache cache, IOptions<RankingCacheOptions> options, RecommenderTelemetry telemetry)
{
    public async Task<RecommendationResponse> GetOrComputeAsync(
        string version,
        string requestHash,
        Func<CancellationToken, ValueTask<RecommendationResponse>> compute,
        CancellationToken cancellationToken)
    {
        var entry = new HybridCacheEntryOptions
        {
            Expiration = options.Value.TimeToLive,
            LocalCacheExpiration = options.Value.LocalTimeToLive,
        };

        var computed = false;
        var response = await cache.GetOrCreateAsync(
            StoreKeys.CachedRanking(version, requestHash),
            token =>
            {
                computed = true;
                telemetry.RecordCacheMiss();
                return compute(token);
            },
            entry,
            cancellationToken: cancellationToken);

        if (computed)
        {
            return response;
        }

        // Read from memory or Redis, or shared with the identical request that computed it.
        telemetry.RecordCacheHit();
        return response with { Cached = true };
    }
}
