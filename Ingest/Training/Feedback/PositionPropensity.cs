namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// How likely a practice shown at a given position was looked at, relative to the first result,
/// estimated from the log itself. Results near the top get more feedback because more people read
/// them, not only because they are better; weighting each event by the inverse of its position's
/// propensity (inverse-propensity weighting) removes that advantage.
/// <para>
/// The estimator ("any response"): feedback goes both ways (useful and not relevant), so any
/// signal at all says the result was examined. For each position k, the share of answers showing a
/// result at k that got a signal there, R(k) / I(k), divided by the same share at position 1, is
/// the propensity p(k). An answer counts (I) once it got any feedback (it was read); how many
/// results it showed is what the current text pipeline and floor show for its request
/// (<c>shownResults</c>). Related practices, shown apart below the results, are one position of their
/// own. Positions past <see cref="MaxPosition"/> are pooled; p is made non-increasing down the
/// results and clipped to [<see cref="MinPropensity"/>, 1], so one rarely seen position cannot
/// weigh an event more than 1 / <see cref="MinPropensity"/> times. With fewer than
/// <see cref="MinFirstPositionSignals"/> signals at position 1 there is too little to estimate and
/// every propensity is 1 (no correction). The estimate assumes that whether an examined result
/// gets a signal does not depend on its position; if relevant results get answered more often than
/// irrelevant ones, the top (more relevant) positions look more examined than they are and the
/// correction is a little too strong.
/// </para>
/// </summary>
public sealed record PositionPropensity(IReadOnlyList<double> ByPosition, double Related, int FirstPositionSignals)
{
    public const int MaxPosition = 10;
    public const double MinPropensity = 0.2;
    public const int MinFirstPositionSignals = 30;

    public static PositionPropensity None { get; } = new([.. Enumerable.Repeat(1.0, MaxPosition)], 1, 0);

    /// <summary>The propensity of the least examined position: its events weigh a full vote, the rest less.</summary>
    public double Lowest => Math.Min(ByPosition.Min(), Related);

    /// <summary>The propensity of the position an event was shown at (1 when unknown: no correction).</summary>
    public double Of(LoggedFeedback feedback) => feedback.ShownIn == LoggedFeedback.InRelated
        ? Related
        : feedback.Rank is { } rank ? ByPosition[Math.Min(rank, MaxPosition) - 1] : 1;

    /// <param name="events">The log, one event per answer and practice (already de-duplicated).</param>
    /// <param name="shown">For an answer (by request id), how many results and related practices it showed; null when unknown.</param>
    public static PositionPropensity Estimate(IReadOnlyList<LoggedFeedback> events, Func<string, (int Results, int Related)?> shown)
    {
        var signals = new double[MaxPosition + 1];
        var relatedSignals = 0.0;
        foreach (var e in events.Where(e => e.Rank is not null || e.ShownIn == LoggedFeedback.InRelated))
        {
            if (e.ShownIn == LoggedFeedback.InRelated)
            {
                relatedSignals++;
            }
            else
            {
                signals[Math.Min(e.Rank!.Value, MaxPosition)]++;
            }
        }

        if (signals[1] < MinFirstPositionSignals)
        {
            return None with { FirstPositionSignals = (int)signals[1] };
        }

        // Impressions: every answer that got any positioned feedback showed positions 1..results.
        var impressions = new double[MaxPosition + 1];
        var relatedImpressions = 0.0;
        foreach (var answer in events.Where(e => e.Rank is not null || e.ShownIn == LoggedFeedback.InRelated).GroupBy(e => e.RequestId, StringComparer.Ordinal))
        {
            var counts = shown(answer.Key);
            var results = counts?.Results ?? answer.Where(e => e.ShownIn != LoggedFeedback.InRelated).Select(e => e.Rank ?? 0).DefaultIfEmpty(0).Max();
            var related = counts?.Related ?? answer.Count(e => e.ShownIn == LoggedFeedback.InRelated);
            for (var k = 1; k <= Math.Min(results, MaxPosition); k++)
            {
                // The pooled last position stands for every position from it down.
                impressions[k] += k == MaxPosition ? results - MaxPosition + 1 : 1;
            }

            relatedImpressions += related;
        }

        var first = signals[1] / Math.Max(1, impressions[1]);
        var byPosition = new double[MaxPosition];
        var previous = 1.0;
        for (var k = 1; k <= MaxPosition; k++)
        {
            var rate = impressions[k] > 0 ? signals[k] / impressions[k] / first : previous;
            previous = Math.Clamp(Math.Min(rate, previous), MinPropensity, 1);
            byPosition[k - 1] = previous;
        }

        var relatedRate = relatedImpressions > 0 ? relatedSignals / relatedImpressions / first : 1;
        return new PositionPropensity(byPosition, Math.Clamp(relatedRate, MinPropensity, 1), (int)signals[1]);
    }
}
