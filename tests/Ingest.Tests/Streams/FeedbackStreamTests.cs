using System.Text.Json;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Feedback;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Semantic;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Streams;

/// <summary>The feedback stream against a real redis-server: stored once, with counters, event log and keyed adoptions.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class FeedbackStreamTests(RedisServerFixture redis, MiniLmEmbedderFixture minilm) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private readonly StreamTestHost _host = new(redis.Connection, minilm.Embedder);

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        await Db.StreamCreateConsumerGroupAsync(StoreKeys.FeedbackStream, StoreKeys.FeedbackGroup, "0-0", createStream: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task FeedbackLeftPendingByADeadConsumerIsStoredExactlyOnce()
    {
        await AddAsync("housing-first", FeedbackSignal.Adopted, "CON", keyId: "a1b2c3d4e5f6");
        await AddAsync("housing-first", FeedbackSignal.Useful, "");
        // The first consumer reads both entries and handles them, then dies before its transaction
        // (the writes and the acknowledgement together) is executed.
        var read = await Db.StreamReadGroupAsync(StoreKeys.FeedbackStream, StoreKeys.FeedbackGroup, "doomed-consumer", ">", 10);
        Assert.Equal(2, read.Length);
        await new FeedbackHandler(redis.Connection).HandleAsync(read, Db.CreateTransaction(), CancellationToken.None);

        await Task.Delay(StreamTestHost.Options.ClaimIdle * 2);
        await StreamTestHost.DrainAsync(_host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);

        Assert.Equal(1, (long)await Db.HashGetAsync(StoreKeys.FeedbackCounts("housing-first"), FeedbackSignal.Adopted));
        Assert.Equal(1, (long)await Db.HashGetAsync(StoreKeys.FeedbackCounts("housing-first"), FeedbackSignal.Useful));
        var report = JsonSerializer.Deserialize((string)(await Db.HashGetAsync(StoreKeys.AdoptionReports("housing-first"), "CON"))!, AdoptionJsonContext.Default.AdoptionReport)!;
        Assert.Equal((AdoptionStatus.Adopted, AdoptionReport.FromFeedback), (report.Status, report.Source));
        Assert.Single(await Db.StreamRangeAsync(StoreKeys.CouncilAudit));
        var events = await Db.StreamRangeAsync(StoreKeys.FeedbackEvents);
        Assert.Equal(2, events.Length);
        Assert.All(events, e => Assert.Equal("req-1", (string?)e[FeedbackStreamFields.RequestId]));
    }

    [Fact]
    public async Task MalformedFeedbackIsDeadLetteredAndTheRestStored()
    {
        await AddAsync("Not A Slug", "loved-it", "");
        await AddAsync("warm-spaces", FeedbackSignal.Dismissed, "");

        await StreamTestHost.DrainAsync(_host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);

        Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackDeadLetters));
        Assert.Equal(1, (long)await Db.HashGetAsync(StoreKeys.FeedbackCounts("warm-spaces"), FeedbackSignal.Dismissed));
        Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackEvents));
    }

    [Fact]
    public async Task TheEventLogKeepsTheRequestTheFeedbackWasAbout()
    {
        const string hash = "0123456789abcdef0123456789abcdef";
        const string request = """{"challenge": "fuel poverty in rented homes", "council": "CON", "limit": 10}""";
        await Db.StringSetAsync(StoreKeys.AnsweredRequest(hash), request, StoreKeys.AnsweredRequestTimeToLive);
        await AddAsync("warm-spaces", FeedbackSignal.Useful, "", $"v0011223344ff.{hash}");
        await AddAsync("warm-spaces", FeedbackSignal.Dismissed, "", "v0011223344ff.ffffffffffffffffffffffffffffffff");

        await StreamTestHost.DrainAsync(_host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);

        var events = await Db.StreamRangeAsync(StoreKeys.FeedbackEvents);
        Assert.Equal(request, (string?)events.Single(e => e[FeedbackStreamFields.Signal] == FeedbackSignal.Useful)[FeedbackStreamFields.Request]);
        Assert.Equal("", (string?)events.Single(e => e[FeedbackStreamFields.Signal] == FeedbackSignal.Dismissed)[FeedbackStreamFields.Request]);
    }

    [Fact]
    public async Task AnAdoptionNotSaidWithTheCouncilsKeyAdoptsNothing()
    {
        // As queued before council keys existed: a council named, no key behind it.
        await AddAsync("housing-first", FeedbackSignal.Adopted, "TWH");

        await StreamTestHost.DrainAsync(_host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);

        Assert.False(await Db.KeyExistsAsync(StoreKeys.AdoptionReports("housing-first")));
        Assert.False(await Db.KeyExistsAsync(StoreKeys.CouncilAudit));
        var logged = Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackEvents));
        Assert.Equal("0", (string?)logged[FeedbackStreamFields.Keyed]);
    }

    [Fact]
    public async Task TheEventLogSaysWhereThePracticeWasShownAndWhoSaidIt()
    {
        const string requestId = "v0011223344ff.0123456789abcdef0123456789abcdef";
        var shown = new ShownPractices { Results = [new("warm-spaces", 1), new("housing-first", 2)], Related = ["befriending"] };
        await Db.StringSetAsync(StoreKeys.AnsweredShown(requestId), JsonSerializer.Serialize(shown, FeedbackJsonContext.Default.ShownPractices));
        await AddAsync("housing-first", FeedbackSignal.Useful, "CON", requestId, keyId: "a1b2c3d4e5f6", client: "c0ffee");
        await AddAsync("befriending", FeedbackSignal.NotRelevant, "", requestId, client: "beef");
        await AddAsync("social-prescribing", FeedbackSignal.Dismissed, "", requestId);

        await StreamTestHost.DrainAsync(_host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);

        var events = (await Db.StreamRangeAsync(StoreKeys.FeedbackEvents)).ToDictionary(e => (string)e[FeedbackStreamFields.PracticeId]!);
        Assert.Equal(("2", "results", "1", "c0ffee"), Fields(events["housing-first"]));
        Assert.Equal(("1", "related", "0", "beef"), Fields(events["befriending"]));
        Assert.Equal(("", "", "0", ""), Fields(events["social-prescribing"]));

        static (string?, string?, string?, string?) Fields(StreamEntry e) =>
            (e[FeedbackStreamFields.Rank], e[FeedbackStreamFields.ShownIn], e[FeedbackStreamFields.Keyed], e[FeedbackStreamFields.Client]);
    }

    /// <summary>Queues feedback as the gateway does; a <paramref name="keyId"/> means the council's key spoke.</summary>
    private Task<RedisValue> AddAsync(string practiceId, string signal, string council, string requestId = "req-1", string? keyId = null, string client = "") =>
        Db.StreamAddAsync(StoreKeys.FeedbackStream,
        [
            new NameValueEntry(FeedbackStreamFields.RequestId, requestId),
            new NameValueEntry(FeedbackStreamFields.PracticeId, practiceId),
            new NameValueEntry(FeedbackStreamFields.Signal, signal),
            new NameValueEntry(FeedbackStreamFields.Council, council),
            new NameValueEntry(FeedbackStreamFields.Keyed, keyId is null ? "0" : "1"),
            new NameValueEntry(FeedbackStreamFields.KeyId, keyId ?? ""),
            new NameValueEntry(FeedbackStreamFields.Client, client),
            new NameValueEntry(FeedbackStreamFields.ReceivedAt, DateTimeOffset.UtcNow.ToString("O")),
        ]);
}
