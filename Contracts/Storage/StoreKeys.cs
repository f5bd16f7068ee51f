namespace Recommend.Contracts.Storage;

/// <summary>
/// The Redis layout, in one place, so the ingest worker (writer) and the recommender (reader)
/// cannot drift apart. Every key starts with "rec:"; cache keys carry the index version.
/// </summary>
/// <remarks>
/// The model registry is four keys and a set per version. <see cref="Index"/> holds one immutable version: parts
/// "meta", "practices" (the snapshot it was built from), "lexical", "dense" (MiniLM vectors) and,
/// for retrained versions, "reranker" (ML.NET LightGbm model), "feedback" (counts it learned from)
/// and "card" (created, command, text settings, held-out scores). <see cref="IndexVersions"/> lists
/// every stored version by the time it was stored or last made current; <see cref="CurrentIndexVersion"/>
/// names the one served; <see cref="IndexHistory"/> remembers which versions were current, newest
/// first, so a rollback knows where to go; <see cref="IndexPracticeIds"/> lists each version's practices.
/// Moving current, rolling back and pruning are Lua scripts (atomic): the pointer never names a
/// version whose hash is gone.
/// </remarks>
public static class StoreKeys
{
    public const string Prefix = "rec:";

    /// <summary>One practice, as snake_case JSON.</summary>
    public static string Practice(string id) => $"{Prefix}practice:{id}";

    /// <summary>
    /// Set of every practice id with a stored document (<see cref="Practice"/>): the practices of every
    /// retained index version. Which practices a version serves is <see cref="IndexPracticeIds"/>.
    /// </summary>
    public const string PracticeIds = Prefix + "practices";

    /// <summary>
    /// Set of the practice ids in one index version, written with the version and deleted when it is
    /// pruned. Practice documents are shared between versions: pruning deletes a document once no
    /// retained version lists its id. Readers serve exactly the current version's practices from it.
    /// </summary>
    public static string IndexPracticeIds(string version) => $"{Prefix}index:{version}:practices";

    /// <summary>The active index version (a string).</summary>
    public const string CurrentIndexVersion = Prefix + "index:current";

    /// <summary>Sorted set of published versions, scored by publish time (for rollback and listing).</summary>
    public const string IndexVersions = Prefix + "index:versions";

    /// <summary>Hash holding one index version's metadata and its serialised parts.</summary>
    public static string Index(string version) => $"{Prefix}index:{version}";

    /// <summary>List of versions that were made current, newest first (capped), for rollback and for pruning's "never the one rolled back to".</summary>
    public const string IndexHistory = Prefix + "index:history";

    /// <summary>
    /// Hash of feedback counts for one practice: signal (useful, not_relevant, adopted, dismissed) -> count.
    /// Read by <c>retrain --feedback</c>; a practice without the key has no feedback.
    /// </summary>
    public static string FeedbackCounts(string practiceId) => $"{Prefix}feedback:counts:{practiceId}";

    /// <summary>
    /// The canonical request behind a recommendation's <c>request_id</c> ("VERSION.HASH": this key
    /// takes the HASH), as API JSON, written by the recommender when it computes an answer, so
    /// feedback can be learned from together with the query it answered. One key per distinct
    /// request (the hash is of the canonical request), kept <see cref="AnsweredRequestTimeToLive"/>.
    /// </summary>
    public static string AnsweredRequest(string requestHash) => $"{Prefix}request:{requestHash}";

    /// <summary>How long an answered request is kept: far longer than any cached ranking, so feedback on any answer still served finds it.</summary>
    public static readonly TimeSpan AnsweredRequestTimeToLive = TimeSpan.FromDays(30);

    /// <summary>
    /// What the answer with this <c>request_id</c> showed (<c>ShownPractices</c> as JSON), written by the
    /// recommender when it computes the answer, kept <see cref="AnsweredRequestTimeToLive"/>; the
    /// feedback handler reads it to log the rank each practice was shown at.
    /// </summary>
    public static string AnsweredShown(string requestId) => $"{Prefix}request-shown:{requestId}";

    /// <summary>The request hash inside a <c>request_id</c>, or null when it is not of the form "VERSION.HASH".</summary>
    public static string? RequestHashOf(string? requestId) =>
        requestId is not null && requestId.LastIndexOf('.') is var dot and > 0 && dot < requestId.Length - 1 ? requestId[(dot + 1)..] : null;

    /// <summary>Pub/sub channel announcing a newly published version (the payload is the version).</summary>
    public const string IndexPublishedChannel = Prefix + "events:index-published";

    /// <summary>
    /// Hash of every known council: code (upper case) -> <c>CouncilProfile</c> as snake_case JSON.
    /// Written with HSET only, so a reference list pushed by the CLI survives an ingest restart;
    /// delete the key to forget councils.
    /// </summary>
    public const string Councils = Prefix + "councils";

    /// <summary>Pub/sub channel announcing that <see cref="Councils"/> changed (the payload is how many were written).</summary>
    public const string CouncilsUpdatedChannel = Prefix + "events:councils-updated";

    /// <summary>Lock held while one ingest worker builds and publishes an index.</summary>
    public const string PublishLock = Prefix + "lock:publish";

