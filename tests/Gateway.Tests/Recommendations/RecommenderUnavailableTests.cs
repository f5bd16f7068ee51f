using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Recommendations;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Recommendations;

/// <summary>
/// The gateway when no recommender can rank: every replica gone behind a proxy that holds connections
/// open (as Aspire's does), and a recommender that answers but has no index yet. Real redis-server,
/// real recommender on Kestrel, a real TCP proxy between them.
/// </summary>
public sealed class RecommenderUnavailableTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private string _version = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        _version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task EveryReplicaGoneBehindAProxyThatHoldsConnectionsAnswers503WithRetryAfterWithinTwoSecondsAndRecovers()
    {
        await using var recommender = new RecommenderFactory(redis.ConnectionString);
        recommender.UseKestrel(0);
        recommender.StartServer();
        await recommender.WaitForVersionAsync(_version);
        var address = recommender.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var proxy = new HoldingProxy(new Uri(address).Port);
        await using var gateway = Gateway(proxy.Address, ("Recommend:RecommenderProbe:DownAfter", "00:00:00.5"));
        var client = gateway.CreateClient();

        await UntilAsync(TimeSpan.FromSeconds(30), () => AnswersAsync(client, "rough sleeping", HttpStatusCode.OK));
        var practiceId = SeedData.Practices[0].Id;

        proxy.ReplicasGone();
        var stopwatch = Stopwatch.StartNew();
        using (var unavailable = await RankAsync(client, $"nobody ranks this {Guid.NewGuid():N}"))
        {
            var took = stopwatch.Elapsed;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
            Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(unavailable.Headers.RetryAfter);
            // Not a speed test: without the probes this call waits out the resilience budget (7 s).
            Assert.True(took < TimeSpan.FromSeconds(2), $"503 took {took.TotalMilliseconds:0} ms");
        }

        using (var practice = await client.GetAsync($"/api/v1/practices/{practiceId}"))
        {
            Assert.Equal(HttpStatusCode.OK, practice.StatusCode);
        }

        using (var health = await client.GetAsync("/health"))
        {
            using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
            Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
            var entry = report.RootElement.GetProperty("entries").GetProperty("recommender");
            Assert.Equal("Degraded", entry.GetProperty("status").GetString());
            Assert.Contains("no recommender answers", entry.GetProperty("description").GetString());
        }

        proxy.ReplicaBack();
        await UntilAsync(TimeSpan.FromSeconds(10), () => AnswersAsync(client, $"ranked again {Guid.NewGuid():N}", HttpStatusCode.OK));
    }

    [Fact]
    public async Task ARecommenderWithoutAnIndexYetAnswers503ThroughTheGatewayWithRetryAfter()
    {
        await redis.FlushAsync();
        await using var recommender = new RecommenderFactory(redis.ConnectionString);
        _ = recommender.CreateClient();
        await using var gateway = new GatewayFactory(redis.ConnectionString, recommender);
        var client = gateway.CreateClient();

        // Readiness names it: a recommender answers, but is not ready.
        await UntilAsync(TimeSpan.FromSeconds(30), async () =>
        {
            using var health = await client.GetAsync("/health");
            return (await health.Content.ReadAsStringAsync()).Contains("answers but is not ready", StringComparison.Ordinal);
        });
        using var response = await RankAsync(client, "rough sleeping");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("No index loaded yet", problem.RootElement.GetProperty("title").GetString());
    }

    private WebApplicationFactory<RecommenderClient> Gateway(Uri recommender, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<RecommenderClient>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
            builder.UseSetting("Recommend:RecommenderUrl", recommender.ToString());
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static Task<HttpResponseMessage> RankAsync(HttpClient client, string challenge) =>
        client.PostAsJsonAsync("/api/v1/recommendations", new { challenge });

    private static async Task<bool> AnswersAsync(HttpClient client, string challenge, HttpStatusCode status)
    {
        using var response = await RankAsync(client, challenge);
        return response.StatusCode == status;
    }

    private static async Task UntilAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(stopwatch.Elapsed < limit, $"not so within {limit.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
