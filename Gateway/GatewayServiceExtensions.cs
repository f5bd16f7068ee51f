using System.Text.Json;
using System.Text.Json.Serialization;
using Recommend.Core.Councils.Api;
using Recommend.Core.Practices;
using Recommend.Core.Recommendations;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
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
