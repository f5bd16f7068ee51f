using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Recommend.Recommender.Admission;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Metrics;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Recommender.Tests.Admission;

/// <summary>
/// One ranking at a time and one waiting: the test holds the only slot itself, so which request
/// waits and which is refused does not depend on how fast anything runs.
/// </summary>
public sealed class RankingAdmissionTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RecommenderFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        var version = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        _factory = new RecommenderFactory(redis.ConnectionString, new Dictionary<string, string>
        {
            [$"{RankingAdmissionOptions.Section}:ConcurrentRankings"] = "1",
            [$"{RankingAdmissionOptions.Section}:QueueLimit"] = "1",
            [$"{RankingAdmissionOptions.Section}:RetryAfter"] = "00:00:03",
        });
        _ = _factory.CreateClient();
        await _factory.WaitForVersionAsync(version);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WithEverySlotAndTheQueueTakenARankingIs503WithRetryAfterWhileHealthAndCachedAnswersStillAnswer()
    {
        var client = _factory.CreateClient();
        var admission = _factory.Services.GetRequiredService<RankingAdmission>();
        var cachedRequest = new { challenge = "rough sleeping in the city centre" };
        await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, cachedRequest));

        var slot = await admission.EnterAsync(CancellationToken.None);
        Task<HttpResponseMessage> waiting;
        using (slot)
        {
            waiting = RecommenderFactory.AskAsync(client, new { challenge = "school attendance " + Guid.NewGuid().ToString("N")[..6] });
            await TestCouncils.WaitUntilAsync(() => admission.Waiting == 1, TimeSpan.FromSeconds(30), "the first ranking to wait for the slot");

            using var refused = await RecommenderFactory.AskAsync(client, new { challenge = "potholes " + Guid.NewGuid().ToString("N")[..6] });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
            var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("The recommender is busy", problem.GetProperty("title").GetString());

            // Readiness and cached rankings do not queue behind rankings.
            using var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var cached = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, cachedRequest));
            Assert.True(cached.GetProperty("cached").GetBoolean());

            Assert.False(waiting.IsCompleted);
        }

        // The slot is free: the waiting ranking runs, and nothing of the refusal was cached.
        var answered = await RecommenderFactory.ReadAsync(await waiting);
        Assert.False(answered.GetProperty("cached").GetBoolean());
        Assert.Equal(0, admission.Waiting);
    }

    [Fact]
    public async Task ARefusedRankingIsCountedAndARetryRanksIt()
    {
        var client = _factory.CreateClient();
        var admission = _factory.Services.GetRequiredService<RankingAdmission>();
        using var refusals = new HostCounter(_factory.Services.GetRequiredService<IMeterFactory>(), "recommend.ranking.refused");
        var request = new { challenge = "loneliness in villages " + Guid.NewGuid().ToString("N")[..6] };

        Task<HttpResponseMessage> waiting;
        using (await admission.EnterAsync(CancellationToken.None))
        {
            waiting = RecommenderFactory.AskAsync(client, new { challenge = "school meals " + Guid.NewGuid().ToString("N")[..6] });
            await TestCouncils.WaitUntilAsync(() => admission.Waiting == 1, TimeSpan.FromSeconds(30), "the first ranking to wait for the slot");
            using var refused = await RecommenderFactory.AskAsync(client, request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        (await waiting).Dispose();
        var retried = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));
        Assert.False(retried.GetProperty("cached").GetBoolean());
        Assert.Equal(1, refusals.Count);
    }
}
