using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Training.Feedback;
using Recommend.TestSupport.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Tests.Training.Feedback;

/// <summary>
/// Silence read as retraining reads it, on a real redis-server: the durable log as ingest writes it,
/// and what each answer showed as the recommender stored it (<see cref="StoreKeys.AnsweredShown"/>).
/// </summary>
public sealed class SilenceFromTheLogTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private int _entries;

    public Task InitializeAsync() => redis.FlushAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PracticesAReaderPassedOverAreReadFromTheLogAndTheStoredAnswerAndNothingFromAnExpiredOne()
    {
        var db = redis.Connection.GetDatabase();
        await StoreShownAsync(db, "v1.aaaa", ["warm-spaces", "befriending", "social-prescribing", "digital-inclusion"], "men-in-sheds");
        await db.StringSetAsync(StoreKeys.AnsweredShown("v1.bbbb"), "not json");
        await LogAsync(db, "v1.aaaa", "social-prescribing", FeedbackSignal.Useful, rank: 3, client: "c1");
        await LogAsync(db, "v1.aaaa", "befriending", FeedbackSignal.NotRelevant, rank: 2, client: "c2");
        await LogAsync(db, "v1.bbbb", "warm-spaces", FeedbackSignal.Useful, rank: 1, client: "c1");
        await LogAsync(db, "v1.cccc", "warm-spaces", FeedbackSignal.Useful, rank: 4, client: "c1");

        var events = FeedbackWeighting.Deduplicate(await FeedbackLogReader.ReadAsync(db, CancellationToken.None));
        var answers = await SilentNegatives.ReadShownAsync(db, [.. events.Select(e => e.RequestId)], CancellationToken.None);
        var silent = SilentNegatives.Infer(events, id => answers.GetValueOrDefault(id), PositionPropensity.None);

        Assert.Equal(["v1.aaaa"], answers.Keys);
        Assert.Equal(["digital-inclusion", "warm-spaces"], silent.Select(s => s.PracticeId).Order(StringComparer.Ordinal));
        Assert.All(silent, s => Assert.Equal("client:c1", s.Speaker));
        Assert.All(silent, s => Assert.Equal("loneliness among older residents", s.Challenge));
    }

    private static Task<bool> StoreShownAsync(IDatabase db, string requestId, string[] results, params string[] related) =>
        db.StringSetAsync(StoreKeys.AnsweredShown(requestId), JsonSerializer.Serialize(
            new ShownPractices { Results = [.. results.Select((id, i) => new ShownResult(id, i + 1))], Related = [.. related] },
            FeedbackJsonContext.Default.ShownPractices));

    /// <summary>One event in the durable log, as ingest writes it.</summary>
    private async Task LogAsync(IDatabase db, string requestId, string practice, string signal, int rank, string client)
    {
        var request = new RecommendationRequest { Challenge = "loneliness among older residents" };
        _entries++;
        await db.StreamAddAsync(StoreKeys.FeedbackEvents,
        [
            new NameValueEntry(FeedbackStreamFields.RequestId, requestId),
            new NameValueEntry(FeedbackStreamFields.PracticeId, practice),
            new NameValueEntry(FeedbackStreamFields.Signal, signal),
            new NameValueEntry(FeedbackStreamFields.Council, ""),
            new NameValueEntry(FeedbackStreamFields.Keyed, "0"),
            new NameValueEntry(FeedbackStreamFields.Client, client),
            new NameValueEntry(FeedbackStreamFields.Rank, rank),
            new NameValueEntry(FeedbackStreamFields.ShownIn, ShownList.Results),
            new NameValueEntry(FeedbackStreamFields.Request, JsonSerializer.Serialize(request, RecommendationJsonContext.Default.RecommendationRequest)),
            new NameValueEntry(FeedbackStreamFields.ReceivedAt, DateTimeOffset.UtcNow.ToString("O")),
            new NameValueEntry(FeedbackStreamFields.SourceId, $"{_entries}-0"),
        ]);
    }
}
