using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Recommend.Ingest.Cli;
using Recommend.ServiceDefaults.Councils;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.ServiceDefaults.Tests.Councils;

/// <summary>
/// Councils have one source, Redis (ingest writes it): the recommender and the gateway each follow it,
/// and keep the last list they read while Redis is down.
/// </summary>
public sealed class CouncilFollowerTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ANewCouncilPublishedWhileRunningIsLoadedWithinSecondsThroughTheEvent()
    {
        await PublishAsync("QQA", "E06999901", "Quayside");
        await using var factory = new RecommenderFactory(redis.ConnectionString);
        _ = factory.CreateClient();
        var registry = (CouncilRegistry)factory.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.FindByCode("QQA") is not null, TimeSpan.FromSeconds(30), "the first load from Redis");

        // The safety-net poll is a minute apart, so seeing this within seconds means the event did it.
        await PublishAsync("QQB", "E06999902", "Quarrytown");
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.FindByCode("QQB") is not null, TimeSpan.FromSeconds(10), "reloading on councils-updated");

        // Redis is the one source: nothing shipped on disk is mixed in.
        Assert.Equal(2, registry.Current.Directory.All.Count);
    }

    [Fact]
    public async Task TheGatewayKeepsServingTheCouncilsItReadWhileRedisIsDown()
    {
        await PublishAsync("QQC", "E06999903", "Quaymouth");
        await using var gateway = new GatewayFactory(redis.ConnectionString);
        var client = gateway.CreateClient();
        var registry = (CouncilRegistry)gateway.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.FindByCode("QQC") is not null, TimeSpan.FromSeconds(30), "the gateway's first load");

        await redis.StopAsync();
        try
        {
            using var response = await client.GetAsync("/api/v1/councils/QQC");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    [Fact]
    public async Task BeforeTheFirstReadCouncilLookupsAnswer503WithRetryAfterAtOnce()
    {
        // Redis's timeouts are set long (10 s) so that waiting one out cannot pass for an answer "at once".
        await using var gateway = new GatewayFactory("127.0.0.1:9,abortConnect=false,connectTimeout=10000,syncTimeout=10000,asyncTimeout=10000");
        var client = gateway.CreateClient();
        // The host's start and first JIT are not what is measured (they took 3 s on a loaded machine).
        using var alive = await client.GetAsync("/alive");

        var stopwatch = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/councils/BPL/similar?limit=3");
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        // Not a speed test: the answer must not have waited out a Redis timeout first.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"took {stopwatch.Elapsed.TotalMilliseconds:0} ms");

        using var health = await client.GetAsync("/health");
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal("Starting", report.RootElement.GetProperty("entries").GetProperty("councils-loaded").GetProperty("status").GetString());
        Assert.Equal("Degraded", report.RootElement.GetProperty("entries").GetProperty("redis").GetProperty("status").GetString());
    }

    private async Task PublishAsync(string code, string gssCode, string name)
    {
        var csv = _temp.File($"{code}.csv", MySocietyCsv.Build([MySocietyCsv.Row(("local-authority-code", code), ("gss-code", gssCode), ("nice-name", name))]));
        using var output = new StringWriter();
        var exit = await ImportCouncilsCommand.RunAsync(["--file", csv, "--publish", "--redis", $"127.0.0.1:{redis.Port}"], output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
    }
}
