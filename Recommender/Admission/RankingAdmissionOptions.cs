using System.ComponentModel.DataAnnotations;

namespace Recommend.Recommender.Admission;

/// <summary>
/// Configuration section "Recommend:RankingAdmission": how many rankings run at once and how many may
/// wait for a turn (see <see cref="RankingAdmission"/> and docs/operations.md).
/// </summary>
public sealed class RankingAdmissionOptions
{
    public const string Section = "Recommend:RankingAdmission";

    /// <summary>Rankings computed at the same time; unset means one per processor core.</summary>
    [Range(1, 1024)]
    public int? ConcurrentRankings { get; set; }

    /// <summary>
    /// Rankings that may wait for a turn, oldest first; one more is answered 503 at once. Measured
    /// here (docs/performance.md): 100-180 uncached rankings a second on 2 cores, so 128 waiting is
    /// a wait of about a second, below the gateway's 3 s attempt timeout, and 64 clients in a closed
    /// loop are all served.
    /// </summary>
    [Range(0, 100_000)]
    public int QueueLimit { get; set; } = 128;

    /// <summary>What a refused request is told to wait before it tries again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    public int EffectiveConcurrentRankings => ConcurrentRankings ?? Environment.ProcessorCount;
}
