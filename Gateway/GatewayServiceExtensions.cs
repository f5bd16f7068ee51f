using System.Text.Json;
using System.Text.Json.Serialization;
using Recommend.Core.Councils.Api;
using Recommend.Core.Practices;
using Recommend.Core.Recommendations;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();

        // Only for the index version (pub/sub) and nothing on the request path: fail open.
        builder.AddRedisClient("cache", configureOptions: options => options.AbortOnConnectFail = false);
        builder.Services.AddOptions<ResponseCacheOptions>()
            .BindConfiguration(ResponseCacheOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddMemoryCache(options => options.SizeLimit = builder.Configuration.GetValue($"{ResponseCacheOptions.Section}:MaxEntries", 10_000));
        builder.Services.AddSingleton<IndexVersionWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IndexVersionWatcher>());
        builder.Services.AddSingleton<ResponseCache>();

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
        builder.Services.AddHttpClient<RecommenderClient>(client =>
            client.BaseAddress = new Uri(builder.Configuration["Recommend:RecommenderUrl"] ?? "http://recommender"));
        return builder;
    }
}
