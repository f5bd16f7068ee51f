using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommend.ServiceDefaults.Health;

/// <summary>
/// "Not ready yet, and nothing is wrong": the state of a dependency a service is still waiting for
/// while it starts (the seed catalogue not yet published, no index loaded yet). HealthStatus has no
/// such value, and Unhealthy is what the health check service logs at Error, which put red error
/// badges on the dashboard at every start of a healthy app. So a starting check reports Degraded
/// (logged at Warning) marked as starting, and <see cref="HealthReportJson"/> still answers 503 with
/// status "Starting": the AppHost's WaitFor, the gateway's probes and any load balancer keep
/// treating the service as not ready. Unhealthy stays for failures an operator must act on.
/// </summary>
public static class Starting
{
    /// <summary>The status name written in /health for a starting service or dependency.</summary>
    public const string Status = "Starting";

    private const string Marker = "starting";

    private static readonly IReadOnlyDictionary<string, object> MarkerData = new Dictionary<string, object> { [Marker] = true };

    /// <summary>A check's result while it waits for something that is expected to come.</summary>
    public static HealthCheckResult Result(string description) => HealthCheckResult.Degraded(description, data: MarkerData);

    public static bool IsStarting(HealthReportEntry entry) => entry.Status == HealthStatus.Degraded && entry.Data.ContainsKey(Marker);

    /// <summary>Still starting: some check is, and none has failed.</summary>
    public static bool IsStarting(HealthReport report) =>
        report.Status != HealthStatus.Unhealthy && report.Entries.Values.Any(IsStarting);
}
