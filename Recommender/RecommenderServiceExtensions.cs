using System.Text.Json;
using Microsoft.Extensions.Options;
using Recommend.Core.Councils;
using Recommend.Core.Councils.Api;
using Recommend.Core.Practices;
using Recommend.Core.Ranking;
using Recommend.Core.Recommendations;
using Recommend.Recommender.Caching;
using Recommend.Recommender.Councils;
using Recommend.Recommender.Index;
using Recommend.Recommender.Recommendations;

namespace Recommend.Recommender;

public static class RecommenderServiceExtensions
{
    public static IHostApplicationBuilder AddRecommenderServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceTelemetry(RecommenderTelemetry.Name, RecommenderTelemetry.Name);

        // The cache fails open: never block a request on a Redis that is not there.
        builder.AddRedisClient("cache", configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 2000;
            options.SyncTimeout = 1000;
            options.AsyncTimeout = 1000;
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

        builder.Services.AddSingleton<RecommenderTelemetry>();
        builder.Services.AddSingleton<IndexHolder>();
        builder.Services.AddSingleton<QueryEmbedder>();
        builder.Services.AddSingleton(services => new PracticeRanker(services.GetRequiredService<IOptions<RankingOptions>>().Value.Weights));
        builder.Services.AddSingleton<CouncilResolver>();
        builder.Services.AddSingleton<RankingCache>();
        builder.Services.AddHostedService<IndexLoader>();
        builder.Services.AddHealthChecks().AddCheck<IndexLoadedHealthCheck>("index-loaded");

        // Councils start from the shipped examples and follow Redis; they never hold up readiness.
        builder.Services.AddSingleton(services => new CouncilRegistry(CouncilCatalogue.DefaultFolder, services.GetRequiredService<ILogger<CouncilRegistry>>()));
        builder.Services.AddHostedService<CouncilLoader>();
        return builder;
    }
}
