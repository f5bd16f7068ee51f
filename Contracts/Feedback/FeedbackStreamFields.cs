namespace Recommend.Contracts.Feedback;

/// <summary>The fields of one entry on the feedback stream (and of the durable event log), written by the gateway, read by ingest.</summary>
public static class FeedbackStreamFields
{
    public const string RequestId = "request_id";
    public const string PracticeId = "practice_id";
    public const string Signal = "signal";

    /// <summary>Upper-case council code, or empty when none was given.</summary>
    public const string Council = "council";

    /// <summary>When the gateway received it (ISO 8601, UTC).</summary>
    public const string ReceivedAt = "received_at";

    /// <summary>
    /// In the event log only: the canonical request the practice was recommended for (API JSON, as
    /// the recommender stored it under <c>StoreKeys.AnsweredRequest</c>), or empty when it is unknown or expired.
    /// </summary>
    public const string Request = "request";

    /// <summary>In the event log only: the queue entry the event came from, so a redelivery is recognisable.</summary>
    public const string SourceId = "source_id";

    /// <summary>1-based position at which the practice was shown, or empty when unknown.</summary>
    public const string Rank = "rank";

    /// <summary>Where the practice was shown: "results" or "related", or empty when unknown.</summary>
    public const string ShownIn = "shown_in";

    /// <summary>"1" when a valid council key spoke for <see cref="Council"/>, else "0".</summary>
    public const string Keyed = "keyed";

    /// <summary>A short salted hash of the client's address, for per-client caps.</summary>
    public const string Client = "client";
}
