using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Contracts.Storage;
using Xunit.Abstractions;

namespace Recommend.EndToEnd.Tests;

/// <summary>
/// The learning loop through the whole app, on every recommender replica: each replica is asked
/// directly at its own address (not through the gateway's balancing, which could hide a replica
/// that lags), and the researcher's commands run as the README shows them against the app's Redis
/// while the gateway keeps answering.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LearningLoopEndToEndTests(AppFixture fixture, ITestOutputHelper output)
{
    /// <summary>Issue 9: a submitted practice is recommendable within 5 s on every replica.</summary>
    private static readonly TimeSpan Goal = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SubmittedPracticeIsRecommendableOnEveryReplicaWithinFiveSeconds()
    {
        var replicas = await ReplicasAsync();
        var id = "tide-pool-science-club-" + Guid.NewGuid().ToString("N")[..6];
        var practice = $$"""
        {
          "id": "{{id}}",
          "title": "Tide pool science clubs run by coastal rangers for primary pupils",
          "summary": "Rangers run after-school tide pool science clubs where primary pupils survey rock pools and record what lives there.",
          "description": "A coastal council's rangers run weekly after-school science clubs on the shore. Primary pupils survey tide pools, identify crabs, anemones and seaweeds, record counts for a shared citizen science map and present what they found to their school. Places are free and schools in the most deprived wards are invited first.",
          "source": "Submitted by a council",
          "source_url": "https://example.org/tide-pool-clubs",
          "source_url_kind": "specific",
          "practice_type": "intervention",
          "service_areas": ["education"],
          "outcomes": ["attainment", "wellbeing"],
          "evidence": {"level": 1, "effect_direction": "unknown"},
          "cost": {"band": 1},
          "audiences": ["manager"]
        }
        """;

        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/practices") { Content = new StringContent(practice, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Api-Key", AppFixture.ApiKey);
        using var submitted = await fixture.Gateway.SendAsync(request);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());

        var times = await Task.WhenAll(replicas.Select(async replica =>
        {
            using var client = new HttpClient { BaseAddress = replica.Url, Timeout = TimeSpan.FromSeconds(30) };
            while (clock.Elapsed < GiveUpAfter)
            {
                using var response = await client.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "tide pool science clubs for primary pupils", limit = 5 });
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (body.RootElement.GetProperty("results").EnumerateArray().Any(r => r.GetProperty("practice").GetProperty("id").GetString() == id))
                    {
                        return (replica.Instance, Elapsed: clock.Elapsed);
                    }
                }

                await Task.Delay(50);
            }

            return (replica.Instance, Elapsed: TimeSpan.MaxValue);
        }));

        foreach (var (instance, elapsed) in times)
        {
            output.WriteLine($"submit -> recommendable on {instance} (asked directly): {(elapsed == TimeSpan.MaxValue ? "never within 60 s" : $"{elapsed.TotalMilliseconds:0} ms")}");
        }

        Assert.All(times, t => Assert.True(t.Elapsed <= Goal, $"{t.Instance}: {t.Elapsed.TotalMilliseconds:0} ms, over the {Goal.TotalSeconds:0} s goal"));
    }

    [Fact]
    public async Task TheResearchersPathFromTheReadmeRunsAgainstTheRunningAppWhileItKeepsServing()
    {
        var replicas = await ReplicasAsync();
        var redis = (await fixture.App.GetConnectionStringAsync("cache"))!;
        var db = fixture.Redis.GetDatabase();
        using var temp = new TempDirectory();
        using var load = new GatewayLoad(fixture.Gateway);

        // Import a catalogue (our own two records) onto the ingest stream.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var description = "A district council paired volunteer drivers with residents who had stopped going out, and kept a log of every trip and what it made possible. ";
        var csv = Path.Combine(temp.Path, "cases.csv");
        await File.WriteAllTextAsync(csv,
            "id,name,description,url,primary_sector,type\n" +
            $"{suffix}1,Volunteer driver scheme for housebound residents,\"{description}{description}\",https://example.org/drivers,Health,Prediction and planning\n" +
            $"{suffix}2,Shared minibus for village lunch clubs,\"{description}{description}\",https://example.org/minibus,Health,Prediction and planning\n");
        var import = await IngestCommand.RunAsync(redis, "import-practices", "--file", csv, "--format", "csv", "--source-name", "Researcher Test Catalogue", "--id-prefix", "rt",
            "--map", "id=id,title=name,description=description,url=url,sector=primary_sector,outcome=type", "--publish");
        Assert.True(import.Exit == 0, import.Text);
        var imported = $"rt-{suffix}1";
        await WaitAsync(async () => await db.SetContainsAsync(StoreKeys.PracticeIds, imported), $"{imported} stored by ingest");
        var before = (string)(await db.StringGetAsync(StoreKeys.CurrentIndexVersion))!;

        // Retrain with the shipped judgments, publish when not worse, read the report.
        var list = await IngestCommand.RunAsync(redis, "models", "list");
        Assert.True(list.Exit == 0, list.Text);
        var report = Path.Combine(temp.Path, "report");
        var retrain = await IngestCommand.RunAsync(redis, "retrain", "--judgments", Path.Combine(RepoRoot, "data", "judgments"), "--publish", "--report", report);
        output.WriteLine(retrain.Text);
        Assert.True(retrain.Exit == 0, retrain.Text);
        Assert.Contains("published (now current)", retrain.Text, StringComparison.Ordinal);
        var markdown = await File.ReadAllTextAsync(Path.Combine(report, "report.md"));
        Assert.Contains("## Decision", markdown, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(report, "ndcg-by-area.png")));
        var learned = (string)(await db.StringGetAsync(StoreKeys.CurrentIndexVersion))!;
        Assert.NotEqual(before, learned);
        await EveryReplicaServesAsync(replicas, learned, "learned", "retrain --publish");

        // Roll back while the app serves, then publish the learned version again.
        var rollback = await IngestCommand.RunAsync(redis, "models", "rollback");
        Assert.True(rollback.Exit == 0, rollback.Text);
        Assert.Equal(before, (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        await EveryReplicaServesAsync(replicas, before, null, "models rollback");

        var publish = await IngestCommand.RunAsync(redis, "models", "publish", learned);
        Assert.True(publish.Exit == 0, publish.Text);
        await EveryReplicaServesAsync(replicas, learned, "learned", "models publish");

        var (answered, failed) = await load.StopAsync();
        output.WriteLine($"gateway during the researcher's path: {answered} recommendation requests answered 200, {failed.Count} not ({string.Join(", ", failed.Take(5))})");
        Assert.True(answered > 0, "no request was answered during the researcher's path");
        Assert.Empty(failed);
    }

    /// <summary>Asks each replica directly until it answers with the version (and ranker), and reports how long that took.</summary>
    private async Task EveryReplicaServesAsync(IReadOnlyList<Replica> replicas, string version, string? ranker, string after)
    {
        var clock = Stopwatch.StartNew();
        foreach (var replica in replicas)
        {
            using var client = new HttpClient { BaseAddress = replica.Url, Timeout = TimeSpan.FromSeconds(30) };
            string? serving = null;
            string? servedRanker = null;
            while (serving != version && clock.Elapsed < GiveUpAfter)
            {
                using var response = await client.PostAsJsonAsync("/api/v1/recommendations", new { challenge = "older residents who no longer go out", limit = 3 });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                serving = body.RootElement.GetProperty("index_version").GetString();
                servedRanker = body.RootElement.TryGetProperty("ranker", out var r) ? r.GetString() : null;
                if (serving != version)
                {
                    await Task.Delay(50);
                }
            }

            Assert.True(serving == version, $"{replica.Instance} still serves {serving} {GiveUpAfter.TotalSeconds:0} s after {after}, not {version}");
            if (ranker is not null)
            {
                Assert.Equal(ranker, servedRanker);
            }

            output.WriteLine($"{after}: {replica.Instance} serves {version} (ranker {servedRanker}) {clock.Elapsed.TotalMilliseconds:0} ms after the command returned");
        }
    }

    /// <summary>
    /// Each recommender replica's own address, from its process environment as Aspire started it
    /// (ASPNETCORE_URLS or HTTP_PORTS), never the shared proxied one.
    /// </summary>
    private async Task<IReadOnlyList<Replica>> ReplicasAsync()
    {
        var model = fixture.App.Services.GetRequiredService<DistributedApplicationModel>();
        var expected = model.Resources.Single(r => r.Name == "recommender").Annotations.OfType<ReplicaAnnotation>().Single().Replicas;
        Assert.True(expected >= 2, $"the AppHost runs {expected} recommender replica(s); this test is about several");
        var proxied = fixture.App.GetEndpoint("recommender", "http");

        var found = new Dictionary<string, Uri>(StringComparer.Ordinal);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await foreach (var change in fixture.App.ResourceNotifications.WatchAsync(stop.Token))
            {
                if (change.Resource.Name == "recommender" && change.ResourceId != "recommender"
                    && change.Snapshot.State?.Text == KnownResourceStates.Running && OwnAddress(change.Snapshot) is { } url)
                {
                    found[change.ResourceId] = url;
                }

                if (found.Count == expected)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported below with what was found.
        }

        Assert.True(found.Count == expected, $"found the own address of {found.Count} of {expected} replicas: {string.Join(", ", found.Select(f => $"{f.Key}={f.Value}"))}");
        Assert.Equal(expected, found.Values.Distinct().Count());
        Assert.DoesNotContain(found.Values, u => u.Port == proxied.Port);
        output.WriteLine($"replicas: {string.Join(", ", found.Select(f => $"{f.Key} at {f.Value}"))} (proxied address {proxied})");
        return [.. found.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new Replica(f.Key, f.Value))];
    }

    private static Uri? OwnAddress(CustomResourceSnapshot snapshot)
    {
        var urls = snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value;
        if (urls?.Split(';').FirstOrDefault(u => u.StartsWith("http://", StringComparison.Ordinal)) is { } http && Uri.TryCreate(http.Replace("+", "localhost", StringComparison.Ordinal).Replace("*", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var fromUrls))
        {
            return fromUrls;
        }

        var port = snapshot.EnvironmentVariables.FirstOrDefault(v => v.Name == "HTTP_PORTS")?.Value;
        return int.TryParse(port?.Split(';')[0], out var number) ? new Uri($"http://localhost:{number}") : null;
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < GiveUpAfter, $"not within {GiveUpAfter.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }

    private static string RepoRoot => IngestCommand.RepoRoot;

    private sealed record Replica(string Instance, Uri Url);

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("recommend-researcher-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Recommendation requests through the gateway, one after another, until stopped: each must answer 200.</summary>
    private sealed class GatewayLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<string> _failed = new();
        private readonly Task<int> _running;

        public GatewayLoad(HttpClient gateway) => _running = RunAsync(gateway);

        private async Task<int> RunAsync(HttpClient gateway)
        {
            string[] challenges = ["rough sleeping in the town centre", "older residents who feel lonely", "pupils missing school", "damp and mould in rented homes"];
            var answered = 0;
            for (var i = 0; !_stop.IsCancellationRequested; i++)
            {
                try
                {
                    // A new request each time (the counter), so the gateway's and replicas' caches do not answer for the replicas.
                    using var response = await gateway.PostAsJsonAsync("/api/v1/recommendations", new { challenge = $"{challenges[i % challenges.Length]} {i}", limit = 5 });
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        answered++;
                    }
                    else
                    {
                        _failed.Enqueue($"{(int)response.StatusCode} at request {i}");
                    }

                    await Task.Delay(100, _stop.Token);
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException ex)
                {
                    _failed.Enqueue($"{ex.Message} at request {i}");
                }
            }

            return answered;
        }

        public async Task<(int Answered, IReadOnlyList<string> Failed)> StopAsync()
        {
            await _stop.CancelAsync();
            return (await _running, [.. _failed]);
        }

        public void Dispose() => _stop.Dispose();
    }
}
