extern alias IngestApp;

using System.Diagnostics;
using System.Net;
using IngestApp::Recommend.Ingest.Cli;
using Recommend.Recommender.Councils;
using Recommend.Tests.Councils;
using Recommend.Tests.Import;
using Recommend.Tests.Infrastructure;

namespace Recommend.Tests.Services;

/// <summary>The recommender's councils: the shipped examples at once, then whatever Redis announces.</summary>
public sealed class CouncilRegistryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ANewCouncilPublishedWhileRunningIsServedWithinSecondsThroughTheEvent()
    {
        await PublishAsync("QQA", "E06999901", "Quayside");
        await using var factory = new RecommenderFactory(redis.ConnectionString);
        var client = factory.CreateClient();
        var registry = (CouncilRegistry)factory.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.FindByCode("QQA") is not null, TimeSpan.FromSeconds(30), "the first load from Redis");

        // The safety-net poll is a minute apart, so seeing this within seconds means the event did it.
        await PublishAsync("QQB", "E06999902", "Quarrytown");
        await TestCouncils.WaitUntilAsync(() => registry.Current.Directory.FindByCode("QQB") is not null, TimeSpan.FromSeconds(10), "reloading on councils-updated");

        Assert.Equal(TestCouncils.ExampleCount + 2, registry.Current.Directory.All.Count);
        using var response = await client.GetAsync("/api/v1/councils/QQB");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithRedisUnreachableTheShippedExamplesAnswerAtOnce()
    {
        await using var factory = new RecommenderFactory("127.0.0.1:9,abortConnect=false,connectTimeout=500");
        var client = factory.CreateClient();

        var stopwatch = Stopwatch.StartNew();
        using var response = await client.GetAsync("/api/v1/councils/BPL/similar?limit=3");
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Not a speed test: the answer must not have waited out a Redis timeout first.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        var registry = (CouncilRegistry)factory.Services.GetService(typeof(CouncilRegistry))!;
        Assert.Equal(TestCouncils.ExampleCount, registry.Current.Directory.All.Count);
    }

    private async Task PublishAsync(string code, string gssCode, string name)
    {
        var csv = _temp.File($"{code}.csv", MySocietyCsv.Build([MySocietyCsv.Row(("local-authority-code", code), ("gss-code", gssCode), ("nice-name", name))]));
        using var output = new StringWriter();
        var exit = await ImportCouncilsCommand.RunAsync(["--file", csv, "--publish", "--redis", $"127.0.0.1:{redis.Port}"], output, output, CancellationToken.None);
        Assert.True(exit == 0, output.ToString());
    }
}
