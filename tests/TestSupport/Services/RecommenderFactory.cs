using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Recommend.Recommender.Index;
using Recommend.ServiceDefaults.Councils;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;

namespace Recommend.TestSupport.Services;

/// <summary>The recommender in-process, on a real redis-server, with a short cache TTL and any further settings of the test's choosing.</summary>
public sealed class RecommenderFactory(string redisConnectionString, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<IndexHolder>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:cache", redisConnectionString);
        builder.UseSetting("Recommender:Semantic", "false");
        builder.UseSetting("RankingCache:TimeToLive", "00:05:00");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// A recommender serving the seed catalogue to the example councils, both published to
    /// <paramref name="redis"/> first, once it has loaded them; with the index version it serves.
    /// </summary>
    public static async Task<(RecommenderFactory Recommender, string Version)> StartOnSeedAsync(RedisServerFixture redis)
    {
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        var recommender = new RecommenderFactory(redis.ConnectionString);
        _ = recommender.CreateClient();
        await recommender.WaitForVersionAsync(version);
        var councils = (CouncilRegistry)recommender.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => councils.IsLoaded, TimeSpan.FromSeconds(30), "the recommender reading the councils");
        return (recommender, version);
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

    /// <summary>The JSON body of a response that must be 200 OK.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
