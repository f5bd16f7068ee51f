using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway;

public static class GatewayServiceExtensions
{
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddHttpClient<RecommenderClient>(client =>
            client.BaseAddress = new Uri(builder.Configuration["Recommend:RecommenderUrl"] ?? "http://recommender"));
        return builder;
    }
}
