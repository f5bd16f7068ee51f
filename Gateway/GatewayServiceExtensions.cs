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
        builder.Services.AddHttpClient<RecommenderClient>(client =>
            client.BaseAddress = new Uri(builder.Configuration["Recommend:RecommenderUrl"] ?? "http://recommender"));
        return builder;
    }
}
