using Recommend.Contracts.Storage;
using Recommend.Ingest.Cli;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Councils;

/// <summary>import-councils --publish: a researcher pushes a reference list into a running app.</summary>
public sealed class ImportCouncilsPublishTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _temp.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    private Task<int> RunAsync(params string[] args) => ImportCouncilsCommand.RunAsync(args, _output, _error, CancellationToken.None);

    [Fact]
    public async Task PublishWritesTheLoadedCouncilsToRedisAndAnnouncesThem()
    {
        var csv = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Blackpool()]));
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.Connection.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(StoreKeys.CouncilsUpdatedChannel), (_, _) => announced.TrySetResult());
        try
        {
            var exit = await RunAsync("--file", csv, "--publish", "--redis", $"127.0.0.1:{redis.Port}");

            Assert.Equal(0, exit);
            Assert.Contains("published 1 councils to rec:councils", _output.ToString(), StringComparison.Ordinal);
            Assert.Equal("Blackpool", (await TestCouncils.ReadStoredAsync(redis.Connection))["BPL"].Name);
            await announced.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            await subscriber.UnsubscribeAllAsync();
        }
    }

    [Fact]
    public async Task PublishKeepsCouncilsAlreadyStored()
    {
        await TestCouncils.RunWorkerAsync(redis.Connection, referenceCsv: null);
        var csv = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Row(("local-authority-code", "QQA"), ("gss-code", "E06999901"))]));

        Assert.Equal(0, await RunAsync("--file", csv, "--publish", "--redis", $"127.0.0.1:{redis.Port}"));

        Assert.Equal(TestCouncils.ExampleCount + 1, (await TestCouncils.ReadStoredAsync(redis.Connection)).Count);
    }

    [Fact]
    public async Task PublishToAnUnreachableRedisExitsTwoWithAClearMessage()
    {
        var csv = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Blackpool()]));

        var exit = await RunAsync("--file", csv, "--publish", "--redis", "127.0.0.1:9");

        Assert.Equal(2, exit);
        Assert.Contains("cannot reach Redis at 127.0.0.1:9", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Is the app running?", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisWithoutPublishIsAUsageError()
    {
        var csv = _temp.File("councils.csv", MySocietyCsv.Build([MySocietyCsv.Blackpool()]));

        var exit = await RunAsync("--file", csv, "--redis", "127.0.0.1:9");

        Assert.Equal(2, exit);
        Assert.Contains("--redis only applies with --publish", _error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_output.ToString());
    }
}
