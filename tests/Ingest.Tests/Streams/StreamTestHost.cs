using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Practices;
using Recommend.Contracts.Storage;
using Recommend.Contracts.Submissions;
using Recommend.Ingest.Feedback;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Streams;
using Recommend.Ingest.Submissions;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Versions;
using Recommend.Matching.Text.Semantic;
using Recommend.TestSupport.Services;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Streams;

/// <summary>The real ingest consumers, wired by hand against a test redis-server, with a short takeover time.</summary>
public sealed class StreamTestHost(IConnectionMultiplexer redis, MiniLmEmbedder embedder)
{
    public static readonly StreamOptions Options = new() { MaxAttempts = 3, ClaimIdle = TimeSpan.FromMilliseconds(200), BatchSize = 50 };

    private static readonly IngestTelemetry Telemetry = TestPublishing.Telemetry;

    public SubmissionHandler NewSubmissionHandler() => new(
        TestPublishing.CreateUpdater(redis, embedder).Updater,
        redis,
        Telemetry,
        NullLogger<SubmissionHandler>.Instance);

    /// <summary>A fresh consumer, as a restarted ingest process would be.</summary>
    public GroupConsumer NewSubmissionConsumer() =>
        new(redis, SubmissionWorker.Settings(Options), NewSubmissionHandler(), Telemetry, NullLogger.Instance);

    public GroupConsumer NewFeedbackConsumer() =>
        new(redis, FeedbackWorker.Settings(Options), new FeedbackHandler(redis), Telemetry, NullLogger.Instance);

    /// <summary>
    /// Runs consumer rounds until the stream holds nothing (bounded, so a bug fails rather than hangs).
    /// A round that ends on a slow or unreachable Redis is followed by the next, as in the consumer's own
    /// loop (<see cref="GroupConsumer.RunAsync"/>): what the tests check must hold across such rounds too.
    /// </summary>
    public static async Task DrainAsync(GroupConsumer consumer, IDatabase db, string stream)
    {
        for (var round = 0; round < 20 && await db.StreamLengthAsync(stream) > 0; round++)
        {
            try
            {
                await consumer.ConsumeOnceAsync(CancellationToken.None);
            }
            catch (Exception ex) when (GroupConsumer.EndsTheRoundOnly(ex))
            {
                // Nothing of the round was acknowledged; the next one takes its entries again.
            }
        }

        Assert.Equal(0, await db.StreamLengthAsync(stream));
    }

    public static async Task<string> SubmitAsync(IDatabase db, Practice practice, string trackingId) =>
        (string)(await db.StreamAddAsync(StoreKeys.IngestStream,
        [
            new NameValueEntry(IngestStreamFields.Practice, PracticeJson.Serialise(practice)),
            new NameValueEntry(IngestStreamFields.TrackingId, trackingId),
            new NameValueEntry(IngestStreamFields.Origin, "test"),
        ]))!;

    public static async Task<PracticeIndex> CurrentIndexAsync(IDatabase db)
    {
        var version = (string)(await db.StringGetAsync(StoreKeys.CurrentIndexVersion))!;
        return await VersionLoader.LoadAsync(StoredVersions.Reader(db), version, embedder: null, serving: null, CancellationToken.None);
    }

}
