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

    /// <summary>
    /// "1" when a council key named in <c>X-Council-Key</c> spoke for <see cref="Council"/> (verified by
    /// the gateway), "0" for anonymous feedback, whose council, if any, is only a claim.
    /// </summary>
    public const string Keyed = "keyed";

    /// <summary>On the queue only: the id (never the key) of the council key that spoke, for the audit log of keyed adoptions.</summary>
    public const string KeyId = "key_id";

    /// <summary>
    /// A short salted hash of the client's address (never the address itself): lets retraining cap
    /// what one client can say, and tells a burst from one source apart from many councils agreeing.
    /// </summary>
    public const string Client = "client";

    /// <summary>In the event log only: the 1-based position the practice was shown at in <see cref="ShownIn"/>, or empty when unknown.</summary>
    public const string Rank = "rank";

    /// <summary>In the event log only: "results" or "related" (<c>ShownList</c>), or empty when the answer is unknown or did not show the practice.</summary>
    public const string ShownIn = "shown_in";
}