    /// <summary>
    /// A cached ranking: version first, so a new index never serves an old ranking. The recommender
    /// passes "{index version}~{reports fingerprint}" once any council has reported an adoption, so a
    /// new report never serves an old ranking either.
    /// </summary>
    public static string CachedRanking(string version, string requestHash) => $"{Prefix}cache:{version}:{requestHash}";

    /// <summary>
    /// Ingestion stream (new or changed practices) and its consumer group. Each entry holds the
    /// fields named in <c>IngestStreamFields</c>; an entry is deleted once acknowledged, so the
    /// stream only ever holds work not yet done. Entries that failed too often, with the reason,
    /// go to <see cref="IngestDeadLetters"/> (kept until someone deletes them).
    /// </summary>
    public const string IngestStream = Prefix + "stream:ingest";
    public const string IngestGroup = "ingest-workers";
    public const string IngestDeadLetters = Prefix + "stream:ingest:dead";

    /// <summary>Where one submission stands (<c>IngestStatus</c> as JSON), kept for <see cref="IngestStatusTimeToLive"/>.</summary>
    public static string IngestStatus(string trackingId) => $"{Prefix}ingest:status:{trackingId}";

    public static readonly TimeSpan IngestStatusTimeToLive = TimeSpan.FromDays(7);

    /// <summary>Hash: stream entry id -> failed attempts so far, for dead-lettering after N tries (field removed on ack).</summary>
    public const string IngestAttempts = Prefix + "ingest:attempts";

    /// <summary>
    /// Hash: practice id -> SHA-256 of its stored JSON. Upserts compare against it, so a redelivered
    /// or re-imported record that changes nothing publishes nothing.
    /// </summary>
    public const string PracticeHashes = Prefix + "practice-hashes";

    /// <summary>
    /// Set of practice ids that arrived through <see cref="IngestStream"/> (submitted or imported
    /// with --publish). Ingest adds them to the seed catalogue when it starts, so a restart never
    /// drops them; their records are under <see cref="Practice"/>.
    /// </summary>
    public const string StreamedPracticeIds = Prefix + "practices:streamed";

    /// <summary>
    /// Feedback queue: one entry per POST /api/v1/feedback (fields in <c>FeedbackStreamFields</c>),
    /// consumed by ingest and deleted once stored; malformed entries go to <see cref="FeedbackDeadLetters"/>.
    /// </summary>
    public const string FeedbackStream = Prefix + "stream:feedback";
    public const string FeedbackGroup = "feedback-workers";
    public const string FeedbackDeadLetters = Prefix + "stream:feedback:dead";

    /// <summary>Hash: feedback stream entry id -> failed attempts so far (field removed on ack).</summary>
    public const string FeedbackAttempts = Prefix + "feedback:attempts";

    /// <summary>
    /// Durable log of every stored feedback event, for retraining (never trimmed by the app): fields
    /// request_id, practice_id, signal, council (may be empty), received_at (ISO 8601 UTC), source_id
    /// (the queue entry it came from). Read it with XRANGE; the entry id orders events in time.
    /// </summary>
    public const string FeedbackEvents = Prefix + "feedback:events";

    // FeedbackCounts (written by ingest's feedback worker, read by retrain) is declared above.

    /// <summary>
    /// Hash: "{practice id}|{COUNCIL CODE}" -> how many "adopted" signals named that council. The
    /// recommender reads it whole (it is small) for "adopted by councils like yours".
    /// </summary>
    public const string FeedbackAdoptions = Prefix + "feedback:adoptions";

    /// <summary>Pub/sub channel announcing that <see cref="FeedbackAdoptions"/> changed.</summary>
    public const string FeedbackAdoptionsChannel = Prefix + "events:feedback-adoptions";

    // What councils say for themselves, behind their keys. One hash tag ({councils}) for all of it:
    // a report, its index and its audit entry are written in one transaction, which on a Redis
    // Cluster needs every key in one slot. The volume is small (a few reports per council).

    /// <summary>
    /// Hash: council key id -> <c>CouncilKeyRecord</c> as JSON (the council, the SHA-256 of the key's
    /// secret, when it was issued and revoked). The secret itself is never stored.
    /// </summary>
    public const string CouncilKeys = Prefix + "{councils}:keys";

    /// <summary>
    /// Stream: who reported what, when: one entry per key issued or revoked, adoption report written,
    /// and keyed "adopted" feedback (fields in <c>AuditFields</c>). Never trimmed by the app.
    /// </summary>
    public const string CouncilAudit = Prefix + "{councils}:audit";

    /// <summary>Hash: upper-case council code -> that council's <c>AdoptionReport</c> of one practice, as JSON. A council's new report replaces its old one.</summary>
    public static string AdoptionReports(string practiceId) => $"{Prefix}{{councils}}:adoptions:{practiceId}";

    /// <summary>Set of the practice ids that have at least one <see cref="AdoptionReports"/> entry, so readers need not scan.</summary>
    public const string AdoptionReportPractices = Prefix + "{councils}:adoptions";

    /// <summary>Pub/sub channel announcing that an adoption report was written (the payload is the practice id).</summary>
    public const string AdoptionReportsChannel = Prefix + "events:adoption-reports";

    /// <summary>A random salt, created once, for hashing client addresses in the feedback log (<c>FeedbackStreamFields.Client</c>).</summary>
    public const string FeedbackClientSalt = Prefix + "feedback:client-salt";
}
