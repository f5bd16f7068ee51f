using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Recommend.Contracts.Storage;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Recommend.EndToEnd.Tests.Faults;

/// <summary>
/// Real processes killed under load on loopback, each test bounded in time and leaving the app whole
/// again for the next. The figures each test prints are the ones docs/operations.md quotes.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class FaultTests(FaultAppFixture app, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Loneliness = "reduce loneliness among older residents in rural villages";

    public Task InitializeAsync() => app.EnsureAllUpAsync();

    public Task DisposeAsync() => app.EnsureAllUpAsync();

    [Fact]
    public async Task RedisKilledUnderLoadCausesNoServerErrorAndTheCacheIsUsedAgainWithin10sOfItsRestart()
    {
        var load = new SteadyLoad(app.Gateway, await PracticeIdAsync());
        var cache = app.Instances("cache").Single();
        var running = load.RunAsync(clients: 4, duration: TimeSpan.FromSeconds(16));

        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.KillAsync(cache);
        var killedAt = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(4));
        await app.StartAsync(cache);
        await app.WaitHealthyAsync(cache, TimeSpan.FromSeconds(30));
        var backAt = load.Now;

        // The cache is in use again when rankings computed now are written to Redis: the restarted
        // server holds what its append-only file had, so count from there.
        using var redis = await app.ConnectRedisAsync();
        var baseline = await CachedRankingsAsync(redis);
        var reused = await MeasureUntilAsync(TimeSpan.FromSeconds(15), async () =>
        {
            using var response = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"after the outage {Guid.NewGuid():N}" });
            return response.IsSuccessStatusCode && await CachedRankingsAsync(redis) > baseline;
        });
        await running;

        var failures = load.Samples.Where(s => s.Failed).ToList();
        output.WriteLine($"{load.Samples.Count} requests; Redis killed at {killedAt.TotalSeconds:0.0}s, healthy again at {backAt.TotalSeconds:0.0}s; cache used again {reused.TotalSeconds:0.0}s after; failures: {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(reused <= TimeSpan.FromSeconds(10), $"the Redis cache was used again only {reused.TotalSeconds:0.0}s after Redis came back");
    }

    [Fact]
    public async Task RedisRestartedFromItsAppendOnlyFileHasEveryPracticeIndexVersionAndCouncil()
    {
        var cache = app.Instances("cache").Single();
        Stored before;
        using (var redis = await app.ConnectRedisAsync())
        {
            before = await Stored.ReadAsync(redis.GetDatabase());
        }

        Assert.True(before.Practices > 0 && before.Councils > 0 && before.Versions > 0, $"nothing stored to lose: {before}");

        // appendfsync everysec: data older than a second is on disk; a crash loses at most the last second.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await app.KillAsync(cache);
        await app.StartAsync(cache);
        await app.WaitHealthyAsync(cache, TimeSpan.FromSeconds(30));

        using var restarted = await app.ConnectRedisAsync();
        var after = await Stored.ReadAsync(restarted.GetDatabase());
        output.WriteLine($"before: {before}; after restart from the AOF: {after}");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task OneReplicaKilledUnderLoadFailsAtMostOnePercentAndNothingAfterTheFirstSecond()
    {
        var load = new SteadyLoad(app.Gateway, await PracticeIdAsync());
        var victim = app.Instances("recommender")[0];
        var running = load.RunAsync(clients: 4, duration: TimeSpan.FromSeconds(20), uncachedOnly: true);

        await Task.Delay(TimeSpan.FromSeconds(3));
        var killedAt = load.Now;
        await app.KillAsync(victim);
        await running;

        var failures = load.Samples.Where(s => s.Failed).ToList();
        var late = failures.Where(s => s.StartedAt > killedAt + TimeSpan.FromSeconds(1)).ToList();
        var rate = (double)failures.Count / load.Samples.Count;
        output.WriteLine($"{load.Samples.Count} uncached rankings in 20 s with 4 clients; replica killed at {killedAt.TotalSeconds:0.0}s; failed {failures.Count} ({rate:P2}), after the first second {late.Count}; p99 {Percentile(load.Samples, 0.99):0} ms");
        Assert.True(rate <= 0.01, $"{failures.Count} of {load.Samples.Count} failed:\n{string.Join("\n", failures.Take(20))}");
        Assert.True(late.Count == 0, string.Join("\n", late.Take(20)));
    }

    // Behind Aspire's local proxy a dead replica's connection is accepted and then held without an answer,
    // so only the gateway's own probes (Gateway/Recommendations/RecommenderLiveness.cs) can tell "none is up".
    [Fact]
    public async Task EveryRecommenderKilledAnswers503WithinTwoSecondsWhileReadsStillAnswerAndRecoversWithin10s()
    {
        var practiceId = await PracticeIdAsync();
        using (var warm = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = Loneliness, limit = 4 }))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var replicas = app.Instances("recommender");
        var down = new List<string>();
        try
        {
            foreach (var replica in replicas)
            {
                down.Add(replica);
                await app.KillAsync(replica);
            }

            var stopwatch = Stopwatch.StartNew();
            using (var unavailable = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"nobody ranks this {Guid.NewGuid():N}" }))
            {
                var took = stopwatch.Elapsed;
                output.WriteLine($"every recommender down: the first uncached ranking answered {(int)unavailable.StatusCode} in {took.TotalMilliseconds:0} ms, Retry-After {unavailable.Headers.RetryAfter}");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
                Assert.Equal("application/problem+json", unavailable.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(unavailable.Headers.RetryAfter);
                Assert.True(took < TimeSpan.FromSeconds(2), $"503 took {took.TotalMilliseconds:0} ms");
            }

            // Everything the gateway can answer without a recommender still answers.
            foreach (var read in new[] { $"/api/v1/practices/{practiceId}", "/api/v1/councils?query=corn", "/api/v1/councils/CON", "/api/v1/councils/CON/similar?limit=3" })
            {
                using var response = await app.Gateway.GetAsync(read);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{read}: {(int)response.StatusCode}");
            }

            using (var cached = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = Loneliness, limit = 4 }))
            {
                Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            }

            // Once the gateway knows none answers, it does not even try: the next 503 is immediate.
            stopwatch.Restart();
            using (var again = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"nobody ranks this either {Guid.NewGuid():N}" }))
            {
                output.WriteLine($"the next uncached ranking: {(int)again.StatusCode} in {stopwatch.Elapsed.TotalMilliseconds:0} ms");
                Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
                Assert.NotNull(again.Headers.RetryAfter);
            }

            using (var health = await app.Gateway.GetAsync("/health"))
            {
                using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
                Assert.Equal("Degraded", report.RootElement.GetProperty("status").GetString());
                Assert.Equal("Degraded", report.RootElement.GetProperty("entries").GetProperty("recommender").GetProperty("status").GetString());
            }

            down.Remove(replicas[0]);
            stopwatch.Restart();
            await app.StartAsync(replicas[0]);
            await app.WaitHealthyAsync(replicas[0], TimeSpan.FromMinutes(1));
            var started = stopwatch.Elapsed;
            var recovered = await MeasureUntilAsync(TimeSpan.FromSeconds(20), async () =>
            {
                using var response = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"ranked again {Guid.NewGuid():N}" });
                return response.StatusCode == HttpStatusCode.OK;
            });
            output.WriteLine($"a replica started: healthy after {started.TotalSeconds:0.0}s, rankings answer 200 {recovered.TotalSeconds:0.0}s after that");
            Assert.True(recovered <= TimeSpan.FromSeconds(10), $"back to 200 only {recovered.TotalSeconds:0.0}s after a replica returned");
        }
        finally
        {
            // Bring back every replica this test killed, so the tests after it start with the whole app.
            foreach (var replica in down)
            {
                await app.StartAsync(replica);
            }

            foreach (var replica in replicas)
            {
                await app.WaitHealthyAsync(replica, TimeSpan.FromMinutes(2));
            }
        }
    }

    private async Task<string> PracticeIdAsync()
    {
        using var response = await app.Gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "rough sleeping", limit = 1 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString()!;
    }

    /// <summary>Time until <paramref name="condition"/> first holds, polled every 200 ms; fails after <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan> MeasureUntilAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit)
        {
            try
            {
                if (await condition())
                {
                    return stopwatch.Elapsed;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or RedisException or TimeoutException)
            {
                // Not yet: keep polling until the limit.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"condition not met within {limit.TotalSeconds:0} s");
        return limit;
    }

    private static async Task<long> CachedRankingsAsync(ConnectionMultiplexer redis)
    {
        var server = redis.GetServers().Single();
        var count = 0L;
        await foreach (var _ in server.KeysAsync(pattern: "rec:cache:*", pageSize: 1000))
        {
            count++;
        }

        return count;
    }

    private static double Percentile(IReadOnlyCollection<LoadSample> samples, double p)
    {
        var sorted = samples.Select(s => s.Elapsed.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }

    /// <summary>What must survive a Redis restart: practices, index versions (with their data), councils.</summary>
    private sealed record Stored(long Practices, long PracticeBodies, long Versions, long VersionData, string? Current, long Councils)
    {
        public static async Task<Stored> ReadAsync(IDatabase db)
        {
            var ids = await db.SetMembersAsync(StoreKeys.PracticeIds);
            var bodies = 0L;
            foreach (var id in ids)
            {
                bodies += await db.KeyExistsAsync(StoreKeys.Practice(id!)) ? 1 : 0;
            }

            var versions = await db.SortedSetRangeByRankAsync(StoreKeys.IndexVersions);
            var versionData = 0L;
            foreach (var version in versions)
            {
                versionData += await db.KeyExistsAsync(StoreKeys.Index(version!)) ? 1 : 0;
            }

            return new Stored(ids.Length, bodies, versions.Length, versionData, await db.StringGetAsync(StoreKeys.CurrentIndexVersion), await db.HashLengthAsync(StoreKeys.Councils));
        }
    }
}
