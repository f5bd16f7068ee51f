using System.ComponentModel.DataAnnotations;

namespace Recommend.Gateway.Caching;

/// <summary>Configuration section "ResponseCache": the gateway's in-memory copy of recent answers.</summary>
public sealed class ResponseCacheOptions
{
    public const string Section = "ResponseCache";

    /// <summary>How long an answer stays in the gateway's memory; Redis (in the recommender) keeps it longer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many answers are held (each a few kB to a few tens of kB).</summary>
    [Range(0, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;
}
