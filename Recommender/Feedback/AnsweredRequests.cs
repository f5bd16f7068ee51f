using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Recommender.Feedback;

/// <summary>
/// Keeps the canonical request behind each computed answer (<see cref="StoreKeys.AnsweredRequest"/>),
/// so feedback naming a <c>request_id</c> can later be learned from with the query it answered.
/// Bounded: one key per distinct canonical request (a validated request, at most a few KB), each with
/// a TTL. Written only when a ranking is computed, not on cache hits: the key outlives every cached
/// ranking, so it exists whenever an answer carrying its hash is served. Fails open like the ranking
/// cache: when Redis is not connected the write is skipped, never the answer.
/// </summary>
public sealed partial class AnsweredRequests(IConnectionMultiplexer redis, RecommenderTelemetry telemetry, ILogger<AnsweredRequests> logger)
{
    public void Remember(NormalisedRequest request, string requestHash) =>
        Write(StoreKeys.AnsweredRequest(requestHash), JsonSerializer.SerializeToUtf8Bytes(request.ToRequest(), RecommendationJsonContext.Default.RecommendationRequest));

    /// <summary>Stores what <paramref name="answer"/> showed, under its <c>request_id</c>.</summary>
    public void RememberShown(RecommendationResponse answer)
    {
        if (answer.RequestId is not { } requestId)
        {
            return;
        }

        var shown = new ShownPractices
        {
            Results = [.. answer.Results.Select(r => new ShownResult(r.Practice.Id, r.Rank))],
            Related = [.. answer.Related.Select(r => r.Practice.Id)],
        };
        Write(StoreKeys.AnsweredShown(requestId), JsonSerializer.SerializeToUtf8Bytes(shown, FeedbackJsonContext.Default.ShownPractices));
    }

    private void Write(string key, byte[] json)
    {
        if (!redis.IsConnected)
        {
            telemetry.RecordCacheError();
            return;
        }

        try
        {
            redis.GetDatabase().StringSet(key, json, StoreKeys.AnsweredRequestTimeToLive, flags: CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            telemetry.RecordCacheError();
            LogWriteFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answered request could not be stored ({Reason}); feedback on it will carry no request")]
    private static partial void LogWriteFailed(ILogger logger, string reason);
}
