using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Storage;
using Recommend.Ingest;
using Recommend.Ingest.Councils;
using Recommend.TestSupport.Data;
using StackExchange.Redis;

namespace Recommend.TestSupport.Services;

/// <summary>Runs the real ingest council worker once against a Redis, and reads back what it stored.</summary>
public static class TestCouncils
{
    /// <summary>Number of example councils shipped in data/councils/examples.json.</summary>
    public static int ExampleCount { get; } = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder).Councils.Count;

    /// <summary>mySociety's full list when ../shared has it, else null (the examples alone).</summary>
    public static string? ReferenceCsvIfPresent =>
        File.Exists(SharedFiles.PathOf(SharedFiles.UkLocalAuthorities)) ? SharedFiles.PathOf(SharedFiles.UkLocalAuthorities) : null;

    public static async Task<CouncilState> RunWorkerAsync(IConnectionMultiplexer redis, string? referenceCsv, ILogger<CouncilSeedWorker>? logger = null)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var state = new CouncilState();
        using var worker = new CouncilSeedWorker(
            Options.Create(new CouncilOptions { ReferenceCsv = referenceCsv }),
            new CouncilPublisher(redis, NullLogger<CouncilPublisher>.Instance),
            state,
            new IngestTelemetry(meters),
            logger ?? NullLogger<CouncilSeedWorker>.Instance);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await worker.StartAsync(timeout.Token);
        await worker.ExecuteTask!.WaitAsync(timeout.Token);
        await worker.StopAsync(CancellationToken.None);
        return state;
    }

    public static async Task<Dictionary<string, CouncilProfile>> ReadStoredAsync(IConnectionMultiplexer redis)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(StoreKeys.Councils);
        return entries.ToDictionary(e => (string)e.Name!, e => CouncilJson.Deserialise((string)e.Value!), StringComparer.Ordinal);
    }

    /// <summary>Polls until the condition holds; fails with <paramref name="what"/> after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {timeout.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }
}
