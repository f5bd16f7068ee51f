using Microsoft.Extensions.Http.Resilience;

namespace Recommend.ServiceDefaults.Http;

/// <summary>
/// Timeouts and retries for calls between our own services (gateway to recommender): one loopback or
/// in-cluster hop, where the library's defaults (30 s attempts, multi-second backoff) would turn a
/// dead dependency into a long hang. Figures measured with these values: docs/operations.md.
/// </summary>
public static class InternalHop
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromSeconds(30);

    public static void Configure(HttpStandardResilienceOptions options)
    {
        // Refused or reset connections fail in milliseconds; two quick retries reach another replica.
        options.Retry.MaxRetryAttempts = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);

        // An uncached ranking takes tens of milliseconds; an attempt still silent after 3 s is stuck
        // (a hung process), and the whole call, retries included, gives up after 7 s.
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
        options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(7);

        // When most calls fail, stop calling for 2 s: the gateway answers 503 at once instead of
        // queueing requests on a dependency that is down, and tries again soon after.
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.MinimumThroughput = 20;
        options.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(2);
    }
}
