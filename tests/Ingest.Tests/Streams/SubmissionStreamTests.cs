using System.Text.Json;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Cli;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Semantic;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Streams;

/// <summary>The ingest stream against a real redis-server: takeover, dead letters, idempotence.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class SubmissionStreamTests(RedisServerFixture redis, MiniLmEmbedderFixture minilm) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly StreamTestHost _host = new(redis.Connection, minilm.Embedder);

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await TestPublishing.PublishAsync(redis.Connection, SeedData.Practices);
        await Db.StreamCreateConsumerGroupAsync(StoreKeys.IngestStream, StoreKeys.IngestGroup, "0-0", createStream: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ConsumerKilledBetweenReadAndAckLeavesThePracticeInTheCatalogueExactlyOnce()
    {
        var practice = SeedData.NewPractice("community-fridge-network", "Community fridge network");
        await StreamTestHost.SubmitAsync(Db, practice, "0123456789abcdef0123456789abcdef");

        // The first consumer reads the entry and even publishes it, then dies before acknowledging.
        var read = await Db.StreamReadGroupAsync(StoreKeys.IngestStream, StoreKeys.IngestGroup, "doomed-consumer", ">", 10);
        Assert.Single(read);
        await _host.NewSubmissionHandler().HandleAsync(read, Db.CreateTransaction(), CancellationToken.None);
        var versionsBefore = await Db.SortedSetLengthAsync(StoreKeys.IndexVersions);

        // A new consumer takes the entry over once it has been idle long enough, and handles it again.
        await Task.Delay(StreamTestHost.Options.ClaimIdle * 2);
        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        var index = await StreamTestHost.CurrentIndexAsync(Db);
        Assert.Single(index.Practices, p => p.Id == practice.Id);
        Assert.Equal(SeedData.Practices.Count + 1, index.Practices.Count);
        Assert.Equal(versionsBefore, await Db.SortedSetLengthAsync(StoreKeys.IndexVersions));
        Assert.Equal(0, (await Db.StreamPendingAsync(StoreKeys.IngestStream, StoreKeys.IngestGroup)).PendingMessageCount);
        Assert.Equal(IngestStatus.Indexed, (await StatusAsync("0123456789abcdef0123456789abcdef")).Status);
    }

    [Fact]
    public async Task PoisonEntryIsDeadLetteredWithItsReasonAndLaterEntriesAreProcessed()
    {
        await Db.StreamAddAsync(StoreKeys.IngestStream,
        [
            new NameValueEntry(IngestStreamFields.Practice, "{\"id\": \"broken\", \"title\": "),
            new NameValueEntry(IngestStreamFields.TrackingId, "ffffffffffffffffffffffffffffffff"),
        ]);
        var practice = SeedData.NewPractice("repair-cafe-network", "Repair cafe network");
        await StreamTestHost.SubmitAsync(Db, practice, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee");

        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        var dead = Assert.Single(await Db.StreamRangeAsync(StoreKeys.IngestDeadLetters));
        Assert.Contains("not a practice", (string?)dead["dead_reason"]);
        Assert.Equal(StreamTestHost.Options.MaxAttempts, (int)dead["dead_attempts"]);
        Assert.Contains((await StreamTestHost.CurrentIndexAsync(Db)).Practices, p => p.Id == practice.Id);
        Assert.Equal(IngestStatus.Rejected, (await StatusAsync("ffffffffffffffffffffffffffffffff")).Status);
        Assert.Equal(IngestStatus.Indexed, (await StatusAsync("eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee")).Status);
        Assert.Equal(0, await Db.HashLengthAsync(StoreKeys.IngestAttempts));
    }

    [Fact]
    public async Task SubmittingTheSameRecordsAgainChangesNothing()
    {
        var practices = new[]
        {
            SeedData.NewPractice("tool-library", "Tool library"),
            SeedData.NewPractice("warm-spaces", "Warm spaces"),
        };
        foreach (var practice in practices)
        {
            await StreamTestHost.SubmitAsync(Db, practice, Guid.NewGuid().ToString("N"));
        }

        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);
        var version = (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        var versions = await Db.SortedSetLengthAsync(StoreKeys.IndexVersions);
        var keys = await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync();

        foreach (var practice in practices)
        {
            await StreamTestHost.SubmitAsync(Db, practice, Guid.NewGuid().ToString("N"));
        }

        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        Assert.Equal(version, (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.Equal(versions, await Db.SortedSetLengthAsync(StoreKeys.IndexVersions));
        // Only the two new status keys are new.
        Assert.Equal(keys + 2, await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync());
        Assert.Equal(SeedData.Practices.Count + 2, (await StreamTestHost.CurrentIndexAsync(Db)).Practices.Count);
    }

    [Fact]
    public async Task ChangedRecordReplacesThePracticeInANewVersion()
    {
        var practice = SeedData.NewPractice("tool-library", "Tool library");
        await StreamTestHost.SubmitAsync(Db, practice, Guid.NewGuid().ToString("N"));
        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);
        var first = (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion);

        await StreamTestHost.SubmitAsync(Db, practice with { Title = "Tool and equipment library" }, Guid.NewGuid().ToString("N"));
        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        var index = await StreamTestHost.CurrentIndexAsync(Db);
        Assert.NotEqual(first, index.Version);
        Assert.Equal("Tool and equipment library", Assert.Single(index.Practices, p => p.Id == practice.Id).Title);
        Assert.Contains(index.MatchText("equipment library", 5), m => index.Practices[m.Doc].Id == practice.Id);
    }

    [Fact]
    public async Task InvalidPracticeIsRejectedWithItsReasonAtOnce()
    {
        await StreamTestHost.SubmitAsync(Db, SeedData.NewPractice("No Such Slug", "x"), "dddddddddddddddddddddddddddddddd");

        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        var status = await StatusAsync("dddddddddddddddddddddddddddddddd");
        Assert.Equal(IngestStatus.Rejected, status.Status);
        Assert.Contains("id", status.Reason);
        Assert.Equal(0, await Db.StreamLengthAsync(StoreKeys.IngestDeadLetters));
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceWithPublishIndexesItOnceAndThenChangesNothing()
    {
        using var temp = new TempFolder();
        var description = string.Concat(Enumerable.Repeat("A council ran a pilot with its partners and wrote down what happened. ", 4));
        var file = temp.File("cases.csv",
            "id,name,description,url,primary_sector,type\n" +
            $"1,Digital front door for benefits,\"{description}\",https://example.org/1,Health,Prediction and planning\n" +
            $"2,Shared care records pilot,\"{description}\",https://example.org/2,Health,Prediction and planning\n");
        string[] args = ["--file", file, "--format", "csv", "--source-name", "Test Catalogue", "--id-prefix", "tc",
            "--map", "id=id,title=name,description=description,url=url,sector=primary_sector,outcome=type", "--publish", "--redis", redis.ConnectionString];
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await ImportPracticesCommand.RunAsync(args, output, error, CancellationToken.None));
        Assert.Equal(2, await Db.StreamLengthAsync(StoreKeys.IngestStream));
        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);
        var first = await StreamTestHost.CurrentIndexAsync(Db);
        var versions = await Db.SortedSetLengthAsync(StoreKeys.IndexVersions);

        Assert.Equal(0, await ImportPracticesCommand.RunAsync(args, output, error, CancellationToken.None));
        await StreamTestHost.DrainAsync(_host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);

        var second = await StreamTestHost.CurrentIndexAsync(Db);
        Assert.Equal(SeedData.Practices.Count + 2, second.Practices.Count);
        Assert.Equal(first.Version, second.Version);
        Assert.Equal(versions, await Db.SortedSetLengthAsync(StoreKeys.IndexVersions));
        Assert.Contains("queued 2 practices", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportWithPublishAndNoRedisExitsTwoSayingNothingWasQueued()
    {
        using var temp = new TempFolder();
        var description = string.Concat(Enumerable.Repeat("A council ran a pilot with its partners and wrote down what happened. ", 4));
        var file = temp.File("cases.csv", $"id,name,description,url,primary_sector,type\n1,Digital front door,\"{description}\",https://example.org/1,Health,Prediction and planning\n");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ImportPracticesCommand.RunAsync(
            ["--file", file, "--format", "csv", "--source-name", "Test Catalogue", "--id-prefix", "tc",
             "--map", "id=id,title=name,description=description,url=url,sector=primary_sector,outcome=type", "--publish", "--redis", "127.0.0.1:9"],
            output, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("nothing queued", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<IngestStatus> StatusAsync(string trackingId) =>
        JsonSerializer.Deserialize((string)(await Db.StringGetAsync(StoreKeys.IngestStatus(trackingId)))!, SubmissionJsonContext.Default.IngestStatus)!;
}
