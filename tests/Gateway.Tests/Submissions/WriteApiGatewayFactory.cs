using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Recommend.Gateway.Recommendations;

namespace Recommend.Gateway.Tests.Submissions;

/// <summary>The gateway in process against a test redis-server, with a known API key and a feedback limit.</summary>
public sealed class WriteApiGatewayFactory(string redisConnection, int feedbackPermits) : WebApplicationFactory<RecommenderClient>
{
    public const string ApiKey = "test-key-7f3a9c";

    /// <summary>
    /// A client for a gateway whose Redis connection is up. The gateway connects to Redis in the
    /// background and answers writes 503 until then (by design: it never waits on Redis), so a test
    /// that counts statuses first waits for its readiness report to show Redis connected.
    /// </summary>
    public async Task<HttpClient> CreateReadyClientAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await RedisConnectedAsync(client))
        {
            Assert.True(DateTime.UtcNow < deadline, "the gateway's /health did not report Redis connected within 30 s");
            await Task.Delay(50);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseSetting("Recommend:RecommenderUrl", "http://127.0.0.1:9")
            .UseSetting("ConnectionStrings:cache", redisConnection)
            .UseSetting("Submissions:ApiKey", ApiKey)
            .UseSetting("Feedback:PermitLimit", feedbackPermits.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .UseSetting("Feedback:Window", "00:05:00");

    // The overall status says nothing about Redis here (no recommender behind this gateway): read the Redis entry itself.
    private static async Task<bool> RedisConnectedAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return report.RootElement.GetProperty("entries").TryGetProperty("redis", out var redis)
            && redis.GetProperty("status").GetString() == "Healthy";
    }
}
