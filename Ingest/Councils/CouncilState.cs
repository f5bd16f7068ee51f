using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.ServiceDefaults.Health;

namespace Recommend.Ingest.Councils;

/// <summary>
/// Whether the councils have been published: part of the ingest service's readiness, so recommenders
/// start with the full list. No councils to publish is Degraded, not Unhealthy: recommenders still
/// answer from the examples they ship with, so the app must not wait on it.
/// </summary>
public sealed class CouncilState : IHealthCheck
{
    private volatile string? _status;
    private volatile string? _failure;

    public bool Published => _status is not null;

    public void Complete(int councils, int examples, int reference, int rejected) =>
        _status = $"{councils} councils published ({examples} examples, {reference} from the reference list, {rejected} reference rows rejected)";

    public void Fail(string reason) => _failure = reason;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_failure is { } failure
            ? HealthCheckResult.Degraded(failure)
            : _status is { } status
                ? HealthCheckResult.Healthy(status)
                : Starting.Result("councils not published yet"));
}
