extern alias IngestApp;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using IngestApp::Recommend.Ingest.Cli;
using IngestApp::Recommend.Ingest.Models;
using Recommend.Benchmarks;
using Recommend.Benchmarks.Ranking;
using Recommend.Contracts.Councils;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

// Peak memory of `retrain` over a large catalogue. The parent starts a private redis-server, stores
// the shipped seed catalogue plus synthetic practices up to --practices, and a current version built
// from them (real MiniLM vectors for the seed and a sample, tiled to the rest: retrain reuses the
// current version's vectors for unchanged practices, as it does in the app, so nothing is embedded
// again). A child process then runs the retrain command's own code (RetrainCommand.RunAsync, as
// `dotnet run --project Ingest -- retrain --redis ...` does) and samples its working set and managed
// heap; setting up the catalogue therefore never counts. Progress on stderr; the child's figures,
// one JSON object, on the last line of stdout.
if (args.Length > 0 && args[0] == "--measure")
{
    return await MeasureAsync(args[1]);
}

var practicesWanted = args.Length > 1 && args[0] == "--practices" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
// Real embeddings for the seed catalogue and this many synthetic practices; the rest are tiled from them.
const int DenseSample = 128;
var dataDirectory = Directory.CreateTempSubdirectory("retrain-memory-redis-").FullName;
var port = FreePort();
using var server = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", dataDirectory, "--save", "", "--appendonly", "no"])
{
    RedirectStandardOutput = true,
    UseShellExecute = false,
})!;
server.OutputDataReceived += (_, _) => { };
server.BeginOutputReadLine();
try
{
    var connection = $"127.0.0.1:{port},connectTimeout=5000,syncTimeout=300000,asyncTimeout=300000";
    await SetUpAsync(connection, practicesWanted, DenseSample);
    GC.Collect();

    var child = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
    {
        child.ArgumentList.Add(typeof(SyntheticCatalogue).Assembly.Location);
    }

    child.ArgumentList.Add("--measure");
    child.ArgumentList.Add(connection);
    using var measured = Process.Start(child)!;
    await measured.WaitForExitAsync();
    return measured.ExitCode;
}
finally
{
    server.Kill();
    await server.WaitForExitAsync();
    Directory.Delete(dataDirectory, recursive: true);
}

static async Task SetUpAsync(string connection, int practicesWanted, int denseSample)
{
    var clock = Stopwatch.StartNew();
    var councils = CouncilCatalogue.LoadFolder(CouncilCatalogue.DefaultFolder).Councils;
    var seed = SeedCatalogue.LoadFolder(SeedCatalogue.DefaultFolder).Practices;
    var synthetic = SyntheticCatalogue.Generate(practicesWanted - seed.Count, councils);
    List<Practice> all = [.. seed, .. synthetic];
    Console.Error.WriteLine($"catalogue: {seed.Count} seed + {synthetic.Count:N0} synthetic practices in {clock.Elapsed.TotalSeconds:0.0} s");

    clock.Restart();
    using var embedder = new MiniLmEmbedder();
    var sample = synthetic.Take(denseSample).ToList();
    var real = new DenseIndex(embedder.Dimensions);
    var embedded = PracticeEmbedding.EmbedBatch(embedder, [.. seed.Concat(sample)]);
    foreach (var (practice, i) in seed.Concat(sample).Select((p, i) => (p, i)))
    {
        real.Add(practice.Id, embedded[i]);
    }

    var tiled = TiledVectors.Expand(real, [.. sample.Select(p => p.Id)], [.. synthetic.Select(p => p.Id)]);
    foreach (var practice in seed)
    {
        tiled.Add(practice.Id, real.GetVector(practice.Id).ToArray());
    }

    Console.Error.WriteLine($"vectors: {seed.Count + sample.Count} embedded, tiled to {all.Count:N0} in {clock.Elapsed.TotalSeconds:0.0} s");

    clock.Restart();
    var version = PracticeIndex.ComputeVersion(all);
    var index = new PracticeIndexBuilder(embedder).Build(all, version, p => tiled.GetVector(p.Id).ToArray(), embedded: null);
    Console.Error.WriteLine($"current version {version} built in {clock.Elapsed.TotalSeconds:0.0} s");

    clock.Restart();
    var admin = ConfigurationOptions.Parse(connection);
    admin.AllowAdmin = true;
    await using var redis = await ConnectionMultiplexer.ConnectAsync(admin);
    var db = redis.GetDatabase();
    foreach (var chunk in all.Chunk(500))
    {
        await db.StringSetAsync([.. chunk.Select(p => new KeyValuePair<RedisKey, RedisValue>(StoreKeys.Practice(p.Id), PracticeJson.Serialise(p)))]);
        await db.SetAddAsync(StoreKeys.PracticeIds, [.. chunk.Select(p => (RedisValue)p.Id)]);
    }

    var registry = new ModelRegistry(redis);
    await registry.StoreAsync(index);
    if (!await registry.MakeCurrentAsync(version))
    {
        throw new InvalidOperationException($"version {version} was not stored");
    }

    var info = (await redis.GetServer(redis.GetEndPoints()[0]).InfoAsync("memory")).SelectMany(g => g).First(p => p.Key == "used_memory_human").Value;
    Console.Error.WriteLine($"stored {all.Count:N0} practices and the current version in {clock.Elapsed.TotalSeconds:0.0} s (redis used_memory {info})");
}

