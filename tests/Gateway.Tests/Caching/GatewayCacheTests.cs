using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;
using Recommend.ServiceDefaults.Councils;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Caching;

/// <summary>Gateway and recommender in process on one real redis-server: the two cache levels and a version change.</summary>
public sealed class GatewayCacheTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _recommender = null!;
    private WebApplicationFactory<RecommenderClient> _gateway = null!;
    private string _version = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        _version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        _recommender = new RecommenderFactory(redis.ConnectionString);
        _ = _recommender.CreateClient();
        await _recommender.WaitForVersionAsync(_version);
        var councils = (CouncilRegistry)_recommender.Services.GetService(typeof(CouncilRegistry))!;
        await TestCouncils.WaitUntilAsync(() => councils.IsLoaded, TimeSpan.FromSeconds(30), "the recommender reading the councils");
        _gateway = new WebApplicationFactory<RecommenderClient>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
            builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
            builder.ConfigureTestServices(services => GatewayFactory.UseInProcessRecommender(services, _recommender));
        });
        await WaitForGatewayVersionAsync(_version);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _recommender.DisposeAsync();
    }

    [Fact]
    public async Task RepeatedRequestIsAnsweredByTheGatewayAndANewVersionIsAMiss()
    {
        var client = _gateway.CreateClient();
        var request = new { challenge = "young people not in education or work", council = "MAN" };

        var first = await RecommenderFactory.ReadAsync(await client.PostAsJsonAsync("/api/v1/recommendations", request));
        var second = await RecommenderFactory.ReadAsync(await client.PostAsJsonAsync("/api/v1/recommendations", new { council = "man", challenge = "Young people  not in education or work" }));
        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
        static IEnumerable<string> Ranking(System.Text.Json.JsonElement body) => body.GetProperty("results").EnumerateArray()
            .Select(r => $"{r.GetProperty("practice").GetProperty("id").GetString()}={r.GetProperty("score").GetDouble()}:{r.GetProperty("explanation").GetProperty("text").GetString()}");
        Assert.Equal(Ranking(first), Ranking(second));

        var newVersion = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices.Skip(3).ToList())).Version;
        await _recommender.WaitForVersionAsync(newVersion);
        await WaitForGatewayVersionAsync(newVersion);

        var afterPublish = await RecommenderFactory.ReadAsync(await client.PostAsJsonAsync("/api/v1/recommendations", request));
        Assert.False(afterPublish.GetProperty("cached").GetBoolean());
        Assert.Equal(newVersion, afterPublish.GetProperty("index_version").GetString());
    }

    private async Task WaitForGatewayVersionAsync(string version)
    {
        var watcher = _gateway.Services.GetRequiredService<IndexVersionWatcher>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (watcher.Current != version)
        {
            Assert.True(DateTime.UtcNow < deadline, $"gateway still on {watcher.Current ?? "no version"}");
            await Task.Delay(50);
        }
    }
}
