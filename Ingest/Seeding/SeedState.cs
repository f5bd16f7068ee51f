using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.ServiceDefaults.Health;

namespace Recommend.Ingest.Seeding;

/// <summary>Whether the seed catalogue has been published: the ingest service's readiness.</summary>
public sealed class SeedState : IHealthCheck
{
    private volatile string? _status;
    private volatile string? _failure;

    public string? PublishedVersion { get; private set; }

    public void Complete(string version, int practices, int rejected)
    {
        PublishedVersion = version;
        _status = $"index {version} published with {practices} practices ({rejected} seed records rejected)";
    }

    public void Fail(string reason) => _failure = reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_failure is { } failure
            ? HealthCheckResult.Unhealthy(failure)
            : _status is { } status
                ? HealthCheckResult.Healthy(status)
                : Starting.Result("seed catalogue not published yet"));
}
