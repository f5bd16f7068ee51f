using System.ComponentModel.DataAnnotations;

namespace Recommend.Gateway.Security;

/// <summary>
/// Per-client token bucket (Recommend:RateLimit). A client may burst up to <see cref="BurstLimit"/>
/// requests, then gets <see cref="PermitsPerSecond"/>. Load benchmarks from one address need these
/// raised (docs/security.md); 0 for <see cref="PermitsPerSecond"/> switches the limit off.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Recommend:RateLimit";

    [Range(0, 10_000_000)]
    public int PermitsPerSecond { get; set; } = 50;

    [Range(1, 10_000_000)]
    public int BurstLimit { get; set; } = 200;

    public bool Enabled => PermitsPerSecond > 0;
}
