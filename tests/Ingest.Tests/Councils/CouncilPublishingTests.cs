using Recommend.Contracts.Councils;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Councils;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Councils;

/// <summary>The ingest worker publishes councils to a real redis-server and announces them.</summary>
public sealed class CouncilPublishingTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WithoutAReferenceListTheExampleCouncilsArePublishedAndAnnounced()
    {
        var announced = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.Connection.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(StoreKeys.CouncilsUpdatedChannel), (_, message) => announced.TrySetResult(message!));
        try
        {
            var state = await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);

            var stored = await TestCouncils.ReadStoredAsync(redis.Connection);
            Assert.True(state.Published);
            Assert.Equal(TestCouncils.ExampleCount, stored.Count);
            Assert.Equal("Blackpool", stored["BPL"].Name);
            Assert.Equal(TestCouncils.ExampleCount.ToString(), await announced.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            await subscriber.UnsubscribeAllAsync();
        }
    }

    [Fact]
    public async Task PublishingTwiceStoresTheSameCouncilsAndNothingElse()
    {
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        var first = await TestCouncils.ReadStoredAsync(redis.Connection);

        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        var second = await TestCouncils.ReadStoredAsync(redis.Connection);

        Assert.Equal(first, second);
        Assert.Equal(1, await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync());
    }

    [Fact]
    public async Task ReferenceRowsReplaceExamplesWithTheSameCodeAndRejectsAreLoggedWithTheirReason()
    {
        var csv = _temp.File("councils.csv", MySocietyCsv.Build(
        [
            MySocietyCsv.Row(("nice-name", "Blackpool (reference)")),
            MySocietyCsv.Row(("local-authority-code", "QQA"), ("gss-code", "E06999901"), ("nice-name", "Quayside")),
            MySocietyCsv.Row(("local-authority-code", "QQB"), ("gss-code", "E06999902"), ("la-imd-pop-decile", "11")),
        ]));
        var logger = new CapturingLogger<CouncilSeedWorker>();

        var state = await TestCouncils.RunWorkerAsync(redis.Connection, csv, logger);

        var stored = await TestCouncils.ReadStoredAsync(redis.Connection);
        Assert.True(state.Published);
        Assert.Equal(TestCouncils.ExampleCount + 1, stored.Count);
        Assert.Equal("Blackpool (reference)", stored["BPL"].Name);
        Assert.Equal("Quayside", stored["QQA"].Name);
        Assert.False(stored.ContainsKey("QQB"));
        Assert.Contains(logger.Lines, line => line.Contains("'QQB'", StringComparison.Ordinal) && line.Contains("deprivation_decile", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReferenceListThatDoesNotExistIsLoggedAndTheExamplesStillPublish()
    {
        var logger = new CapturingLogger<CouncilSeedWorker>();

        var state = await TestCouncils.RunWorkerAsync(redis.Connection, _temp.File("missing.csv"), logger);

        Assert.True(state.Published);
        Assert.Equal(TestCouncils.ExampleCount, (await TestCouncils.ReadStoredAsync(redis.Connection)).Count);
        Assert.Contains(logger.Lines, line => line.Contains("missing.csv", StringComparison.Ordinal) && line.Contains("does not exist", StringComparison.Ordinal));
    }

    [SharedDataFact(SharedFiles.UkLocalAuthorities)]
    public async Task WithMySocietysFullListEveryUkCouncilIsPublished()
    {
        var state = await TestCouncils.RunWorkerAsync(redis.Connection, SharedFiles.PathOf(SharedFiles.UkLocalAuthorities));

        var stored = await TestCouncils.ReadStoredAsync(redis.Connection);
        Assert.True(state.Published);
        Assert.True(stored.Count >= 397, $"{stored.Count} councils stored");
        Assert.All(stored, entry => Assert.Empty(CouncilValidator.Validate(entry.Value)));
        Assert.Equal("Cornwall", stored["CON"].Name);
        Assert.Equal(Nation.NorthernIreland, stored["ABC"].Nation);
    }
}
