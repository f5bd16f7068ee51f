using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Recommend.ServiceDefaults.Health;

/// <summary>
/// Writes a readiness report as JSON: the overall status and each dependency's status and reason,
/// so an operator (and the AppHost, which shows Degraded on the dashboard) sees what is wrong, not
/// just "Degraded". Exception details stay in the logs. A service still starting answers 503 with
/// status "Starting" (<see cref="Starting"/>).
/// </summary>
public static class HealthReportJson
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var starting = Starting.IsStarting(report);
        if (starting)
        {
            // Not ready: the middleware set 200 for the Degraded that stands for "starting".
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", starting ? Starting.Status : report.Status.ToString());
        json.WriteNumber("duration_ms", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("entries");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", Starting.IsStarting(entry) ? Starting.Status : entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
