using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Models;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Submissions;
using Recommend.Ingest.Tests.Streams;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Learned;
using Recommend.Matching.Ranking.Versions;
using Recommend.TestSupport.Data;
using Recommend.TestSupport.Redis;
using Recommend.TestSupport.Semantic;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Publishing;

/// <summary>
/// Submissions as delta segments against a real redis-server: what a submission stores, that a
/// replica applying deltas in place serves what a fresh load serves, compaction, and pruning after
/// every publish. The base has real MiniLM vectors for 40 practices, so the dense side is exercised too.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class IncrementalVersionsTests(RedisServerFixture redis, MiniLmEmbedderFixture minilm) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private static readonly IReadOnlyList<Practice> Catalogue = [.. SeedData.Practices.Take(40)];

    private string _base = "";

    private IDatabase Db => redis.Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await redis.FlushAsync();
        var writer = TestPublishing.CreateWriter(redis.Connection);
        var index = new PracticeIndexBuilder(minilm.Embedder).Build(Catalogue, PracticeIndex.ComputeVersion(Catalogue));
        await writer.WritePracticesAsync(Catalogue, streamed: false);
        await using (var lease = await writer.AcquireLeaseAsync(CancellationToken.None))
        {
            Assert.True(await writer.StoreBaseAsync(lease, index));
        }

        Assert.True(await writer.MakeCurrentAsync(index.Version));
        _base = index.Version;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private (IncrementalIndexUpdater Updater, IndexCompactor Compactor) NewUpdater(int retainBases = 2, int compactAfter = 64) =>
        TestPublishing.CreateUpdater(redis.Connection, minilm.Embedder, new IndexVersionOptions { RetainBases = retainBases, CompactAfterSegments = compactAfter });

    private static Practice Submitted(int i) => SeedData.NewPractice($"submitted-{i}", $"Repair cafe number {i} for household appliances");

    private Task<PracticeIndex> LoadAsync(string version, PracticeIndex? serving = null) =>
        VersionLoader.LoadAsync(StoredVersions.Reader(Db), version, minilm.Embedder, serving, CancellationToken.None);

    [Fact]
    public async Task ASubmissionStoresAManifestAndOneSegmentNotAWholeVersion()
    {
        var version = await NewUpdater().Updater.UpsertAsync([Submitted(1)], CancellationToken.None);

        var fields = (await Db.HashGetAllAsync(StoreKeys.Index(version))).Select(e => (string)e.Name!).Order().ToList();
        Assert.Equal([StoreKeys.IndexBaseField, StoreKeys.IndexMetaField], fields);
        Assert.Equal(_base, (string?)await Db.HashGetAsync(StoreKeys.Index(version), StoreKeys.IndexBaseField));
        var segment = (string)(await Db.SortedSetRangeByRankAsync(StoreKeys.IndexSegments)).Single()!;
        var stored = IndexSegment.Deserialise((await Db.HashGetAllAsync(StoreKeys.IndexSegment(segment))).ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!));
        Assert.Equal("submitted-1", Assert.Single(stored.Practices).Id);
        Assert.Equal(1, stored.Vectors!.Count);

        // What the submission added to Redis, key by key: far below a whole version (the base here is 40 practices).
        long added = 0;
        foreach (var key in new RedisKey[] { StoreKeys.Index(version), StoreKeys.IndexSegment(segment), StoreKeys.IndexPracticeIds(version), StoreKeys.Practice("submitted-1") })
        {
            added += (long)await Db.ExecuteAsync("MEMORY", "USAGE", key);
        }

        var baseSize = (long)await Db.ExecuteAsync("MEMORY", "USAGE", StoreKeys.Index(_base));
        Assert.True(added < baseSize / 4, $"the submission stored {added} bytes; the 40-practice base is {baseSize}");
    }

    [Fact]
    public async Task AReplicaApplyingDeltasInPlaceServesWhatAFreshLoadServes()
    {
        var serving = await LoadAsync(_base);
        var updater = NewUpdater().Updater;
        var replaced = Catalogue[3] with { Title = "Repair cafe volunteers fix broken appliances", Summary = "A monthly repair cafe." };
        await updater.UpsertAsync([Submitted(1)], CancellationToken.None);
        var version = await updater.UpsertAsync([Submitted(2), replaced], CancellationToken.None);

        var applied = await LoadAsync(version, serving);
        var fresh = await LoadAsync(version);

        Assert.Equal(version, applied.Version);
        Assert.Equal(fresh.Practices.Select(p => p.Id).Order(), applied.Practices.Select(p => p.Id).Order());
        Assert.True(applied.TryGetPractice(replaced.Id, out var practice));
        Assert.Equal(replaced.Title, practice.Title);
        var query = "repair cafe for broken household appliances";
        var fromApplied = applied.MatchText(query, 10).Select(m => (applied.Practices[m.Doc].Id, Math.Round(m.Score, 5))).ToList();
        var fromFresh = fresh.MatchText(query, 10).Select(m => (fresh.Practices[m.Doc].Id, Math.Round(m.Score, 5))).ToList();
        Assert.Equal(fromFresh, fromApplied);
        Assert.Contains(fromApplied, m => m.Id == "submitted-2");
    }

    [Fact]
    public async Task TheSameCatalogueGetsTheSameVersionIdHoweverItWasReached()
    {
        var version = await NewUpdater().Updater.UpsertAsync([Submitted(1), Submitted(2)], CancellationToken.None);

        Assert.Equal(PracticeIndex.ComputeVersion([.. Catalogue, Submitted(1), Submitted(2)]), version);
        Assert.Equal(version, (await TestPublishing.PublishAsync(redis.Connection, [.. Catalogue, Submitted(1), Submitted(2)])).Version);
    }

    [Fact]
    public async Task ADeltaMadeOnAVersionThatIsNoLongerCurrentLeavesNothingBehind()
    {
        var writer = TestPublishing.CreateWriter(redis.Connection);
        var keysBefore = await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync();
        var segment = IndexSegment.Create("v000000000000", "v111111111111", [Submitted(1)], minilm.Embedder);
        var manifest = new IndexMeta("v111111111111", PracticeIndex.FormatVersion, 1, DateTimeOffset.UtcNow, true, Base: "v000000000000", Segments: [new SegmentRef(segment.Id, "v111111111111")]);

        AppendOutcome outcome;
        await using (var lease = await writer.AcquireLeaseAsync(CancellationToken.None))
        {
            outcome = await writer.AppendSegmentAsync(lease, "v000000000000", currentIsDelta: false, manifest, segment, ["submitted-1"]);
        }

        Assert.Equal(AppendOutcome.CurrentMoved, outcome);
        Assert.Equal(keysBefore, await redis.Connection.GetServer($"127.0.0.1:{redis.Port}").DatabaseSizeAsync());
        Assert.Equal(_base, (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion));
    }

    [Fact]
    public async Task CompactionWritesTheWholeBaseThroughItsOwnConnectionNotTheSubmissionsOne()
    {
        var (updater, compactor) = NewUpdater();
        using var _ = compactor;
        var version = await updater.UpsertAsync([Submitted(1)], CancellationToken.None);
        var before = await CompactorClientsAsync();

        Assert.True(await compactor.CompactAsync(version, CancellationToken.None));

        // The base went aside and was given its time to live by a connection of its own; the shared
        // connection only swapped it in (a client with the suffix exists only if the compactor opened
        // one; its multiplexer also holds a subscription socket).
        var opened = (await CompactorClientsAsync()).ExceptBy(before.Select(c => c.Id), c => c.Id).ToList();
        Assert.Contains(opened, c => c.LastCommand == "expire");
    }

    private async Task<List<(string Id, string LastCommand)>> CompactorClientsAsync()
    {
        var clients = (string)(await Db.ExecuteAsync("CLIENT", "LIST"))!;
        return [.. clients.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ').Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]))
            .Where(fields => fields["name"].EndsWith("-compactor", StringComparison.Ordinal))
            .Select(fields => (fields["id"], fields["cmd"]))];
    }

    [Fact]
    public async Task CompactionFoldsTheSegmentsIntoABaseOfTheSameVersionAndPruningThenFreesTheOldOnes()
    {
        var (updater, compactor) = NewUpdater(retainBases: 1);
        string version = "";
        for (var i = 0; i < 3; i++)
        {
            version = await updater.UpsertAsync([Submitted(i)], CancellationToken.None);
        }

        var replica = await LoadAsync(version);
        Assert.True(await compactor.CompactAsync(version, CancellationToken.None));

        var compacted = await VersionLoader.ReadMetaAsync(StoredVersions.Reader(Db), version);
        Assert.False(compacted.IsDelta);
        Assert.Equal(version, (string?)await Db.StringGetAsync(StoreKeys.CurrentIndexVersion));
        Assert.Same(replica, await LoadAsync(version, replica));

        // The next delta stands on the compacted base; the old base and its segments are no longer needed by anything kept.
        var next = await updater.UpsertAsync([Submitted(3)], CancellationToken.None);
        var meta = await VersionLoader.ReadMetaAsync(StoredVersions.Reader(Db), next);
        Assert.Equal(version, meta.Base);
        Assert.Single(meta.Segments!);
        Assert.False(await Db.KeyExistsAsync(StoreKeys.Index(_base)));
        Assert.Single(await Db.SortedSetRangeByRankAsync(StoreKeys.IndexSegments));
        Assert.Equal(Catalogue.Count + 4, (await LoadAsync(next, replica)).Practices.Count);
        Assert.Equal(Catalogue.Count + 4, (await LoadAsync(next)).Practices.Count);
    }

    [Fact]
    public async Task RedisStaysBoundedOverManySubmissionsWithCompactionAndPruning()
    {
        var (updater, compactor) = NewUpdater(retainBases: 1, compactAfter: 4);
        var server = redis.Connection.GetServer($"127.0.0.1:{redis.Port}");
        var indexKeys = new List<long>();
        for (var i = 0; i < 16; i++)
        {
            var version = await updater.UpsertAsync([Submitted(i)], CancellationToken.None);
            var meta = await VersionLoader.ReadMetaAsync(StoredVersions.Reader(Db), version);
            if (meta.Segments!.Count >= 4)
            {
                await compactor.CompactAsync(version, CancellationToken.None);
            }

            // Every key but the practice documents (one per practice, which must stay).
            indexKeys.Add(await server.DatabaseSizeAsync() - await Db.SetLengthAsync(StoreKeys.PracticeIds));
        }

        // Kept: the newest base, the current version and the rollback target (and what they stand on), at most 4 segments.
        Assert.True(await Db.SortedSetLengthAsync(StoreKeys.IndexVersions) <= 4);
        Assert.True(await Db.SortedSetLengthAsync(StoreKeys.IndexSegments) <= 4);
        Assert.True(indexKeys.Max() <= 20, $"index keys per submission: {string.Join(", ", indexKeys)}");
        Assert.True(indexKeys[^1] <= indexKeys[7], $"index keys per submission: {string.Join(", ", indexKeys)}");
    }

    [Fact]
    public async Task ASubmissionOnARetrainedVersionKeepsItsModel()
    {
        var index = await LoadAsync(_base);
        var rows = Enumerable.Range(0, 40).Select(i => new TrainingRow(i % 4, (uint)(i / 10), [.. Enumerable.Range(0, RankingFeatures.Count).Select(f => (float)((i * (f + 1)) % 7))])).ToList();
        var card = new ModelCard { CreatedAt = DateTimeOffset.UnixEpoch, Command = "retrain", TextSettings = TextTuning.Describe(), HasReranker = true };
        var retrained = index.WithModel(_base + "-mabc123", LearnedReranker.Train(rows).WithBlend(0.1), Feedback(Catalogue[0].Id), card);
        var registry = new ModelRegistry(redis.Connection);
        Assert.True(await registry.StoreAsync(retrained));
        Assert.True(await registry.MakeCurrentAsync(retrained.Version));

        var version = await NewUpdater().Updater.UpsertAsync([Submitted(1)], CancellationToken.None);

        Assert.Equal(PracticeIndex.ComputeVersion([.. Catalogue, Submitted(1)]) + "-mabc123", version);
        var next = await LoadAsync(version);
        Assert.Equal(0.1, next.Reranker!.Blend);
        Assert.Equal("retrain", next.Card!.Command);
        Assert.Equal(1, next.Feedback.Practices);
        Assert.Contains((await registry.ListAsync()), m => m.Version == version && m.HasReranker);
    }

    // One council's word on one practice for one question: enough to show the memory survives a delta.
    private static FeedbackMemory Feedback(string practiceId) => new(
        [new float[4]], [FeedbackMemory.KeyOf("rough sleeping in a market town")],
        new Dictionary<string, FeedbackEntry[]> { [practiceId] = [new FeedbackEntry(0, "CON", 1, 0)] },
        FeedbackUse.None);
}
