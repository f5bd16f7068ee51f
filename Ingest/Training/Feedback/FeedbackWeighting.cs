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
/// <para>
/// Silence (<see cref="SilentNegatives"/>): a practice a reader probably examined above (or just
/// below) the lowest one they answered, and said nothing about, is weak "not useful" evidence. Its
/// weight is the silent weight f (chosen by retraining on the training queries from <see cref="SilentGrid"/>)
/// times the chance its position was examined, p(k), in votes (an explicit event at the least examined
/// position weighs one): so silence never weighs more than f of the heaviest explicit event, and less
/// the less likely it was read. It is not inverse-propensity weighted: an unexamined silence says
/// nothing, and inverting the propensity would amplify exactly
/// those. Silences share the speaker's one vote on the practice with what it said, each counting f
/// of an event in the sharing (the weights are divided by the shares' sum when it exceeds 1), so a
/// voice's evidence on a practice, said and silent together, never
/// exceeds one vote (a hostile client asking many times gains no more against a practice by
/// silence than one <c>not_relevant</c> would give it).
/// </para>
/// </summary>
public static class FeedbackWeighting
{
    public const double KeyedTrust = 1;
    public const double AnonymousTrust = 0.25;

    /// <summary>
    /// Silent weights retraining tries (<c>Retrainer</c>, on the training queries, by the criterion the
    /// floor shift is chosen with; ties go to the smaller). At most 1: a silence never weighs more than
    /// one vote (the heaviest explicit event), and 0 keeps learning from what was said alone. With the
    /// position propensities the simulated readers produce (p(lowest) about 0.2), 0.1 makes a silence at
    /// position 1 half an explicit <c>not_relevant</c> there.
    /// </summary>
    public static IReadOnlyList<double> SilentGrid { get; } = [0, 0.1, 0.2, 0.5, 1];

    /// <summary>
    /// Evidence from one event, after every correction: about one practice, for one challenge, from one council's request.
    /// <paramref name="Silent"/> is weak "not useful" evidence from silence (already multiplied by the silent weight), kept
    /// apart from <paramref name="NotRelevant"/> because it grades nothing (<see cref="FeedbackQueries"/> reads only what was said).
    /// </summary>
    public sealed record Contribution(string PracticeId, string Challenge, string? Council, double Useful, double NotRelevant, string Speaker, double Silent = 0);

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

    /// <param name="deduplicated">The log, one event per answer and practice.</param>
    /// <param name="propensity">How likely each position is examined.</param>
    /// <param name="silent">Practices passed over in silence (<see cref="SilentNegatives.Infer"/>); counted only when <paramref name="silentWeight"/> is above 0.</param>
    /// <param name="silentWeight">f: what a silence at the most examined position weighs, in votes (an explicit event at the least examined position weighs one).</param>
    public static IReadOnlyList<Contribution> Weigh(IReadOnlyList<LoggedFeedback> deduplicated, PositionPropensity propensity, IReadOnlyList<SilentNegatives.Observation>? silent = null, double silentWeight = 0)
    {
        if (silentWeight is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(silentWeight), silentWeight, "A silence weighs between 0 and 1 of an explicit signal.");
        }

        var usable = deduplicated.Where(e => e.Request?.Challenge is { Length: > 0 } && ValueOf(e.Signal) != 0 && !e.NotShown).ToList();
        IReadOnlyList<SilentNegatives.Observation> silences = silentWeight > 0 && silent is not null ? silent : [];

        // One vote per voice and practice, shared by its events on it: each said event counts 1, each
        // silence f (a silence weighs at most f, so shares below 1 divide nothing).
        var shares = new Dictionary<(string, string), double>();
        foreach (var e in usable)
        {
            shares[(e.Speaker, e.PracticeId)] = shares.GetValueOrDefault((e.Speaker, e.PracticeId)) + 1;
        }

        foreach (var s in silences)
        {
            shares[(s.Speaker, s.PracticeId)] = shares.GetValueOrDefault((s.Speaker, s.PracticeId)) + silentWeight;
        }

        var contributions = new List<Contribution>(usable.Count + silences.Count);
        foreach (var e in usable)
        {
            var trust = e.Keyed ? KeyedTrust : AnonymousTrust;
            var weight = trust * (propensity.Lowest / propensity.Of(e)) / Math.Max(1, shares[(e.Speaker, e.PracticeId)]);
            var value = ValueOf(e.Signal);
            contributions.Add(new Contribution(
                e.PracticeId,
                e.Request!.Challenge!,
                e.Council ?? e.Request.Council?.ToUpperInvariant(),
                value > 0 ? weight : 0,
                value < 0 ? weight : 0,
                e.Speaker));
        }

        foreach (var s in silences)
        {
            var trust = s.Keyed ? KeyedTrust : AnonymousTrust;
            var weight = trust * silentWeight * Math.Clamp(s.Examined, 0, 1) / Math.Max(1, shares[(s.Speaker, s.PracticeId)]);
            contributions.Add(new Contribution(s.PracticeId, s.Challenge, s.Council, 0, 0, s.Speaker, weight));
        }

        return contributions;
    }
}
