using System.ComponentModel.DataAnnotations;

namespace Recommend.Recommender.Caching;

/// <summary>Configuration section "RankingCache".</summary>
public sealed class RankingCacheOptions
{
    public const string Section = "RankingCache";

    /// <summary>How long a cached ranking lives; a new index version makes it unreachable sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a replica also keeps a ranking in its own memory. HybridCache releases the callers
    /// sharing a computation before it writes Redis, so without this short level an identical request
    /// arriving in between would find neither the computation nor the Redis entry and rank again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan LocalTimeToLive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound on the bytes of rankings held in memory (the serialised size of each).</summary>
    [Range(1L << 20, 1L << 32)]
    public long LocalSizeLimitBytes { get; set; } = 32L << 20;
}
