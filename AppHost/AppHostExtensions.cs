using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.AppHost.Health;
using Microsoft.Extensions.Hosting;

namespace Recommend.AppHost;

public static class AppHostExtensions
{
    /// <summary>
    /// The gateway keeps one documented address (default http://localhost:5080) so people can
    /// bookmark it; 0 lets Aspire pick a free port (tests run beside a running app). The gateway
    /// listens on it itself, not behind Aspire's local proxy: the proxy relays every request and
    /// response through another process, which cost as much CPU per cached answer as the gateway
    /// itself (docs/performance.md). One replica, so there is nothing for the proxy to balance.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithGatewayEndpoint(this IResourceBuilder<ProjectResource> gateway, int port) =>
        gateway.WithHttpEndpoint(port: port == 0 ? null : port, isProxied: false);

    /// <summary>
    /// Without the dashboard nothing receives OTLP, yet Aspire still points every project at the
    /// dashboard's OTLP address (dotnet/aspire#3349): each service would build and batch every span,
    /// log record and metric for a port nobody listens on, retrying in memory. Removing the exporter
    /// annotation leaves the services without an OTLP endpoint, so they export nothing (logs still
    /// reach the console). With the dashboard running nothing changes.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithoutTelemetryExport(this IResourceBuilder<ProjectResource> project)
    {
        foreach (var annotation in project.Resource.Annotations.OfType<OtlpExporterAnnotation>().ToList())
        {
            project.Resource.Annotations.Remove(annotation);
        }

        return project;
    }

    /// <summary>
    /// The secret parameter writers send as X-Api-Key (<c>Parameters__api-key</c> in the environment).
    /// In Development, when it is not set, a random key is made for this run so the app starts
    /// without ceremony; <see cref="ApiKey.Generated"/> holds it for printing once. Elsewhere an unset
    /// key is asked for, as any missing parameter is.
    /// </summary>
    public static ApiKey AddApiKey(this IDistributedApplicationBuilder builder, string name)
    {
        if (string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]) && builder.Environment.IsDevelopment())
        {
            var generated = System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
            return new ApiKey(builder.AddParameter(name, generated, secret: true).WithDescription("Key for POST /api/v1/practices (X-Api-Key)"), generated);
        }

        return new ApiKey(builder.AddParameter(name, secret: true).WithDescription("Key for POST /api/v1/practices (X-Api-Key)"), null);
    }

    /// <summary>Prints where to go once the gateway is healthy: the web page/API and, unless headless, the dashboard.</summary>
    public static void AnnounceUrlsWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, bool headless, string? generatedApiKey = null)
    {
        var dashboardUrl = builder.Configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault();
        builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (_, _) =>
        {
            var gatewayUrl = gateway.Resource.GetEndpoint("http").Url;
            Console.WriteLine($"Recommend is ready. Web page and API: {gatewayUrl}/ (OpenAPI: {gatewayUrl}/openapi/v1.json)");
            Console.WriteLine(headless
                ? "Headless mode: no dashboard; resource logs follow on this console."
                : $"Dashboard: {dashboardUrl} (use the login link Aspire printed above if it asks for a token)");
            if (generatedApiKey is not null)
            {
                // Printed once, here only: the key is generated per run and never logged by the services.
                Console.WriteLine($"API key for submissions (X-Api-Key), generated for this run: {generatedApiKey} (set Parameters__api-key to choose one)");
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// Like WithHttpHealthCheck, but reads the service's JSON readiness report, so the dashboard shows
    /// Degraded (with the dependency that is down) where a status-code check would show Healthy.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithReadinessReport(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        var key = $"{project.Resource.Name}_readiness_report";
        var endpoint = project.Resource.GetEndpoint("http");
        project.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            key,
            _ => new ReadinessReportHealthCheck(() => new Uri(new Uri(endpoint.Url), path)),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));
        return project.WithHealthCheck(key);
    }
}

/// <summary>The API key parameter and, when this run generated it, its value.</summary>
public sealed record ApiKey(IResourceBuilder<ParameterResource> Parameter, string? Generated);
