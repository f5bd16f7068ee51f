using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Ingest.Tests.Publishing;

public sealed class IndexPublisherTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PublishingTheSeedCatalogueWritesEveryPracticeAndMakesTheVersionCurrent()
    {
        var practices = SeedData.Practices;
        var outcome = await TestPublishing.PublishAsync(redis.Connection, practices);

        var db = redis.Connection.GetDatabase();
        Assert.True(outcome.Built);
        Assert.Equal(outcome.Version, (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.Equal(practices.Count, await db.SetLengthAsync(StoreKeys.PracticeIds));
        Assert.True(await db.KeyExistsAsync(StoreKeys.Practice(practices[0].Id)));

        var parts = (await db.HashGetAllAsync(StoreKeys.Index(outcome.Version))).ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!);
        var index = PracticeIndex.Deserialise(parts, embedder: null);
        Assert.Equal(practices.Count, index.Practices.Count);
    }

    [Fact]
    public async Task PublishingTheSameCatalogueAgainDuplicatesNothing()
    {
        var practices = SeedData.Practices;
        var first = await TestPublishing.PublishAsync(redis.Connection, practices);
        var keysAfterFirst = await CountKeysAsync();

        var second = await TestPublishing.PublishAsync(redis.Connection, practices);

        Assert.Equal(first.Version, second.Version);
        Assert.False(second.Built);
        Assert.Equal(keysAfterFirst, await CountKeysAsync());
        Assert.Equal(1, await redis.Connection.GetDatabase().SortedSetLengthAsync(StoreKeys.IndexVersions));
    }

    [Fact]
    public async Task ChangedCatalogueGetsANewVersionAndKeepsTheOldOneForRollback()
    {
        var practices = SeedData.Practices;
        var first = await TestPublishing.PublishAsync(redis.Connection, practices);
        var second = await TestPublishing.PublishAsync(redis.Connection, practices.Skip(1).ToList());

        Assert.NotEqual(first.Version, second.Version);
        var db = redis.Connection.GetDatabase();
        Assert.Equal(second.Version, (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.True(await db.KeyExistsAsync(StoreKeys.Index(first.Version)));
    }

    [Fact]
    public async Task WorkersPublishingTheSameCatalogueTogetherBuildItOnce()
    {
        var practices = SeedData.Practices;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => TestPublishing.PublishAsync(redis.Connection, practices))));

        Assert.Single(outcomes.Select(o => o.Version).Distinct());
        Assert.Single(outcomes, o => o.Built);
        Assert.Equal(outcomes[0].Version, (string?)await redis.Connection.GetDatabase().StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.False(await redis.Connection.GetDatabase().KeyExistsAsync(StoreKeys.PublishLock));
    }

    [Fact]
    public async Task ALockLeftByACrashedWorkerHoldsPublishingUpOnlyUntilItRunsOut()
    {
        var db = redis.Connection.GetDatabase();
        await db.StringSetAsync(StoreKeys.PublishLock, "crashed-worker", TimeSpan.FromSeconds(2));

        var publishing = TestPublishing.PublishAsync(redis.Connection, SeedData.Practices);
        while (!publishing.IsCompleted)
        {
            // Both read in one transaction: while the crashed worker's lock lives, nothing is published.
            var snapshot = db.CreateTransaction();
            var holder = snapshot.StringGetAsync(StoreKeys.PublishLock);
            var current = snapshot.StringGetAsync(StoreKeys.CurrentIndexVersion);
            await snapshot.ExecuteAsync();
            if ((string?)await holder == "crashed-worker")
            {
                Assert.True((await current).IsNull, "published while another worker held the lock");
            }

            await Task.WhenAny(publishing, Task.Delay(50));
        }

        var outcome = await publishing;
        Assert.True(outcome.Built);
        Assert.Equal(outcome.Version, (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion));
    }

    private async Task<long> CountKeysAsync() =>
        await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync();
}
