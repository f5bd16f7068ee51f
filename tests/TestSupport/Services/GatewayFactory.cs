using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;

namespace Recommend.TestSupport.Services;

/// <summary>
/// The gateway in process on a real redis-server, with settings of the test's choosing; its
/// recommender is either an in-process one (<paramref name="recommender"/>) or, when null, an
/// address where nothing listens (for tests about the gateway's own answers).
/// </summary>
public sealed class GatewayFactory(
    string redisConnectionString,
    RecommenderFactory? recommender = null,
    IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<RecommenderClient>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (recommender is null)
        {
            // Port 9 (discard) on loopback: nothing listens, so every call is refused at once.
            builder.UseSetting("Recommend:RecommenderUrl", "http://127.0.0.1:9");
            return;
        }

        builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
        builder.ConfigureTestServices(services => UseInProcessRecommender(services, recommender));
    }

    /// <summary>Sends the gateway's calls and its liveness probes to an in-process recommender.</summary>
    public static void UseInProcessRecommender(IServiceCollection services, RecommenderFactory recommender)
    {
        services.AddHttpClient<RecommenderClient>().ConfigurePrimaryHttpMessageHandler(() => recommender.Server.CreateHandler());
        services.AddHttpClient(RecommenderLiveness.ProbeClientName).ConfigurePrimaryHttpMessageHandler(() => recommender.Server.CreateHandler());
    }

    public async Task WaitForIndexVersionAsync(string version)
    {
        var watcher = Services.GetRequiredService<IndexVersionWatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (watcher.Current != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"gateway still on {watcher.Current ?? "no version"}");
            await Task.Delay(50);
        }
    }
}
