using System.ComponentModel.DataAnnotations;

namespace Recommend.Recommender.Caching;

/// <summary>Configuration section "RankingCache".</summary>
public sealed class RankingCacheOptions
{
    public const string Section = "RankingCache";

    /// <summary>How long a cached ranking lives; a new index version makes it unreachable sooner.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(30);
}
