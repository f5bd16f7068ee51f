namespace Recommend.EndToEnd.Tests;

/// <summary>The resource graph as the AppHost declares it, checked without starting anything.</summary>
public sealed class AppHostModelTests
{
    private static async Task<IDistributedApplicationTestingBuilder> BuildModelAsync(params string[] args) =>
        await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(["--headless", "--Recommend:RedisMode=local", .. args]);

    [Fact]
    public async Task GraphHasCacheIngestRecommenderAndGateway()
    {
        await using var builder = await BuildModelAsync();
        var names = builder.Resources.Select(r => r.Name).ToHashSet();

        Assert.Superset(new HashSet<string> { "cache", "ingest", "recommender", "gateway" }, names);
    }

    [Fact]
    public async Task LocalRedisRunsWithAppendOnlyPersistenceOnLoopback()
    {
        await using var builder = await BuildModelAsync();
        var cache = Assert.IsAssignableFrom<ExecutableResource>(builder.Resources.Single(r => r.Name == "cache"));
        var collected = new List<object>();
        foreach (var callback in cache.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(new CommandLineArgsCallbackContext(collected));
        }

        var args = collected.OfType<string>().ToList();

        Assert.Equal("redis-server", cache.Command);
        Assert.Contains("--appendonly", args);
        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        Assert.Equal("127.0.0.1", args[args.IndexOf("--bind") + 1]);
    }

    [Fact]
    public async Task GatewayHasTheDocumentedStablePortAndIsTheOnlyExternalEndpoint()
    {
        await using var builder = await BuildModelAsync();
        var gateway = builder.Resources.Single(r => r.Name == "gateway");
        var endpoint = gateway.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");

        Assert.Equal(5080, endpoint.Port);
        Assert.True(endpoint.IsExternal);
        Assert.All(
            builder.Resources.Where(r => r.Name is "ingest" or "recommender").SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()),
            e => Assert.False(e.IsExternal));
    }

    [Fact]
    public async Task EveryServiceWaitsForTheCacheItUses()
    {
        await using var builder = await BuildModelAsync();
        foreach (var name in new[] { "ingest", "recommender", "gateway" })
        {
            var waits = builder.Resources.Single(r => r.Name == name).Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name);
            Assert.Contains("cache", waits);
        }
    }

    [Theory]
    [InlineData(new string[0], 2)]
    [InlineData(new[] { "--Recommend:RecommenderReplicas=3" }, 3)]
    public async Task RecommenderRunsTwoReplicasUnlessConfiguredOtherwise(string[] args, int replicas)
    {
        await using var builder = await BuildModelAsync(args);
        var recommender = builder.Resources.Single(r => r.Name == "recommender");

        Assert.Equal(replicas, recommender.Annotations.OfType<ReplicaAnnotation>().Single().Replicas);
    }

    [Fact]
    public async Task GatewayHealthOnTheDashboardComesFromItsReadinessReport()
    {
        await using var builder = await BuildModelAsync();
        var gateway = builder.Resources.Single(r => r.Name == "gateway");

        Assert.Contains(gateway.Annotations.OfType<HealthCheckAnnotation>(), h => h.Key == "gateway_readiness_report");
    }
}
