using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.ServiceDefaults.Health;

namespace Recommend.ServiceDefaults.Councils;

/// <summary>Readiness: the councils have been read from Redis at least once (later outages keep the last list).</summary>
public sealed class CouncilsLoadedHealthCheck(CouncilRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(registry.IsLoaded
            ? HealthCheckResult.Healthy($"{registry.Current.Directory.All.Count} councils in memory")
            : Starting.Result("councils not read from Redis yet"));
}
