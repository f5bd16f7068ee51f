using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Recommend.EndToEnd.Tests.Faults;

/// <summary>
/// A whole app of its own for the fault tests (they kill its processes, so it is not shared with the
/// other end-to-end tests): headless, local redis-server in a temporary folder, two recommender
/// replicas, gateway on a free port. Processes are killed by PID (SIGKILL, as a crash) and brought
/// back with Aspire's own resource commands, the way an operator uses the dashboard's Start button.
/// </summary>
public sealed class FaultAppFixture : IAsyncLifetime
{
    public const int Replicas = 2;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(8);
    private readonly string _redisData = Directory.CreateTempSubdirectory("recommend-faults-redis-").FullName;

    private readonly ConcurrentDictionary<string, ResourceEvent> _states = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopWatching = new();
    private Task _watching = Task.CompletedTask;

    public DistributedApplication App { get; private set; } = null!;

    public HttpClient Gateway { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT", "true");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            "--headless",
            "--Recommend:RedisMode=local",
            "--Recommend:GatewayPort=0",
            $"--Recommend:RecommenderReplicas={Replicas}",
            $"--Recommend:RedisDataDirectory={_redisData}",
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
        Gateway.Timeout = TimeSpan.FromSeconds(30);
    }

    /// <summary>The instance ids of a resource (one per replica), e.g. recommender-abcd1234, in a stable order.</summary>
    public IReadOnlyList<string> Instances(string resource) =>
        [.. _states.Values.Where(e => e.Resource.Name == resource && e.ResourceId != resource).Select(e => e.ResourceId).Order(StringComparer.Ordinal)];

    /// <summary>Keeps the latest snapshot of every instance (the notification service sends each one's current state first).</summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _states[change.ResourceId] = change;
            }
        }
        catch (OperationCanceledException)
        {
            // The fixture is being disposed.
        }
    }

    /// <summary>
    /// Kills an instance's process and every process it started with SIGKILL (no shutdown code runs),
    /// and returns when Aspire has seen it exit. The tree matters: Aspire launches a project through
    /// <c>dotnet run</c>, and the pid it reports is that launcher's; killing only the launcher leaves
    /// the service itself running (and Aspire showing it Running) with a pid that no longer exists.
    /// </summary>
    public async Task KillAsync(string instance)
    {
        using (var process = await RunningProcessAsync(instance))
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        // Aspire offers Start only once it has seen the exit: wait for that, so a start right after works.
        var stopwatch = Stopwatch.StartNew();
        while (IsRunning(instance))
        {
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException($"{instance} still shown as running 30 s after its processes were killed");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The instance's live process. Right after a start the snapshot may still carry the previous
    /// process id for a moment, so wait for one that names a running process.
    /// </summary>
    private async Task<Process> RunningProcessAsync(string instance)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromSeconds(15))
        {
            try
            {
                var process = Process.GetProcessById(ProcessId(instance));
                if (!process.HasExited)
                {
                    return process;
                }

                process.Dispose();
            }
            catch (ArgumentException)
            {
                // Not running (yet): the snapshot still names the old process.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{instance} has no running process to kill (snapshot pid {ProcessId(instance)})");
    }

    public async Task StartAsync(string instance)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(instance, "resource-start");
        Assert.True(result.Success, $"resource-start {instance}: {result.Message}");
    }

    /// <summary>
    /// Waits until the instance runs and its health checks pass (after a start command). Polls the
    /// watched snapshots: the notification service's own wait matches resource names, not instance ids.
    /// </summary>
    public async Task WaitHealthyAsync(string instance, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!IsHealthy(instance))
        {
            if (stopwatch.Elapsed > timeout)
            {
                var state = _states.TryGetValue(instance, out var e) ? $"{e.Snapshot.State?.Text}, {e.Snapshot.HealthStatus}" : "unknown";
                throw new TimeoutException($"{instance} not healthy within {timeout.TotalSeconds:0} s (now {state})");
            }

            await Task.Delay(100);
        }
    }

    private bool IsHealthy(string instance) =>
        _states.TryGetValue(instance, out var state)
        && state.Snapshot.State?.Text == KnownResourceStates.Running
        && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;

    /// <summary>Starts again whatever a test left stopped, so each test begins with the whole app up.</summary>
    public async Task EnsureAllUpAsync()
    {
        foreach (var instance in Instances("cache").Concat(Instances("recommender")))
        {
            if (!IsRunning(instance))
            {
                await StartAsync(instance);
            }
        }

        foreach (var instance in Instances("cache").Concat(Instances("recommender")).Concat(Instances("gateway")))
        {
            await WaitHealthyAsync(instance, TimeSpan.FromMinutes(2));
        }
    }

    public bool IsRunning(string instance) =>
        _states.TryGetValue(instance, out var state) && state.Snapshot.State?.Text == KnownResourceStates.Running;

    public async Task<ConnectionMultiplexer> ConnectRedisAsync()
    {
        var connectionString = await App.GetConnectionStringAsync("cache");
        var options = ConfigurationOptions.Parse(connectionString!);
        options.AbortOnConnectFail = true;
        options.AllowAdmin = true;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(250);
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private int ProcessId(string instance)
    {
        Assert.True(_states.TryGetValue(instance, out var state), $"no state for {instance}");
        var pid = state.Snapshot.Properties.FirstOrDefault(p => p.Name is "executable.pid" or "project.pid" or "resource.pid")?.Value;
        Assert.True(pid is not null, $"{instance} has no pid property: {string.Join(", ", state.Snapshot.Properties.Select(p => p.Name))}");
        return Convert.ToInt32(pid, CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await _watching;
        _stopWatching.Dispose();
        Gateway?.Dispose();
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

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultAppFixture>
{
    public const string Name = "Faults (own app)";
}
