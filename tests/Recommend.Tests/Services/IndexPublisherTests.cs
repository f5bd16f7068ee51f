using Recommend.Core.Ranking;
using Recommend.Core.Storage;
using Recommend.Tests.Infrastructure;

namespace Recommend.Tests.Services;

public sealed class IndexPublisherTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PublishingTheSeedCatalogueWritesEveryPracticeAndMakesTheVersionCurrent()
    {
        var practices = TestPublishing.SeedPractices;
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
        var practices = TestPublishing.SeedPractices;
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
        var practices = TestPublishing.SeedPractices;
        var first = await TestPublishing.PublishAsync(redis.Connection, practices);
        var second = await TestPublishing.PublishAsync(redis.Connection, practices.Skip(1).ToList());

        Assert.NotEqual(first.Version, second.Version);
        var db = redis.Connection.GetDatabase();
        Assert.Equal(second.Version, (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.True(await db.KeyExistsAsync(StoreKeys.Index(first.Version)));
    }

    private async Task<long> CountKeysAsync() =>
        await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync();
}
