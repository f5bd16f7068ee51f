using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommend.Gateway.Recommendations;

/// <summary>
/// Part of the gateway's readiness: does a recommender answer? Read from the gateway's own probes
/// (<see cref="RecommenderLiveness"/>), so this check never waits on a recommender. Degraded, not
/// Unhealthy, when none does: the gateway still serves practices, councils, the web page and cached
/// answers, so it must stay in rotation; the dashboard shows it Degraded with this reason.
/// </summary>
public sealed class RecommenderHealthCheck(RecommenderLiveness liveness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = liveness.Probe;
        return Task.FromResult(probe switch
        {
            { NoneAnswers: true } => HealthCheckResult.Degraded($"no recommender answers ({probe.Describe()}): recommendations answer 503 (cached ones 200); practices and councils still answer"),
            { Status: StatusCodes.Status200OK } => HealthCheckResult.Healthy("a recommender answers and is ready"),
            { Status: { } status } => HealthCheckResult.Degraded($"a recommender answers but is not ready (HTTP {status}): recommendations answer 503"),
            _ => HealthCheckResult.Degraded("no recommender has answered yet"),
        });
    }
}
