using System.Text.Json;
using Recommend.Contracts.Councils.Adoptions;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Streams;
using Recommend.ServiceDefaults.Councils.Adoptions;
using StackExchange.Redis;

namespace Recommend.Ingest.Feedback;

/// <summary>
/// Stores feedback for good: a per-practice counter of each signal, the raw event in the durable
/// log that retraining reads, and for "adopted" said with the council's key, that council's adoption
/// report (which the recommenders use for "adopted by councils like yours"; an anonymous "adopted"
/// never reaches here, and one queued before keys existed is logged but adopts nothing). All of it
/// is written in the same transaction as the acknowledgement, so a redelivered entry is never
/// counted twice. The event carries the canonical request its <c>request_id</c> names and the rank
/// the practice was shown at (both read from what the recommender stored when it answered), so the
/// log stays learnable after the stored request has expired, and position bias can be corrected.
/// </summary>
public sealed class FeedbackHandler(IConnectionMultiplexer redis) : IStreamEntryHandler
{
    public async Task<IReadOnlyList<string?>> HandleAsync(IReadOnlyList<StreamEntry> entries, ITransaction acknowledgement, CancellationToken cancellationToken)
    {
        var outcomes = new string?[entries.Count];
        var requests = await AnsweredRequestsAsync(entries);
        var shown = await ShownAsync(entries);
        var adoptions = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var practiceId = (string?)entry[FeedbackStreamFields.PracticeId];
            var signal = (string?)entry[FeedbackStreamFields.Signal];
            var council = (string?)entry[FeedbackStreamFields.Council] ?? "";
            var keyed = (string?)entry[FeedbackStreamFields.Keyed] == "1" && council.Length > 0;
            var (rank, shownIn) = shown[i]?.Find(practiceId ?? "") ?? (null, null);
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
                new NameValueEntry(FeedbackStreamFields.Keyed, keyed ? "1" : "0"),
                new NameValueEntry(FeedbackStreamFields.Client, entry[FeedbackStreamFields.Client].IsNull ? "" : entry[FeedbackStreamFields.Client]),
                new NameValueEntry(FeedbackStreamFields.Rank, rank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                new NameValueEntry(FeedbackStreamFields.ShownIn, shownIn ?? ""),
                new NameValueEntry(FeedbackStreamFields.Request, requests[i]),
                new NameValueEntry(FeedbackStreamFields.ReceivedAt, entry[FeedbackStreamFields.ReceivedAt]),
                new NameValueEntry(FeedbackStreamFields.SourceId, entry.Id),
            ]);
            if (signal == FeedbackSignal.Adopted && keyed)
            {
                var receivedAt = DateTimeOffset.TryParse((string?)entry[FeedbackStreamFields.ReceivedAt], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UtcNow;
                AdoptionReportStore.QueueFeedbackAdoption(acknowledgement, new AdoptionReport
                {
                    PracticeId = practiceId!,
                    Council = council,
                    Status = AdoptionStatus.Adopted,
                    Started = receivedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    Notes = "Said through feedback on a recommendation.",
                    ReportedAt = receivedAt,
                    Source = AdoptionReport.FromFeedback,
                }, (string?)entry[FeedbackStreamFields.KeyId] ?? "");
                adoptions++;
            }
        }

        if (adoptions > 0)
        {
            _ = acknowledgement.PublishAsync(RedisChannel.Literal(StoreKeys.AdoptionReportsChannel), adoptions);
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

    /// <summary>What each entry's answer showed (null when unknown or expired), in one MGET.</summary>
    private async Task<ShownPractices?[]> ShownAsync(IReadOnlyList<StreamEntry> entries)
    {
        var ids = entries.Select(e => (string?)e[FeedbackStreamFields.RequestId]).ToArray();
        var known = ids.Where(id => StoreKeys.RequestHashOf(id) is not null).Distinct(StringComparer.Ordinal).ToArray();
        var stored = known.Length == 0 ? [] : await redis.GetDatabase().StringGetAsync([.. known.Select(id => (RedisKey)StoreKeys.AnsweredShown(id!))]);
        var byId = new Dictionary<string, ShownPractices?>(StringComparer.Ordinal);
        for (var i = 0; i < known.Length; i++)
        {
            byId[known[i]!] = Parse(stored[i]);
        }

        return [.. ids.Select(id => id is not null && byId.TryGetValue(id, out var shown) ? shown : null)];
    }

    private static ShownPractices? Parse(RedisValue value)
    {
        try
        {
            return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize((string)value!, FeedbackJsonContext.Default.ShownPractices);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public Task OnDeadLetteredAsync(StreamEntry entry, string reason, IDatabase db) => Task.CompletedTask;
}
