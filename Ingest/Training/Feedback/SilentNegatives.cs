using System.Text.Json;
using Recommend.Contracts.Feedback;
using Recommend.Contracts.Storage;
using StackExchange.Redis;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// What a reader passed over in silence. When a reader answered a practice at some position of an
/// answer, they read down that far: the practices shown above it (and the one just below, which a
/// reader's eye usually reaches too) were probably examined, and those nobody said anything about
/// were examined and not found useful. This is the "skip above" reading of clicks (Joachims et al.,
/// 2005, "Accurately interpreting clickthrough data as implicit feedback"), softened by the
/// examination hypothesis: a position counts as examined only with its estimated propensity
/// (<see cref="PositionPropensity"/>), since a reader of a position-biased list skips some results
/// above the one they answered without reading them.
/// <para>
/// Silence is weak evidence and is weighed as such by <see cref="FeedbackWeighting.Weigh"/>. Here
/// it is only observed, with the same protections as explicit feedback:
/// <list type="bullet">
/// <item>only answers a reader engaged with: an event on a practice the answer showed (feedback on a
/// practice it did not show, a hostile burst's usual form, reveals no reading and makes no silence);</item>
/// <item>only answers whose shown practices are known (<see cref="ShownPractices"/>, stored by the recommender
/// for <c>StoreKeys.AnsweredRequestTimeToLive</c>); for the rest nothing is inferred;</item>
/// <item>a practice anyone gave feedback on in that answer is not silent (what was said counts instead);</item>
/// <item>one observation per answer and practice, however many readers passed it over: the most
/// trusted reader's, then the most examined position, then the first speaker in ordinal order;</item>
/// <item>each observation belongs to the voice (<see cref="LoggedFeedback.Speaker"/>) whose reading
/// implied it, so that voice's cap applies to it.</item>
/// </list>
/// </para>
/// </summary>
public static class SilentNegatives
{
    /// <summary>Request ids looked up per round trip when reading what answers showed.</summary>
    private const int ShownBatch = 500;

    /// <summary>How many positions below the lowest answered one still count as read (Joachims' "no-click next").</summary>
    public const int Near = 1;

    /// <summary>
    /// A practice an answer showed that a reader probably examined and said nothing about.
    /// <paramref name="Examined"/> is the chance its position was examined (its propensity, 0..1).
    /// </summary>
    public sealed record Observation(string RequestId, string PracticeId, int Position, string ShownIn, double Examined, string Challenge, string? Council, bool Keyed, string Speaker);

    /// <param name="deduplicated">The log, one event per answer and practice.</param>
    /// <param name="shown">What the answer with this request id showed, or null when unknown.</param>
    /// <param name="propensity">How likely each position is examined.</param>
    public static IReadOnlyList<Observation> Infer(IReadOnlyList<LoggedFeedback> deduplicated, Func<string, ShownPractices?> shown, PositionPropensity propensity)
    {
        var said = deduplicated.Select(e => (e.RequestId, e.PracticeId)).ToHashSet();
        var kept = new Dictionary<(string, string), Observation>();
        var readings = deduplicated
            .Where(e => !e.NotShown && (e.Rank is not null || e.ShownIn == LoggedFeedback.InRelated))
            .GroupBy(e => (e.RequestId, e.Speaker));
        foreach (var reading in readings)
        {
            if (shown(reading.Key.RequestId) is not { } answer)
            {
                continue;
            }

            // Reading order: the results by rank, then the related practices below them.
            var order = answer.Results.OrderBy(r => r.Rank)
                .Select(r => (r.Id, Position: r.Rank, List: LoggedFeedback.InResults))
                .Concat(answer.Related.Select((id, i) => (Id: id, Position: i + 1, List: LoggedFeedback.InRelated)))
                .ToList();
            var deepest = reading.Select(e => order.FindIndex(o => o.Id == e.PracticeId && o.List == (e.ShownIn ?? LoggedFeedback.InResults))).Max();
            var first = reading.First();
            var request = reading.Select(e => e.Request).FirstOrDefault(r => r?.Challenge is { Length: > 0 });
            if (deepest < 0 || request is null)
            {
                continue;
            }

            var council = reading.Select(e => e.Council).FirstOrDefault(c => c is not null) ?? request.Council?.ToUpperInvariant();
            for (var i = 0; i <= Math.Min(deepest + Near, order.Count - 1); i++)
            {
                var (id, position, list) = order[i];
                if (i == deepest || said.Contains((reading.Key.RequestId, id)))
                {
                    continue;
                }

                var examined = list == LoggedFeedback.InRelated ? propensity.Related : propensity.ByPosition[Math.Clamp(position, 1, PositionPropensity.MaxPosition) - 1];
                var observation = new Observation(reading.Key.RequestId, id, position, list, examined, request.Challenge!, council, first.Keyed, first.Speaker);
                var key = (reading.Key.RequestId, id);
                if (!kept.TryGetValue(key, out var other) || Precedes(observation, other))
                {
                    kept[key] = observation;
                }
            }
        }

        return [.. kept.Values];
    }

    private static bool Precedes(Observation a, Observation b) =>
        a.Keyed != b.Keyed ? a.Keyed
        : a.Examined != b.Examined ? a.Examined > b.Examined
        : string.CompareOrdinal(a.Speaker, b.Speaker) < 0;

    /// <summary>
    /// What each answer showed, as the recommender stored it when it computed the answer
    /// (<see cref="StoreKeys.AnsweredShown"/>, kept <see cref="StoreKeys.AnsweredRequestTimeToLive"/>),
    /// by request id; answers whose record expired or cannot be read are left out (nothing is inferred from them).
    /// </summary>
    public static async Task<Dictionary<string, ShownPractices>> ReadShownAsync(IDatabase db, IReadOnlyList<string> requestIds, CancellationToken cancellationToken)
    {
        var shown = new Dictionary<string, ShownPractices>(StringComparer.Ordinal);
        foreach (var batch in requestIds.Where(id => StoreKeys.RequestHashOf(id) is not null).Distinct(StringComparer.Ordinal).Chunk(ShownBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var values = await db.StringGetAsync([.. batch.Select(id => (RedisKey)StoreKeys.AnsweredShown(id))]);
            for (var i = 0; i < batch.Length; i++)
            {
                if (Parse(values[i]) is { } answer)
                {
                    shown[batch[i]] = answer;
                }
            }
        }

        return shown;
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
}
