using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Models;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Tests.Streams;
using Recommend.Matching.Ranking.Versions;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Semantic;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Cluster;

/// <summary>
/// The Redis layer against a real three-primary Redis Cluster on loopback: publishing, a submission
/// through the ingest stream (a delta, applied in place by a recommender), feedback through its
/// stream, the model registry (rollback, compaction, prune) and the recommender's ranking cache.
/// Any script, transaction or multi-key command whose keys were in two slots fails here with CROSSSLOT.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class RedisClusterTests(RedisClusterFixture cluster, MiniLmEmbedderFixture minilm) : IClassFixture<RedisClusterFixture>, IAsyncLifetime
{
    private static readonly IReadOnlyList<Contracts.Practices.Practice> Catalogue = [.. SeedData.Practices.Take(60)];

    private IDatabase Db => cluster.Connection.GetDatabase();

    public Task InitializeAsync() => cluster.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void KeysThatAreWrittenTogetherShareASlotAndDocumentsSpreadOverTheCluster()
    {
        int Slot(string key) => cluster.Connection.HashSlot(key);

        Assert.Single(new[] { StoreKeys.CurrentIndexVersion, StoreKeys.IndexVersions, StoreKeys.IndexHistory, StoreKeys.IndexSegments, StoreKeys.Index("v1"), StoreKeys.IndexPracticeIds("v1"), StoreKeys.IndexSegment("s1") }.Select(Slot).Distinct());
        Assert.Single(new[] { StoreKeys.IngestStream, StoreKeys.IngestAttempts, StoreKeys.IngestDeadLetters }.Select(Slot).Distinct());
        Assert.Single(new[] { StoreKeys.FeedbackStream, StoreKeys.FeedbackAttempts, StoreKeys.FeedbackDeadLetters, StoreKeys.FeedbackEvents, StoreKeys.FeedbackCounts("a"), StoreKeys.AnsweredRequest("b"), StoreKeys.AnsweredShown("v.b"), StoreKeys.AdoptionReports("a"), StoreKeys.AdoptionReportPractices, StoreKeys.CouncilAudit, StoreKeys.CouncilKeys }.Select(Slot).Distinct());
        Assert.True(Catalogue.Select(p => Slot(StoreKeys.Practice(p.Id))).Distinct().Count() > 10);
    }

    [Fact]
    public async Task PublishSubmitFeedbackRegistryAndCacheWorkOnACluster()
    {
        // Publish: practices on every node, the version in the registry's slot.
        var first = await TestPublishing.PublishAsync(cluster.Connection, Catalogue);
        Assert.Equal(first.Version, (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        await using var recommender = new RecommenderFactory(cluster.ConnectionString);
        var client = recommender.CreateClient();
        await recommender.WaitForVersionAsync(first.Version);

        // Submit through the ingest stream: a delta the recommender applies in place.
        var host = new StreamTestHost(cluster.Connection, minilm.Embedder);
        await Db.StreamCreateConsumerGroupAsync(StoreKeys.IngestStream, StoreKeys.IngestGroup, "0-0", createStream: true);
        var practice = SeedData.NewPractice("cluster-repair-cafe", "Cluster repair cafe for household appliances");
        await StreamTestHost.SubmitAsync(Db, practice, "0123456789abcdef0123456789abcdef");
        await StreamTestHost.DrainAsync(host.NewSubmissionConsumer(), Db, StoreKeys.IngestStream);
        var submitted = (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        Assert.NotEqual(first.Version, submitted);
        await recommender.WaitForVersionAsync(submitted!);
        var status = JsonSerializer.Deserialize((string)(await Db.StringGetAsync(StoreKeys.IngestStatus("0123456789abcdef0123456789abcdef")))!, SubmissionJsonContext.Default.IngestStatus)!;
        Assert.Equal(IngestStatus.Indexed, status.Status);

        // Cache: the second identical request is answered from the ranking cache.
        var request = new { challenge = "repair cafe for household appliances", limit = 5 };
        var answer = await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request));
        Assert.False(answer.GetProperty("cached").GetBoolean());
        Assert.Contains(answer.GetProperty("results").EnumerateArray(), r => r.GetProperty("practice").GetProperty("id").GetString() == practice.Id);
        Assert.True((await RecommenderFactory.ReadAsync(await RecommenderFactory.AskAsync(client, request))).GetProperty("cached").GetBoolean());

        // Feedback through its stream, about that answer: counters, the event log with the request, adoptions.
        await Db.StreamCreateConsumerGroupAsync(StoreKeys.FeedbackStream, StoreKeys.FeedbackGroup, "0-0", createStream: true);
        await Db.StreamAddAsync(StoreKeys.FeedbackStream,
        [
            new NameValueEntry(FeedbackStreamFields.RequestId, answer.GetProperty("request_id").GetString()),
            new NameValueEntry(FeedbackStreamFields.PracticeId, practice.Id),
            new NameValueEntry(FeedbackStreamFields.Signal, FeedbackSignal.Adopted),
            new NameValueEntry(FeedbackStreamFields.Council, "CON"),
            new NameValueEntry(FeedbackStreamFields.Keyed, "1"),
            new NameValueEntry(FeedbackStreamFields.KeyId, "a1b2c3d4e5f6"),
            new NameValueEntry(FeedbackStreamFields.ReceivedAt, DateTimeOffset.UtcNow.ToString("O")),
        ]);
        await StreamTestHost.DrainAsync(host.NewFeedbackConsumer(), Db, StoreKeys.FeedbackStream);
        Assert.Equal(1, (long)await Db.HashGetAsync(StoreKeys.FeedbackCounts(practice.Id), FeedbackSignal.Adopted));
        Assert.True(await Db.HashExistsAsync(StoreKeys.AdoptionReports(practice.Id), "CON"));
        var logged = Assert.Single(await Db.StreamRangeAsync(StoreKeys.FeedbackEvents));
        Assert.Contains("repair cafe", (string?)logged[FeedbackStreamFields.Request], StringComparison.Ordinal);

        // Registry: compaction, rollback and pruning, each a script over the registry's keys.
        var (_, compactor) = TestPublishing.CreateUpdater(cluster.Connection, minilm.Embedder);
        Assert.True(await compactor.CompactAsync(submitted!, CancellationToken.None));
        Assert.False((await VersionLoader.ReadMetaAsync(StoredVersions.Reader(Db), submitted!)).IsDelta);
        var registry = new ModelRegistry(cluster.Connection);
        Assert.Equal(first.Version, await registry.RollbackTargetAsync());
        Assert.True(await registry.MakeCurrentAsync(first.Version));
        await recommender.WaitForVersionAsync(first.Version);
        Assert.Contains(await registry.ListAsync(), m => m.Version == submitted);
        var third = await TestPublishing.PublishAsync(cluster.Connection, [.. Catalogue.Skip(1)]);
        Assert.Equal(0, (await registry.PruneAsync(1)).Count(v => v == third.Version || v == first.Version));
        Assert.False(await registry.ExistsAsync(submitted!));
        Assert.False(await Db.KeyExistsAsync(StoreKeys.Practice(practice.Id)));
        Assert.True(await Db.KeyExistsAsync(StoreKeys.Practice(Catalogue[0].Id)));
    }
}
