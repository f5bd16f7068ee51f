using System.Net;
using System.Text.Json;
using Recommend.Core.Storage;
using Recommend.Tests.Infrastructure;

namespace Recommend.Tests.Services;

public sealed class RecommenderCachingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _factory = null!;
    private string _version = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _version = (await TestPublishing.PublishAsync(redis.Connection, TestPublishing.SeedPractices)).Version;
        _factory = new RecommenderFactory(redis.ConnectionString);
        _ = _factory.CreateClient();
        await _factory.WaitForVersionAsync(_version);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task SecondIdenticalRequestIsServedFromTheRedisCacheUnderTheIndexVersion()
    {
        var client = _factory.CreateClient();
        var first = await ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "rough sleeping in the city centre" }));
        var second = await ReadAsync(await RecommenderFactory.AskAsync(client, new { challenge = "  Rough SLEEPING in the city   centre", limit = 10 }));

        Assert.False(first.GetProperty("cached").GetBoolean());
        Assert.True(second.GetProperty("cached").GetBoolean());
        Assert.Equal(first.GetProperty("results").GetRawText(), second.GetProperty("results").GetRawText());

        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        var keys = server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")).ToList();
        Assert.Single(keys);
        var ttl = await redis.Connection.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task ANewIndexVersionNeverServesTheOldVersionsRanking()
    {
        var client = _factory.CreateClient();
        var request = new { challenge = "school attendance", limit = 3 };
        var before = await ReadAsync(await RecommenderFactory.AskAsync(client, request));
        var removed = before.GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString();

        var newVersion = (await TestPublishing.PublishAsync(redis.Connection, TestPublishing.SeedPractices.Where(p => p.Id != removed).ToList())).Version;
        await _factory.WaitForVersionAsync(newVersion);
        var after = await ReadAsync(await RecommenderFactory.AskAsync(client, request));

        Assert.False(after.GetProperty("cached").GetBoolean());
        Assert.Equal(newVersion, after.GetProperty("index_version").GetString());
        Assert.DoesNotContain(after.GetProperty("results").EnumerateArray(), r => r.GetProperty("practice").GetProperty("id").GetString() == removed);
    }

    [Fact]
    public async Task ConcurrentIdenticalRequestsAllGetTheSameRanking()
    {
        var client = _factory.CreateClient();
        var request = new { challenge = "fly tipping enforcement " + Guid.NewGuid().ToString("N")[..6] };
        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ => await ReadAsync(await RecommenderFactory.AskAsync(client, request))));

        Assert.Single(responses.Select(r => r.GetProperty("results").GetRawText()).Distinct());
        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        Assert.Single(server.Keys(pattern: StoreKeys.CachedRanking(_version, "*")));
    }

    [Fact]
    public async Task UnknownPracticeIdAnswersNotFoundProblem()
    {
        using var response = await _factory.CreateClient().GetAsync("/api/v1/practices/no-such-practice");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }
}
