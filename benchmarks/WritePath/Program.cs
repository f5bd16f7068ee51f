extern alias IngestApp;
extern alias RecommenderApp;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using IngestApp::Recommend.Ingest;
using IngestApp::Recommend.Ingest.Publishing;
using IngestApp::Recommend.Ingest.Submissions;
using Recommend.Benchmarks;
using Recommend.Benchmarks.Ranking;
using Recommend.Benchmarks.WritePath;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

// The write path, end to end on one machine: a private redis-server holding a catalogue (the shipped
// one, or grown with synthetic practices to --practices), recommender replicas in child processes
// (the recommender's own IndexLoader, each reporting on a Redis channel when it serves a version),
// and practices submitted one at a time through ingest's own incremental updater (what a submission
// reaches once the worker has read and validated it). Progress on stderr; the figures, one JSON
// object, on the last line of stdout.
if (args.Length > 0 && args[0] == "--replica")
{
    return await Replica.RunAsync(args[1], args[2]);
}

var options = WritePathOptions.Parse(args);
var dataDirectory = Directory.CreateTempSubdirectory("write-path-redis-").FullName;
var replicas = new List<Process>();
using var server = RedisServer.Start(dataDirectory, out var port);
try
{
    var connection = $"127.0.0.1:{port},connectTimeout=5000,syncTimeout=300000,asyncTimeout=300000,allowAdmin=true";
    await using var redis = await ConnectionMultiplexer.ConnectAsync(connection);
    var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    var telemetry = new IngestTelemetry(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
    using var embedder = new MiniLmEmbedder();

    // The ingest worker's own pieces: one version writer, the compactor running in the background as in the service.
    var writer = new IndexVersionWriter(redis, new IndexVersionOptions { CompactAfterSegments = options.CompactAfter, RetainBases = options.RetainBases }, NullLogger<IndexVersionWriter>.Instance);
    var clock = Stopwatch.StartNew();
    var councils = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder).Councils;
    var seed = SeedCatalogue.LoadFolder(SeedCatalogue.DefaultFolder).Practices;
    var synthetic = SyntheticCatalogue.Generate(Math.Max(0, options.Practices - seed.Count), councils);
    List<Practice> catalogue = [.. seed, .. synthetic];
    var baseVersion = await Catalogue.PublishAsync(redis, writer, embedder, telemetry, seed, synthetic, options.DenseSample);
    Console.Error.WriteLine($"published {catalogue.Count:N0} practices ({seed.Count} seed, {synthetic.Count:N0} synthetic) as {baseVersion} in {clock.Elapsed.TotalSeconds:0.0} s");

    using var loaded = new Replicas(redis, options.Replicas);
    for (var r = 0; r < options.Replicas; r++)
    {
        replicas.Add(Replica.Start(connection, $"replica-{r}"));
    }

    await loaded.WaitForAsync(baseVersion, TimeSpan.FromMinutes(10));
    Console.Error.WriteLine($"{options.Replicas} replicas serve {baseVersion}");

    using var compactor = new IndexCompactor(redis, writer, NullLogger<IndexCompactor>.Instance);
    await compactor.StartAsync(CancellationToken.None);
    var updater = new IncrementalIndexUpdater(redis, embedder, writer, compactor, telemetry, NullLogger<IncrementalIndexUpdater>.Instance);
    var submitted = SyntheticCatalogue.Generate(options.Submissions, councils, seed: 7)
        .Select((p, i) => p with { Id = $"submitted-{i:D5}", Title = $"{p.Title} (submission {i})" })
        .ToList();

    var server0 = redis.GetServer(redis.GetEndPoints()[0]);
    var memoryBefore = await UsedMemoryAsync(server0);
    var startMemory = memoryBefore;
    var growth = new List<double>();
    var recommendable = new List<double>();
    var checkpoints = new List<Checkpoint>();
    for (var i = 0; i < submitted.Count; i++)
    {
        var start = Stopwatch.GetTimestamp();
        var version = await updater.UpsertAsync([submitted[i]], CancellationToken.None);
        await loaded.WaitForAsync(version, TimeSpan.FromMinutes(2));
        recommendable.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

        var memoryAfter = await UsedMemoryAsync(server0);
        growth.Add(memoryAfter - memoryBefore);
        memoryBefore = memoryAfter;
        if ((i + 1) % options.CheckpointEvery == 0 || i == submitted.Count - 1)
        {
            var checkpoint = new Checkpoint(i + 1, memoryAfter / 1e6, loaded.LastWorkingSetMb(), loaded.LastManagedMb());
            checkpoints.Add(checkpoint);
            Console.Error.WriteLine($"{checkpoint.Submissions} submissions: redis {checkpoint.RedisMb:0.0} MB, replicas working set {string.Join(", ", checkpoint.ReplicaWorkingSetMb.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))} MB, p50 so far {Latency.Of(recommendable).P50:0} ms");
        }
    }

    var sortedGrowth = growth.Order().ToList();
    var result = new
    {
        practices = catalogue.Count,
        synthetic = synthetic.Count,
        submissions = submitted.Count,
        replicas = options.Replicas,
        compact_after_segments = options.CompactAfter,
        retain_bases = options.RetainBases,
        redis_growth_mean_kb = Math.Round((memoryBefore - startMemory) / submitted.Count / 1000, 1),
        redis_growth_median_kb = Math.Round(sortedGrowth[sortedGrowth.Count / 2] / 1000, 1),
        redis_growth_max_kb = Math.Round(sortedGrowth[^1] / 1000, 1),
        recommendable_p50_ms = Math.Round(Latency.Of(recommendable).P50, 1),
        recommendable_p99_ms = Math.Round(Latency.Of(recommendable).P99, 1),
        recommendable_max_ms = Math.Round(recommendable.Max(), 1),
        redis_start_mb = Math.Round(startMemory / 1e6, 1),
        checkpoints,
        dense_vectors = synthetic.Count == 0
            ? "real MiniLM embeddings of every practice"
            : $"real MiniLM embeddings of {options.DenseSample} synthetic practices, tiled to every practice of the base (seed included) with seeded Gaussian noise; every submitted practice embedded for real",
        machine = $"{Environment.ProcessorCount} cores, .NET {Environment.Version}",
        load_average = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
    };
    await compactor.StopAsync(CancellationToken.None);
    Console.WriteLine(JsonSerializer.Serialize(result));
    return 0;
}
finally
{
    foreach (var replica in replicas)
    {
        if (!replica.HasExited)
        {
            replica.Kill();
        }

        await replica.WaitForExitAsync();
        replica.Dispose();
    }

    server.Kill();
    await server.WaitForExitAsync();
    Directory.Delete(dataDirectory, recursive: true);
}

static async Task<double> UsedMemoryAsync(IServer server)
{
    var info = await server.InfoAsync("memory");
    return double.Parse(info.SelectMany(g => g).First(p => p.Key == "used_memory").Value, CultureInfo.InvariantCulture);
}

internal sealed record Checkpoint(int Submissions, double RedisMb, IReadOnlyList<double> ReplicaWorkingSetMb, IReadOnlyList<double> ReplicaManagedMb);
