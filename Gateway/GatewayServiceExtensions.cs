using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Recommend.ServiceDefaults.Redis;
using Recommend.Contracts.Councils.Api;
using Recommend.ServiceDefaults.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Recommendations;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Practices;
using Recommend.Gateway.Recommendations;
using Recommend.Gateway.Unavailable;
using StackExchange.Redis;

namespace Recommend.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();

        // Practices, councils and the index version come from Redis, each with a fallback (the
        // recommender, the last list read, the last version known): fail fast, never wait on it.
        // Readiness reports Redis as Degraded, not Unhealthy (the library's own check would).
        builder.AddRedisClient("cache",
            configureSettings: settings => settings.DisableHealthChecks = true,
            configureOptions: options =>
            {
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2000;
                options.SyncTimeout = 1000;
                options.AsyncTimeout = 1000;
                // Reconnect every half second, not on a backoff that grows to tens of seconds: Redis is one hop away.
                options.ReconnectRetryPolicy = new LinearRetry(500);
            });
        builder.Services.AddOptions<ResponseCacheOptions>()
            .BindConfiguration(ResponseCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddMemoryCache(options => options.SizeLimit = builder.Configuration.GetValue($"{ResponseCacheOptions.Section}:MaxEntries", 10_000));
        builder.Services.AddSingleton<IndexVersionWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndexVersionWatcher>());
        builder.Services.AddSingleton<ResponseCache>();
        builder.Services.AddSingleton<RepeatedRequests>();
        builder.Services.AddSingleton<PracticeStore>();
        builder.Services.AddSingleton<CouncilRegistry>();
        builder.Services.AddHostedService<CouncilFollower>();
        builder.Services.AddSingleton<RecommenderUnavailableFilter>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(CouncilFollower.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(RepeatedAnswerFastPath.MeterName));

        builder.Services.AddHealthChecks()
            .AddCheck<CouncilsLoadedHealthCheck>("councils-loaded")
            .AddCheck<RecommenderHealthCheck>("recommender", HealthStatus.Degraded)
            .Add(new HealthCheckRegistration(
                "redis",
                services => new RedisConnectionHealthCheck(
                    services.GetRequiredService<IConnectionMultiplexer>(),
                    "councils and the index version serve from memory, practices are read from a recommender"),
                HealthStatus.Degraded,
                tags: null));

        // The gateway relays the recommender's snake_case bytes untouched; these options only make the
        // OpenAPI document describe what is really sent (snake_case names, numbers as numbers).
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, RecommendationJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, PracticeJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(2, CouncilApiJsonContext.Default);
        });
        var recommenderUrl = new Uri(builder.Configuration["Recommend:RecommenderUrl"] ?? "http://recommender");
        builder.Services.AddHttpClient<RecommenderClient>(client => client.BaseAddress = recommenderUrl);

        // The probes are their own client: one attempt each, no retries and no circuit, so that what
        // they measure is whether a recommender answers, not what the resilience pipeline made of it.
        builder.Services.AddOptions<RecommenderProbeOptions>()
            .BindConfiguration(RecommenderProbeOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001); it is the documented way to
        // take the default handler off one client, and a change to it would fail this build, not the app.
#pragma warning disable EXTEXP0001
        builder.Services.AddHttpClient(RecommenderLiveness.ProbeClientName, client => client.BaseAddress = recommenderUrl)
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.Services.AddSingleton<RecommenderLiveness>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecommenderLiveness>());
        return builder;
    }
}
