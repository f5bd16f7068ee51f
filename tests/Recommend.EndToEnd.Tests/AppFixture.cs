using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Recommend.EndToEnd.Tests;

/// <summary>
/// The whole AppHost, started once for the collection (start ~8 s, stop ~14 s): headless, local
/// redis-server in a temporary data folder, gateway on a free port so a running app is not disturbed.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);
    private readonly string _redisData = Directory.CreateTempSubdirectory("recommend-e2e-redis-").FullName;
    private readonly ConcurrentQueue<ResourceEvent> _changes = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private Task _watching = Task.CompletedTask;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>The app's Redis, to check what the services stored (never to set up answers).</summary>
    public IConnectionMultiplexer Redis { get; private set; } = null!;

    /// <summary>The key the app is started with (AppHost parameter api-key), for the write endpoints.</summary>
    public const string ApiKey = "e2e-test-key-5b1d";

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--headless",
            "--Recommend:RedisMode=local",
            "--Recommend:GatewayPort=0",
            $"--Recommend:RedisDataDirectory={_redisData}",
            $"--Parameters:api-key={ApiKey}",
            // Every request here comes from one address (the fuzzer alone sends 2,400), so the per-client
            // limit is off: it is tested in process (tests/Gateway.Tests/Security/GatewaySecurityTests.cs).
            "--Parameters:rate-limit-per-second=0",
        ]);
        builder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));

        App = await builder.BuildAsync();
        _watching = WatchAsync(_stopWatching.Token);
        using var cancellation = new CancellationTokenSource(StartTimeout);
        await App.StartAsync(cancellation.Token);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellation.Token);
        Gateway = App.CreateHttpClient("gateway");
        GatewayUrl = Gateway.BaseAddress!;
        Redis = await ConnectionMultiplexer.ConnectAsync((await App.GetConnectionStringAsync("cache", cancellation.Token))!);
    }

    /// <summary>Every state change of every resource instance (replicas apart) since before the start, in order.</summary>
    public IReadOnlyList<ResourceEvent> ResourceChanges => [.. _changes];

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _changes.Enqueue(change);
            }
        }
        catch (OperationCanceledException)
        {
            // The fixture is being disposed.
        }
    }

    public async Task DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await _watching;
        _stopWatching.Dispose();
        Gateway?.Dispose();
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (App is not null)
        {
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_redisData, recursive: true);
        }
        catch (IOException)
        {
            // redis-server may still be flushing its AOF as it exits; the folder is under /tmp.
        }
    }
}

/// <summary>The app and one browser (launched only when a browser test asks for it), shared by every end-to-end test.</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>, ICollectionFixture<Browser.BrowserFixture>
{
    public const string Name = "Whole app";
}
