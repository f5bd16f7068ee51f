using System.Text.Json;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Cli;
using Recommend.Ingest.Models;
using Recommend.Ingest.Publishing;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;

namespace Recommend.Ingest.Tests.Models;

/// <summary>models publish / rollback / prune against a real redis-server, with a recommender serving meanwhile.</summary>
public sealed class ModelRegistryTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private RecommenderFactory _factory = null!;
    private string _full = "";
    private string _smaller = "";
    private string _removed = "";

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        _full = (await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices)).Version;
        _factory = new RecommenderFactory(redis.ConnectionString);
        _ = _factory.CreateClient();
        await _factory.WaitForVersionAsync(_full);

        var request = new { challenge = "rough sleeping with addiction", limit = 1 };
        _removed = (await AskAsync(request)).GetProperty("results")[0].GetProperty("practice").GetProperty("id").GetString()!;
        _smaller = (await TestPublishing.PublishAsync(redis.Connection, [.. SeedData.Practices.Where(p => p.Id != _removed)])).Version;
        await _factory.WaitForVersionAsync(_smaller);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> Models(params string[] args) =>
        ModelsCommand.RunAsync([.. args, "--redis", $"127.0.0.1:{redis.Port}"], _output, _error, CancellationToken.None);

    private async Task<JsonElement> AskAsync(object request)
    {
        using var response = await RecommenderFactory.AskAsync(_factory.CreateClient(), request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<IEnumerable<string>> ServedIdsAsync()
    {
        var answer = await AskAsync(new { challenge = "rough sleeping with addiction", limit = 10 });
        return answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("practice").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task RollbackAndPublishSwitchWhatTheRecommenderServes()
    {
        Assert.DoesNotContain(_removed, await ServedIdsAsync());

        Assert.Equal(0, await Models("rollback"));
        await _factory.WaitForVersionAsync(_full);
        Assert.Contains(_removed, await ServedIdsAsync());
        Assert.Equal(_full, (await AskAsync(new { challenge = "rough sleeping" })).GetProperty("index_version").GetString());

        Assert.Equal(0, await Models("publish", _smaller));
        await _factory.WaitForVersionAsync(_smaller);
        Assert.DoesNotContain(_removed, await ServedIdsAsync());
        Assert.Contains($"published {_smaller} (was {_full})", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecommenderThatMissedTheAnnouncementCatchesUpByPolling()
    {
        // Moving the pointer without the pub/sub message: only the loader's poll can notice.
        await redis.Connection.GetDatabase().StringSetAsync(StoreKeys.CurrentIndexVersion, _full);

        await _factory.WaitForVersionAsync(_full);
    }

    [Fact]
    public async Task ListMarksTheCurrentVersion()
    {
        Assert.Equal(0, await Models("list"));

        var lines = _output.ToString().Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"* {_smaller}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"  {_full}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishingAVersionThatIsNotStoredChangesNothing()
    {
        Assert.Equal(1, await Models("publish", "v000000000000"));

        Assert.Contains("is not stored", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(_smaller, await new ModelRegistry(redis.Connection).CurrentAsync());
    }

    [Fact]
    public async Task EachPublishPrunesToTheRetainedBasesAndKeepsTheCurrentVersionAndTheRollbackTarget()
    {
        var registry = new ModelRegistry(redis.Connection);
        var third = (await TestPublishing.PublishAsync(redis.Connection, [.. SeedData.Practices.Skip(1)])).Version;
        await _factory.WaitForVersionAsync(third);

        // Two bases are retained by default: the newest (current) and the one before it (also the rollback target).
        Assert.False(await registry.ExistsAsync(_full));
        Assert.True(await registry.ExistsAsync(third));
        Assert.True(await registry.ExistsAsync(_smaller));
        Assert.Equal(_smaller, await registry.RollbackTargetAsync());

        // Keep 1 by hand: the newest is current; the one before it is the rollback target; nothing more may go.
        Assert.Equal(0, await Models("prune", "--keep", "1"));
        Assert.Contains("nothing to prune", _output.ToString(), StringComparison.Ordinal);
        Assert.True(await registry.ExistsAsync(_smaller));
    }

    [Fact]
    public async Task PruningByHandDeletesAllButTheNewestBasesAndWhatTheRegistryPointsAt()
    {
        var registry = new ModelRegistry(redis.Connection);
        Assert.Equal(0, await Models("rollback"));
        await _factory.WaitForVersionAsync(_full);
        var publisher = TestPublishing.CreatePublisher(redis.Connection, new IndexVersionOptions { RetainBases = 3 });
        var third = (await publisher.PublishAsync([.. SeedData.Practices.Skip(1)], "test", CancellationToken.None)).Version;
        Assert.True(await registry.ExistsAsync(_smaller));

        // Current: third; rollback target: full; smaller is neither and not the newest base.
        Assert.Equal(0, await Models("prune", "--keep", "1"));

        Assert.Contains($"pruned 1 version(s): {_smaller}", _output.ToString(), StringComparison.Ordinal);
        Assert.False(await registry.ExistsAsync(_smaller));
        Assert.True(await registry.ExistsAsync(third));
        Assert.True(await registry.ExistsAsync(_full));
    }
}
