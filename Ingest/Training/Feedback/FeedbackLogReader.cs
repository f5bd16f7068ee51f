using System.Globalization;
using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Recommendations;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// Reads the durable feedback log (<see cref="StoreKeys.FeedbackEvents"/>) from the start, in pages
/// (XRANGE, never the whole stream in one reply). An entry that is not a feedback event, or whose
/// stored request cannot be read, is kept without its request (it still tells where results were
/// examined) rather than failing the retraining: the log is written by services, not by hand.
/// </summary>
public static class FeedbackLogReader
{
    private const int PageSize = 2000;

    public static async Task<IReadOnlyList<LoggedFeedback>> ReadAsync(IDatabase db, CancellationToken cancellationToken)
    {
        var events = new List<LoggedFeedback>();
        RedisValue from = "-";
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await db.StreamRangeAsync(StoreKeys.FeedbackEvents, from, "+", PageSize);
            foreach (var entry in page)
            {
                if (Parse(entry) is { } feedback)
                {
                    events.Add(feedback);
                }
            }

            if (page.Length < PageSize)
            {
                return events;
            }

            // Exclusive start after the last entry read ("(" prefix, Redis 6.2+).
            from = "(" + page[^1].Id;
        }
    }

    public static LoggedFeedback? Parse(StreamEntry entry)
    {
        string? Field(string name) => entry[name] is { IsNullOrEmpty: false } value ? (string?)value : null;

        var practiceId = Field(FeedbackStreamFields.PracticeId);
        var signal = Field(FeedbackStreamFields.Signal);
        if (!FeedbackValidator.IsPracticeId(practiceId) || signal is null || !FeedbackSignal.All.Contains(signal))
        {
            return null;
        }

        return new LoggedFeedback(
            entry.Id!,
            Field(FeedbackStreamFields.RequestId) ?? $"entry:{entry.Id}",
            practiceId!,
            signal,
            Field(FeedbackStreamFields.Council)?.ToUpperInvariant(),
            ReadRequest(Field(FeedbackStreamFields.Request)),
            int.TryParse(Field(FeedbackStreamFields.Rank), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) && rank > 0 ? rank : null,
            Field(FeedbackStreamFields.ShownIn),
            Field(FeedbackStreamFields.Keyed) == "1",
            Field(FeedbackStreamFields.Client),
            !entry[FeedbackStreamFields.ShownIn].IsNull);
    }

    private static RecommendationRequest? ReadRequest(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            var request = JsonSerializer.Deserialize(json, RecommendationJsonContext.Default.RecommendationRequest);
            return request is { Challenge.Length: > 0 } ? request : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
