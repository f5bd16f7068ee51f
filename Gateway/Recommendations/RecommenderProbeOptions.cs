using System.ComponentModel.DataAnnotations;

namespace Recommend.Gateway.Recommendations;

/// <summary>
/// Configuration section "Recommend:RecommenderProbe": how the gateway finds out that no recommender
/// answers. Sized from measurements (docs/operations.md): with 4 clients ranking on a 2-core machine
/// at load average 60, probes every 0.25 s were answered within 0.25 s and the longest stretch
/// without any answer was 0.83 s; at load average 65-69 with one replica left, stretches of 1.4 s
/// occurred, so 1.5 s (worst case 1.75 s from the last answer to the first 503).
/// </summary>
public sealed class RecommenderProbeOptions
{
    public const string Section = "Recommend:RecommenderProbe";

    /// <summary>How often the gateway asks a recommender for its readiness (probes overlap).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>No answer to any probe for this long: no recommender is up, calls answer 503 at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan DownAfter { get; set; } = TimeSpan.FromSeconds(1.5);
}
