using Recommend.Contracts.Feedback;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// Turns the raw log into evidence that resists manipulation and position bias:
/// <list type="number">
/// <item>one answer's events count once per practice (the latest signal wins: a person may change their mind);</item>
/// <item>feedback on a practice the answer did not show counts for nothing (<see cref="LoggedFeedback.NotShown"/>);</item>
/// <item>useful and adopted count +1, not relevant -1; dismissed says nothing about relevance (a council may hide what it already does) and counts 0;</item>
/// <item>each event is weighted by the inverse propensity of the position it was shown at (<see cref="PositionPropensity"/>),
/// scaled so the least examined position weighs 1 (and the first p(lowest) / p(1)):
/// the ratios between positions are what corrects the bias, and no claimed position makes an event weigh more than one vote;</item>
/// <item>anonymous voices weigh <see cref="AnonymousTrust"/> of a keyed council's;</item>
/// <item>one voice (<see cref="LoggedFeedback.Speaker"/>: a keyed council, else a client address) says at most one
/// event's worth about one practice, however many answers it posts on: its events on that practice share one vote.</item>
/// </list>
/// So 300 posts from one anonymous client about one practice weigh at most what one anonymous event does: <see cref="AnonymousTrust"/>.
/// </summary>
public static class FeedbackWeighting
{
    public const double KeyedTrust = 1;
    public const double AnonymousTrust = 0.25;

    /// <summary>Evidence from one event, after every correction: about one practice, for one challenge, from one council's request.</summary>
    public sealed record Contribution(string PracticeId, string Challenge, string? Council, double Useful, double NotRelevant, string Speaker);

    /// <summary>One event per answer and practice, the latest (the log is in arrival order).</summary>
    public static IReadOnlyList<LoggedFeedback> Deduplicate(IReadOnlyList<LoggedFeedback> events)
    {
        var latest = new Dictionary<(string, string), LoggedFeedback>();
        foreach (var e in events)
        {
            latest[(e.RequestId, e.PracticeId)] = e;
        }

        return [.. latest.Values];
    }

    public static double ValueOf(string signal) => signal switch
    {
        FeedbackSignal.Useful or FeedbackSignal.Adopted => 1,
        FeedbackSignal.NotRelevant => -1,
        _ => 0,
    };

    public static IReadOnlyList<Contribution> Weigh(IReadOnlyList<LoggedFeedback> deduplicated, PositionPropensity propensity)
    {
        var usable = deduplicated.Where(e => e.Request?.Challenge is { Length: > 0 } && ValueOf(e.Signal) != 0 && !e.NotShown).ToList();
        var votes = usable.GroupBy(e => (e.Speaker, e.PracticeId)).ToDictionary(g => g.Key, g => g.Count());
        var contributions = new List<Contribution>(usable.Count);
        foreach (var e in usable)
        {
            var trust = e.Keyed ? KeyedTrust : AnonymousTrust;
            var weight = trust * (propensity.Lowest / propensity.Of(e)) / votes[(e.Speaker, e.PracticeId)];
            var value = ValueOf(e.Signal);
            contributions.Add(new Contribution(
                e.PracticeId,
                e.Request!.Challenge!,
                e.Council ?? e.Request.Council?.ToUpperInvariant(),
                value > 0 ? weight : 0,
                value < 0 ? weight : 0,
                e.Speaker));
        }

        return contributions;
    }
}
