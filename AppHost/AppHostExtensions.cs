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

    /// <summary>Prints where to go once the gateway is healthy: the web page/API and, unless headless, the dashboard.</summary>
    public static void AnnounceUrlsWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, bool headless)
    {
        var dashboardUrl = builder.Configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault();
        builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, (_, _) =>
        {
            var gatewayUrl = gateway.Resource.GetEndpoint("http").Url;
            Console.WriteLine($"Recommend is ready. Web page and API: {gatewayUrl}/ (OpenAPI: {gatewayUrl}/openapi/v1.json)");
            Console.WriteLine(headless
                ? "Headless mode: no dashboard; resource logs follow on this console."
                : $"Dashboard: {dashboardUrl} (use the login link Aspire printed above if it asks for a token)");
            return Task.CompletedTask;
        });
    }
}
