using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Gateway.Caching;
using Recommend.Gateway.Recommendations;
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
    private int _recommendationCalls;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        (_recommender, _version) = await RecommenderFactory.StartOnSeedAsync(redis);
        _gateway = new WebApplicationFactory<RecommenderClient>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:cache", redis.ConnectionString);
            builder.UseSetting("Recommend:RecommenderUrl", "http://recommender.test");
            builder.ConfigureTestServices(services =>
            {
                GatewayFactory.UseInProcessRecommender(services, _recommender);
                // Counts what reaches the recommender, so "answered by the gateway" means no call was made.
                services.AddHttpClient<RecommenderClient>().AddHttpMessageHandler(() => new CallCounter(() => Interlocked.Increment(ref _recommendationCalls)));
            });
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

        using var firstResponse = await client.PostAsJsonAsync("/api/v1/recommendations", request);
        var firstBytes = await firstResponse.Content.ReadAsByteArrayAsync();
        // At least one call (a slow first attempt may have been retried, each attempt counted).
        var callsForFirst = Volatile.Read(ref _recommendationCalls);
        Assert.True(callsForFirst >= 1);

        using var secondResponse = await client.PostAsJsonAsync("/api/v1/recommendations", new { council = "man", challenge = "Young people  not in education or work" });
        var secondBytes = await secondResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(callsForFirst, Volatile.Read(ref _recommendationCalls));

        // The recommender's bytes, served as they were stored: only the flag differs.
        var first = Encoding.UTF8.GetString(firstBytes);
        Assert.Contains("\"cached\":false", first);
        Assert.Equal(first.Replace("\"cached\":false", "\"cached\":true"), Encoding.UTF8.GetString(secondBytes));
        Assert.Equal("application/json; charset=utf-8", secondResponse.Content.Headers.ContentType?.ToString());

        var newVersion = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices.Skip(3).ToList())).Version;
        await _recommender.WaitForVersionAsync(newVersion);
        await WaitForGatewayVersionAsync(newVersion);

        var afterPublish = await RecommenderFactory.ReadAsync(await client.PostAsJsonAsync("/api/v1/recommendations", request));
        Assert.True(Volatile.Read(ref _recommendationCalls) > callsForFirst);
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

    private sealed class CallCounter(Action count) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri?.AbsolutePath == "/api/v1/recommendations")
            {
                count();
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
