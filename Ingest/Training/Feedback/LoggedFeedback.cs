using Recommend.Contracts.Recommendations;

namespace Recommend.Ingest.Training.Feedback;

/// <summary>
/// One entry of the durable feedback log as retraining reads it: which answer (<paramref name="RequestId"/>)
/// and request it was about, the practice and signal, where the practice was shown, who spoke
/// (<paramref name="Council"/>, whether a council key vouched for it, the client's hashed address),
/// and the log entry's id, whose order is the order events arrived in. <paramref name="WhereShownLogged"/>
/// says the entry comes from a log that records where each practice was shown (older entries do not),
/// so an empty <paramref name="ShownIn"/> there means the answer did not show the practice.
/// </summary>
public sealed record LoggedFeedback(
    string EntryId,
    string RequestId,
    string PracticeId,
    string Signal,
    string? Council,
    RecommendationRequest? Request,
    int? Rank,
    string? ShownIn,
    bool Keyed,
    string? Client,
    bool WhereShownLogged = false)
{
    /// <summary>Feedback on a practice its answer did not show: it says nothing about that ranking (and is what a burst for an unrelated practice looks like).</summary>
    public bool NotShown => WhereShownLogged && ShownIn is null;

    public const string InResults = "results";
    public const string InRelated = "related";

    /// <summary>
    /// Whose voice this is, for per-client caps: a keyed council speaks as itself wherever it posts
    /// from; anyone else is their client address; an event from before client addresses were logged
    /// is its own answer's (so it counts once, like any one request's events).
    /// </summary>
    public string Speaker => Keyed && Council is not null ? $"council:{Council}" : Client is { Length: > 0 } client ? $"client:{client}" : $"request:{RequestId}";
}
