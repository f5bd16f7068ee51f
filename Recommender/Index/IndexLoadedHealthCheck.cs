using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.ServiceDefaults.Health;

namespace Recommend.Recommender.Index;

/// <summary>Ready only once an index is in memory: until then the recommender cannot answer.</summary>
public sealed class IndexLoadedHealthCheck(IndexHolder holder) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(holder.Current is { } index
            ? HealthCheckResult.Healthy($"index {index.Version} with {index.Practices.Count} practices")
            : Starting.Result("no index loaded yet (waiting for ingest to publish one)"));
}