static async Task<int> MeasureAsync(string connection)
{
    var baselineWorkingSet = Environment.WorkingSet;
    var peakWorkingSet = baselineWorkingSet;
    var peakManaged = GC.GetTotalMemory(false);
    using var stop = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        // Sampled every 50 ms: the GC heap between collections; the working set's true peak is VmHWM below.
        while (!stop.IsCancellationRequested)
        {
            peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            await Task.Delay(50);
        }
    });

    var report = Directory.CreateTempSubdirectory("retrain-memory-report-").FullName;
    using var output = new StringWriter();
    var clock = Stopwatch.StartNew();
    var exit = await RetrainCommand.RunAsync(["--redis", connection, "--report", report], output, Console.Error, CancellationToken.None);
    var elapsed = clock.Elapsed;
    await stop.CancelAsync();
    await sampler;
    Directory.Delete(report, recursive: true);

    var highWaterMark = ProcStatusKb("VmHWM") * 1024;
    var gc = GC.GetGCMemoryInfo();
    Console.WriteLine(output.ToString().TrimEnd());
    Console.WriteLine($"retrain exit {exit} in {elapsed.TotalSeconds:0.0} s");
    Console.WriteLine($"peak working set (VmHWM): {Mb(highWaterMark):0} MB (sampled {Mb(peakWorkingSet):0} MB; {Mb(baselineWorkingSet):0} MB before retrain)");
    Console.WriteLine($"peak managed heap (sampled): {Mb(peakManaged):0} MB; allocated in all {Mb(GC.GetTotalAllocatedBytes()):0} MB; gen2 collections {GC.CollectionCount(2)}; heap after the last GC {Mb(gc.HeapSizeBytes):0} MB");
    Console.WriteLine($$"""{"exit": {{exit}}, "seconds": {{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}}, "peak_working_set_mb": {{Mb(highWaterMark).ToString("0", CultureInfo.InvariantCulture)}}, "peak_managed_heap_mb": {{Mb(peakManaged).ToString("0", CultureInfo.InvariantCulture)}}, "allocated_mb": {{Mb(GC.GetTotalAllocatedBytes()).ToString("0", CultureInfo.InvariantCulture)}}, "gen2_collections": {{GC.CollectionCount(2)}}, "load_average": "{{LoadAverage()}}"}""");
    return exit;
}

static double Mb(long bytes) => bytes / 1048576.0;

static long ProcStatusKb(string field) =>
    File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).FirstOrDefault();

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
