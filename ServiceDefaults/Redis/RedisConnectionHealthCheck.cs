using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Redis;

/// <summary>
/// Readiness entry for Redis in services that keep answering without it (from memory): Degraded,
/// not Unhealthy, when the connection is down, so the service is not taken out of rotation for an
/// outage it rides through. Reads the multiplexer's state; it does not add a round trip per probe.
/// </summary>
public sealed class RedisConnectionHealthCheck(IConnectionMultiplexer redis, string whileDown) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(redis.IsConnected
            ? HealthCheckResult.Healthy("connected")
            : HealthCheckResult.Degraded($"Redis not connected (reconnecting by itself): {whileDown}"));
}
