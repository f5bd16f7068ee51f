using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Streams;
using StackExchange.Redis;

namespace Recommend.Ingest.Feedback;

/// <summary>
/// Stores feedback for good: a per-practice counter of each signal, the raw event in the durable
/// log that retraining reads, and for "adopted" with a council, that council's adoption (which the
/// recommenders use for "adopted by councils like yours"). All of it is written in the same
/// transaction as the acknowledgement, so a redelivered entry is never counted twice. The event
/// carries the canonical request its <c>request_id</c> names (read from what the recommender stored
/// when it answered), so the log stays learnable after the stored request has expired.
/// </summary>
public sealed class FeedbackHandler(IConnectionMultiplexer redis) : IStreamEntryHandler
{
    public async Task<IReadOnlyList<string?>> HandleAsync(IReadOnlyList<StreamEntry> entries, ITransaction acknowledgement, CancellationToken cancellationToken)
    {
        var outcomes = new string?[entries.Count];
        var requests = await AnsweredRequestsAsync(entries);
        var adoptions = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var practiceId = (string?)entry[FeedbackStreamFields.PracticeId];
            var signal = (string?)entry[FeedbackStreamFields.Signal];
            var council = (string?)entry[FeedbackStreamFields.Council] ?? "";
            if (!FeedbackValidator.IsPracticeId(practiceId) || signal is null || !FeedbackSignal.All.Contains(signal))
            {
                outcomes[i] = $"not a feedback event: practice_id '{practiceId}', signal '{signal}'";
                continue;
            }

            _ = acknowledgement.HashIncrementAsync(StoreKeys.FeedbackCounts(practiceId!), signal);
            _ = acknowledgement.StreamAddAsync(StoreKeys.FeedbackEvents,
            [
                new NameValueEntry(FeedbackStreamFields.RequestId, entry[FeedbackStreamFields.RequestId]),
                new NameValueEntry(FeedbackStreamFields.PracticeId, practiceId),
                new NameValueEntry(FeedbackStreamFields.Signal, signal),
                new NameValueEntry(FeedbackStreamFields.Council, council),
                new NameValueEntry(FeedbackStreamFields.Request, requests[i]),
                new NameValueEntry(FeedbackStreamFields.ReceivedAt, entry[FeedbackStreamFields.ReceivedAt]),
                new NameValueEntry(FeedbackStreamFields.SourceId, entry.Id),
            ]);
            if (signal == FeedbackSignal.Adopted && council.Length > 0)
            {
                _ = acknowledgement.HashIncrementAsync(StoreKeys.FeedbackAdoptions, AdoptionField(practiceId!, council));
                adoptions++;
            }
        }

        if (adoptions > 0)
        {
            _ = acknowledgement.PublishAsync(RedisChannel.Literal(StoreKeys.FeedbackAdoptionsChannel), adoptions);
        }

        return outcomes;
    }

    /// <summary>Each entry's stored request (empty when its request_id names none, or it expired), in one MGET.</summary>
    private async Task<RedisValue[]> AnsweredRequestsAsync(IReadOnlyList<StreamEntry> entries)
    {
        var hashes = entries.Select(e => StoreKeys.RequestHashOf((string?)e[FeedbackStreamFields.RequestId])).ToArray();
        var known = hashes.Where(h => h is not null).Distinct(StringComparer.Ordinal).ToArray();
        var stored = known.Length == 0 ? [] : await redis.GetDatabase().StringGetAsync([.. known.Select(h => (RedisKey)StoreKeys.AnsweredRequest(h!))]);
        var byHash = known.Select((h, i) => (h!, stored[i])).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return [.. hashes.Select(h => h is not null && byHash.TryGetValue(h, out var value) && !value.IsNull ? value : RedisValue.EmptyString)];
    }

    public Task OnDeadLetteredAsync(StreamEntry entry, string reason, IDatabase db) => Task.CompletedTask;

    /// <summary>The <see cref="StoreKeys.FeedbackAdoptions"/> field for one practice and council.</summary>
    public static string AdoptionField(string practiceId, string council) => $"{practiceId}|{council.ToUpperInvariant()}";
}
