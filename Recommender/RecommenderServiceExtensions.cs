using System.Text.Json;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Recommend.ServiceDefaults.Redis;
using Recommend.Contracts.Councils.Api;
using Recommend.ServiceDefaults.Councils;
using Recommend.Contracts.Practices;
using Recommend.Matching.Ranking;
using Recommend.Contracts.Recommendations;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Recommend.Recommender.Admission;
using Recommend.Recommender.Caching;
using Recommend.Recommender.Feedback;
using Recommend.Recommender.Reports;
using Recommend.ServiceDefaults.Councils.Adoptions;
using Recommend.Recommender.Index;
using Recommend.Recommender.Recommendations;

namespace Recommend.Recommender;

public static class RecommenderServiceExtensions
{
    public static IHostApplicationBuilder AddRecommenderServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceTelemetry(RecommenderTelemetry.Name, RecommenderTelemetry.Name);
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(CouncilFollower.SourceName));

        // The cache fails open: never block a request on a Redis that is not there. Readiness reports
        // Redis as Degraded, not Unhealthy (the library's own check would): ranking goes on without it.
        builder.AddRedisClient("cache", configureSettings: settings => settings.DisableHealthChecks = true, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
            // Reconnect every half second, not on a backoff that grows to tens of seconds: Redis is one hop away.
            options.ReconnectRetryPolicy = new LinearRetry(500);
        });

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, RecommendationJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(1, PracticeJsonContext.Default);
            options.SerializerOptions.TypeInfoResolverChain.Insert(2, CouncilApiJsonContext.Default);
        });

        builder.Services.AddOptions<RankingOptions>()
            .BindConfiguration(RankingOptions.Section)
            .Validate(options => !options.Weights.Problems().Any(), "Ranking:Weights are out of bounds (each 0-1, text at least 0.1)")
            .ValidateOnStart();

        builder.Services.AddOptions<RankingCacheOptions>()
            .BindConfiguration(RankingCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddOptions<RankingAdmissionOptions>()
            .BindConfiguration(RankingAdmissionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<RankingAdmission>();

        builder.Services.AddSingleton<RecommenderTelemetry>();
        builder.Services.AddSingleton<IndexHolder>();
        builder.Services.AddOptions<QueryEmbeddingOptions>()
            .BindConfiguration(QueryEmbeddingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<QueryEmbedder>();
        builder.Services.AddSingleton<RankingWarmUp>();
        builder.Services.AddSingleton(services => new PracticeRanker(services.GetRequiredService<IOptions<RankingOptions>>().Value.Weights));
        builder.Services.AddSingleton<CouncilResolver>();
        builder.Services.AddSingleton<IDistributedCache, RedisRankingStore>();
        // HybridCache's memory level, bounded: it gives every entry its serialised size.
        builder.Services.AddMemoryCache();
        builder.Services.AddOptions<MemoryCacheOptions>()
            .Configure<IOptions<RankingCacheOptions>>((memory, ranking) =>
            {
                memory.SizeLimit = ranking.Value.LocalSizeLimitBytes;
                memory.ExpirationScanFrequency = ranking.Value.LocalTimeToLive;
            });
        builder.Services.AddHybridCache().AddSerializer<RecommendationResponse, RankingJsonSerializer>();
        builder.Services.AddSingleton<RankingCache>();
        builder.Services.AddSingleton<AnsweredRequests>();
        builder.Services.AddHostedService<IndexLoader>();
        builder.Services.AddHealthChecks()
            .AddCheck<IndexLoadedHealthCheck>("index-loaded")
            .Add(new HealthCheckRegistration(
                "redis",
                services => new RedisConnectionHealthCheck(services.GetRequiredService<IConnectionMultiplexer>(), "ranking from the index in memory, without the shared cache"),
                HealthStatus.Degraded,
                tags: null));

        // Councils come from Redis only (ingest writes them); the last list read keeps serving through an outage.
        builder.Services.AddSingleton<CouncilRegistry>();
        builder.Services.AddHostedService<CouncilFollower>();
        builder.Services.AddHealthChecks().AddCheck<CouncilsLoadedHealthCheck>("councils-loaded");

        // What councils reported with their keys: adopters for "adopted by councils like yours", the
        // summary beside the evidence, and the reported-outcome signal.
        builder.Services.AddSingleton<AdoptionReportStore>();
        builder.Services.AddSingleton<CouncilReports>();
        builder.Services.AddHostedService<CouncilReportsLoader>();
        return builder;
    }
}
