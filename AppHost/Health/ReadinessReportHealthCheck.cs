using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommend.AppHost.Health;

/// <summary>
/// Reads a service's JSON readiness report (/health) and passes its status on as it is: Aspire's plain
/// HTTP check only sees the status code, and 200 means both Healthy and Degraded, so a gateway with
/// no recommender behind it would show Healthy on the dashboard. Each dependency that is not healthy
/// is named in the description.
/// </summary>
public sealed class ReadinessReportHealthCheck(Func<Uri> address) : IHealthCheck
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await Http.GetAsync(address(), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            using var report = JsonDocument.Parse(body);
            var status = report.RootElement.GetProperty("status").GetString();
            var description = Describe(report.RootElement);
            return status switch
            {
                nameof(HealthStatus.Healthy) => HealthCheckResult.Healthy(description),
                nameof(HealthStatus.Degraded) => HealthCheckResult.Degraded(description),
                // Not ready yet ("Starting", answered with 503): Aspire has no such state, and WaitFor must keep waiting.
                _ => HealthCheckResult.Unhealthy(description),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return HealthCheckResult.Unhealthy("no readiness report", ex);
        }
    }

    private static string Describe(JsonElement report)
    {
        var text = new StringBuilder();
        if (report.TryGetProperty("entries", out var entries))
        {
            foreach (var entry in entries.EnumerateObject())
            {
                var status = entry.Value.GetProperty("status").GetString();
                if (status != nameof(HealthStatus.Healthy))
                {
                    var reason = entry.Value.TryGetProperty("description", out var d) ? d.GetString() : null;
                    text.Append(entry.Name).Append(": ").Append(status).Append(reason is null ? "" : $" ({reason})").Append("; ");
                }
            }
        }

        return text.Length == 0 ? "every dependency healthy" : text.ToString().TrimEnd(' ', ';');
    }
}
