using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Recommendations;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Recommendations;

/// <summary>
/// Every probe goes to a replica that never answers (as when a proxy keeps picking a killed one) while
/// calls reach a live recommender: the calls' answers keep the gateway from declaring "none answers";
/// once calls stop, the silent probes do bring the verdict.
/// </summary>
public sealed class AnsweredCallsKeepLivenessTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    // Far above one uncached ranking in process (tens of milliseconds), so a slow machine does not
    // decide the outcome: without the calls counting, silence reaches it within the first phase.
    private static readonly TimeSpan DownAfter = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task AnsweredCallsKeepARecommenderUpWhileEveryProbeGoesUnansweredAndSilenceStillCountsOnceCallsStop()
    {
        await redis.FlushAsync();
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        await using var recommender = new RecommenderFactory(redis.ConnectionString);
        _ = recommender.CreateClient();
        await recommender.WaitForVersionAsync(version);
        // Warm the recommender (JIT, first ranking) before the gateway's clock starts.
        (await RecommenderFactory.AskAsync(recommender.CreateClient(), new { challenge = "warm up" })).Dispose();

        await using var baseGateway = new GatewayFactory(redis.ConnectionString, recommender, new Dictionary<string, string>
        {
            ["Recommend:RecommenderProbe:Interval"] = "00:00:00.100",
            ["Recommend:RecommenderProbe:DownAfter"] = DownAfter.ToString(),
            ["Recommend:RateLimit:PermitsPerSecond"] = "0", // rankings back to back from one client
        });
        await using var gateway = baseGateway.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddHttpClient(RecommenderLiveness.ProbeClientName).ConfigurePrimaryHttpMessageHandler(() => new NeverAnswers())));
        var client = gateway.CreateClient();
        var liveness = gateway.Services.GetRequiredService<RecommenderLiveness>();

        // Three times the silence that would count as "none answers", in uncached rankings back to back.
        var until = DateTime.UtcNow + 3 * DownAfter;
        var answered = 0;
        while (DateTime.UtcNow < until)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"rough sleeping {Guid.NewGuid():N}", limit = 3 });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answered++;
        }

        Assert.False(liveness.Probe.NoneAnswers, liveness.Probe.Describe());
        Assert.Null(liveness.Probe.Status); // no probe was ever answered: only the calls kept it up

        await TestCouncils.WaitUntilAsync(() => liveness.Probe.NoneAnswers, DownAfter * 4, "the silent probes to bring the verdict once calls stop");
        using var unavailable = await client.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"nobody ranks this {Guid.NewGuid():N}" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.True(answered > 10, $"only {answered} calls answered");
    }

    /// <summary>A replica that accepted the connection and will never answer.</summary>
    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new OperationCanceledException(cancellationToken);
        }
    }
}
