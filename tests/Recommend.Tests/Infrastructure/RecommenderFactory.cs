using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Recommend.Recommender.Index;

namespace Recommend.Tests.Infrastructure;

/// <summary>The recommender in-process, on a real redis-server, with a short cache TTL.</summary>
public sealed class RecommenderFactory(string redisConnectionString) : WebApplicationFactory<IndexHolder>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        builder.UseSetting("Recommender:Semantic", "false");
        builder.UseSetting("RankingCache:TimeToLive", "00:05:00");
    }

    /// <summary>Waits until the recommender serves the given index version (it loads in the background).</summary>
    public async Task WaitForVersionAsync(string version)
    {
        var holder = (IndexHolder)Services.GetService(typeof(IndexHolder))!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (holder.Current?.Version != version)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Recommender did not load index {version}; it has {holder.Current?.Version ?? "none"}.");
            }

            await Task.Delay(50);
        }
    }

    public static Task<HttpResponseMessage> AskAsync(HttpClient client, object request) =>
        client.PostAsJsonAsync("/api/v1/recommendations", request);
}
