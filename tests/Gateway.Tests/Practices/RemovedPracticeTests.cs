using System.Net;
using System.Text.Json;
using Recommend.Ingest.Models;
using Recommend.Ingest.Publishing;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Gateway.Tests.Practices;

/// <summary>
/// A catalogue republished without a practice: the gateway's practice reads (one practice, browse)
/// show exactly the current version's practices, a rollback brings the practice back, and pruning
/// deletes a practice's document only once no retained version lists it. Real redis-server, real publisher.
/// </summary>
public sealed class RemovedPracticeTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static IReadOnlyList<Practice> Seed => SeedData.Practices;

    private static Practice Removed => Seed[0];

    private static IReadOnlyList<Practice> WithoutIt => [.. Seed.Skip(1)];

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task RepublishedWithoutAPracticeTheGatewayAnswers404AndBrowseLeavesItOutUntilARollbackBringsItBack()
    {
        var full = (await TestPublishing.PublishAsync(redis.Connection, Seed)).Version;
        await using var gateway = new GatewayFactory(redis.ConnectionString);
        var client = gateway.CreateClient();
        await gateway.WaitForIndexVersionAsync(full);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Removed.Id));
        Assert.Contains(Removed.Id, await BrowsedIdsAsync(client, full));

        var smaller = (await TestPublishing.PublishAsync(redis.Connection, WithoutIt)).Version;
        await gateway.WaitForIndexVersionAsync(smaller);

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Removed.Id));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Seed[1].Id));
        var browsed = await BrowsedIdsAsync(client, smaller);
        Assert.DoesNotContain(Removed.Id, browsed);
        Assert.Equal(WithoutIt.Count, browsed.Count);

        Assert.True(await new ModelRegistry(redis.Connection).MakeCurrentAsync(full));
        await gateway.WaitForIndexVersionAsync(full);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Removed.Id));
        Assert.Contains(Removed.Id, await BrowsedIdsAsync(client, full));
    }

    [Fact]
    public async Task PruningDeletesAPracticeDocumentOnlyWhenNoRetainedVersionListsIt()
    {
        var db = redis.Connection.GetDatabase();
        var registry = new ModelRegistry(redis.Connection);
        // Three whole versions retained after each publish, so the prune below is the one that deletes.
        var publisher = TestPublishing.CreatePublisher(redis.Connection, new IndexVersionOptions { RetainBases = 3 });
        var full = (await publisher.PublishAsync(Seed, "test", CancellationToken.None)).Version;
        var smaller = (await publisher.PublishAsync(WithoutIt, "test", CancellationToken.None)).Version;
        var smallest = (await publisher.PublishAsync([.. WithoutIt.Skip(1)], "test", CancellationToken.None)).Version;

        // Keeping one: the current version (smallest) and the rollback target (smaller) stay, full goes.
        // Seed[1] is in full and smaller only: smaller still lists it, so its document stays.
        Assert.Equal([full], await registry.PruneAsync(keep: 1));

        Assert.False(await db.KeyExistsAsync(StoreKeys.Practice(Removed.Id)));
        Assert.False(await db.SetContainsAsync(StoreKeys.PracticeIds, Removed.Id));
        Assert.False(await db.KeyExistsAsync(StoreKeys.IndexPracticeIds(full)));
        Assert.True(await db.KeyExistsAsync(StoreKeys.Practice(Seed[1].Id)));
        Assert.True(await db.SetContainsAsync(StoreKeys.IndexPracticeIds(smaller), Seed[1].Id));
        Assert.Equal(WithoutIt.Count, await db.SetLengthAsync(StoreKeys.PracticeIds));

        // Rolled back to smaller, Seed[1] is served again from its kept document.
        Assert.True(await registry.MakeCurrentAsync(smaller));
        await using var gateway = new GatewayFactory(redis.ConnectionString);
        var client = gateway.CreateClient();
        await gateway.WaitForIndexVersionAsync(smaller);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, Seed[1].Id));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(client, Removed.Id));
        Assert.Equal(new[] { smaller, smallest }.Order(StringComparer.Ordinal), (await registry.ListAsync()).Select(m => m.Version).Order(StringComparer.Ordinal));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/practices/{id}");
        return response.StatusCode;
    }

    /// <summary>
    /// Every id browse lists for <paramref name="version"/>. The browse catalogue reloads in the
    /// background after a version change (the previous one answers meanwhile), so wait for this one;
    /// every page must come from it, since the switch can fall between two pages.
    /// </summary>
    private static async Task<List<string>> BrowsedIdsAsync(HttpClient client, string version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ids = new List<string>();
            var total = int.MaxValue;
            var served = new HashSet<string?>();
            for (var offset = 0; offset < total; offset += 100)
            {
                using var response = await client.GetAsync($"/api/v1/practices?limit=100&offset={offset}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                served.Add(page.RootElement.GetProperty("index_version").GetString());
                total = page.RootElement.GetProperty("total").GetInt32();
                ids.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            }

            if (served.SetEquals([version]))
            {
                return ids;
            }

            Assert.True(DateTime.UtcNow < deadline, $"browse still serves {string.Join(" and ", served)}, not only {version}");
            await Task.Delay(50);
        }
    }
}
