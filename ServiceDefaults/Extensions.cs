using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recommend.ServiceDefaults.Health;
using Recommend.ServiceDefaults.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Recommend service shares: telemetry to the Aspire dashboard, health endpoints,
/// service discovery and resilient HTTP clients. Each service registers its own ActivitySource
/// and Meter names through <see cref="AddServiceTelemetry{TBuilder}"/>.
/// </summary>
public static class Extensions
{
    private const string HealthEndpointPath = "/health";
    private const string AlivenessEndpointPath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A loopback or in-cluster connect takes well under a millisecond; a second means nobody is there.
                ConnectTimeout = InternalHop.ConnectTimeout,
                // Connections are re-made now and then, so a replica that (re)joins behind the proxy gets its share.
                PooledConnectionLifetime = InternalHop.PooledConnectionLifetime,
            });

            // Calls between our services are one internal hop: retry quickly, twice (the proxy sends a
            // retry to another replica), give up on an attempt after a few seconds, and stop calling for
            // a moment when most calls fail, so a down dependency becomes a prompt 503, not a 25 s hang.
            http.AddStandardResilienceHandler(InternalHop.Configure);
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>Adds a service's own ActivitySource and Meter to the exported telemetry.</summary>
    public static TBuilder AddServiceTelemetry<TBuilder>(this TBuilder builder, string activitySourceName, string meterName)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(activitySourceName))
            .WithMetrics(metrics => metrics.AddMeter(meterName));
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // Instrumentation records on every request whether or not anything reads it. Without an OTLP
        // endpoint (headless runs: the AppHost removes it when there is no dashboard) nothing would,
        // so none is added: on the gateway's cached answers that saved 2-8 us of the 27-36 us of CPU per
        // answer (docs/performance.md, issue 18). dotnet-counters and dotnet-trace
        // still read ASP.NET Core's and the runtime's built-in meters and events. With the dashboard
        // (or any OTLP endpoint) everything is recorded and exported as before.
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                // Health probes every few seconds would drown the traces people look for.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                    && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// /health is readiness (every check, including model loaded and Redis reachable), answered as JSON
    /// naming each dependency's status (200 Healthy or Degraded, 503 Unhealthy); /alive is
    /// liveness (the process answers). Both are mapped in every environment: the AppHost and any
    /// orchestrator probe them, and they reveal nothing beyond healthy/unhealthy.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions { ResponseWriter = HealthReportJson.WriteAsync });
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        return app;
    }
}
