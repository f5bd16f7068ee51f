namespace Recommend.Contracts.Storage;

/// <summary>
/// The Redis layout, in one place, so the ingest worker (writer) and the recommender (reader)
/// cannot drift apart. Every key starts with "rec:"; cache keys carry the index version.
/// </summary>
/// <remarks>
/// Redis Cluster: keys that one script, transaction or multi-key command touches together share a
/// hash tag (the part in braces, which alone picks the cluster slot): <see cref="IndexTag"/> for the
/// model registry (versions, segments, their id sets, "current", history), <see cref="IngestTag"/>
/// for the ingest queue (stream, dead letters, attempts), <see cref="FeedbackTag"/> for feedback
/// (queue, attempts, event log, counters, adoptions, answered requests). Everything else is read and
/// written one key at a time (practice documents, cached rankings, statuses), so it spreads over
/// the cluster's slots.
/// </remarks>
/// <remarks>
/// The model registry is four keys, a hash and a set per version, and a hash per delta segment.
/// <see cref="Index"/> holds one immutable version, in one of two shapes. A <b>base</b> holds every
/// part: "meta", "practices" (the snapshot it was built from), "lexical", "dense" (MiniLM vectors)
/// and, for retrained versions, "reranker" (ML.NET LightGbm model), "feedback" (counts it learned
/// from) and "card" (created, command, text settings, held-out scores). A <b>delta</b> (what a
/// submission writes) holds only "meta" (naming its base and its segments in order) and
/// <see cref="IndexBaseField"/>; its practices, lexical entries and vectors are in the
/// <see cref="IndexSegment"/> hashes it names. Compaction rewrites a delta as a base of the same
/// version id (same content, so nothing a reader holds changes). <see cref="IndexVersions"/> lists
/// every stored version by the time it was stored or last made current; <see cref="IndexSegments"/>
/// every stored segment; <see cref="CurrentIndexVersion"/> names the one served; <see cref="IndexHistory"/>
/// remembers which versions were current, newest first, so a rollback knows where to go;
/// <see cref="IndexPracticeIds"/> lists each version's practices (a delta's lists only those added
/// since its base: the version serves the union with its base's). Writing a delta and moving
/// current, rolling back, compacting and pruning are Lua scripts (atomic): the pointer never names a
/// version whose hash is gone.
/// </remarks>
public static class StoreKeys
{
    public const string Prefix = "rec:";

    /// <summary>The model registry's hash tag: every key of <see cref="Index"/>, its sets and segments, and the pointers.</summary>
    public const string IndexTag = Prefix + "{index}:";

    /// <summary>The ingest queue's hash tag.</summary>
    public const string IngestTag = Prefix + "{ingest}:";

    /// <summary>The feedback queue's and store's hash tag (its acknowledgement is one transaction over all of them).</summary>
    public const string FeedbackTag = Prefix + "{feedback}:";

    /// <summary>One practice, as snake_case JSON.</summary>
    public static string Practice(string id) => $"{Prefix}practice:{id}";

    /// <summary>
    /// Set of every practice id with a stored document (<see cref="Practice"/>): the practices of every
    /// retained index version. Which practices a version serves is <see cref="IndexPracticeIds"/>.
    /// </summary>
    public const string PracticeIds = Prefix + "practices";

    /// <summary>
    /// Set of the practice ids in one index version, written with the version and deleted when it is
    /// pruned; a delta's set holds the ids added since its base (the version serves both sets'
    /// union). Practice documents are shared between versions: pruning deletes a document once no
    /// retained version lists its id. Readers serve exactly the current version's practices from it.
    /// </summary>
    public static string IndexPracticeIds(string version) => $"{IndexTag}{version}:practices";

    /// <summary>The part of <see cref="Index"/> holding the version's meta (JSON).</summary>
    public const string IndexMetaField = "meta";

    /// <summary>The field of a delta version's <see cref="Index"/> naming its base (plain text, for readers that do not parse the meta).</summary>
    public const string IndexBaseField = "base";

    /// <summary>Hash holding one delta segment's parts: "meta", "practices", "lexical", "dense".</summary>
    public static string IndexSegment(string segmentId) => $"{IndexTag}segment:{segmentId}";

    /// <summary>Sorted set of every stored segment id, scored by the time it was stored, so pruning finds every one without a scan.</summary>
    public const string IndexSegments = IndexTag + "segments";

    /// <summary>Where compaction writes a version's base (hash, and its id set) before swapping it in; runs out by itself if compaction dies.</summary>
    public static string IndexCompacting(string version) => $"{IndexTag}{version}:compacting";

    public static string IndexPracticeIdsCompacting(string version) => $"{IndexTag}{version}:practices:compacting";

    /// <summary>The active index version (a string).</summary>
    public const string CurrentIndexVersion = IndexTag + "current";

    /// <summary>Sorted set of published versions, scored by publish time (for rollback and listing).</summary>
    public const string IndexVersions = IndexTag + "versions";

    /// <summary>Hash holding one index version's metadata and its serialised parts.</summary>
    public static string Index(string version) => $"{IndexTag}{version}";

    /// <summary>List of versions that were made current, newest first (capped), for rollback and for pruning's "never the one rolled back to".</summary>
    public const string IndexHistory = IndexTag + "history";

    /// <summary>
    /// Hash of feedback counts for one practice: signal (useful, not_relevant, adopted, dismissed) -> count.
    /// Read by <c>retrain --feedback</c>; a practice without the key has no feedback.
    /// </summary>
    public static string FeedbackCounts(string practiceId) => $"{FeedbackTag}counts:{practiceId}";

    /// <summary>
    /// The canonical request behind a recommendation's <c>request_id</c> ("VERSION.HASH": this key
    /// takes the HASH), as API JSON, written by the recommender when it computes an answer, so
    /// feedback can be learned from together with the query it answered. One key per distinct
    /// request (the hash is of the canonical request), kept <see cref="AnsweredRequestTimeToLive"/>.
    /// </summary>
    public static string AnsweredRequest(string requestHash) => $"{FeedbackTag}request:{requestHash}";

    /// <summary>How long an answered request is kept: far longer than any cached ranking, so feedback on any answer still served finds it.</summary>
    public static readonly TimeSpan AnsweredRequestTimeToLive = TimeSpan.FromDays(30);

    /// <summary>
    /// What the answer with this <c>request_id</c> showed (<c>ShownPractices</c> as JSON), written by the
    /// recommender when it computes the answer, kept <see cref="AnsweredRequestTimeToLive"/>; the
    /// feedback handler reads it to log the rank each practice was shown at.
    /// </summary>
    public static string AnsweredShown(string requestId) => $"{FeedbackTag}request-shown:{requestId}";

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
    public const string IngestStream = IngestTag + "stream";
    public const string IngestGroup = "ingest-workers";
    public const string IngestDeadLetters = IngestTag + "dead";

    /// <summary>Where one submission stands (<c>IngestStatus</c> as JSON), kept for <see cref="IngestStatusTimeToLive"/>.</summary>
    public static string IngestStatus(string trackingId) => $"{Prefix}ingest:status:{trackingId}";

    public static readonly TimeSpan IngestStatusTimeToLive = TimeSpan.FromDays(7);

    /// <summary>Hash: stream entry id -> failed attempts so far, for dead-lettering after N tries (field removed on ack).</summary>
    public const string IngestAttempts = IngestTag + "attempts";

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
    public const string FeedbackStream = FeedbackTag + "stream";
    public const string FeedbackGroup = "feedback-workers";
    public const string FeedbackDeadLetters = FeedbackTag + "dead";

    /// <summary>Hash: feedback stream entry id -> failed attempts so far (field removed on ack).</summary>
    public const string FeedbackAttempts = FeedbackTag + "attempts";

    /// <summary>
    /// Durable log of every stored feedback event, for retraining (never trimmed by the app): fields
    /// request_id, practice_id, signal, council (may be empty), received_at (ISO 8601 UTC), source_id
    /// (the queue entry it came from). Read it with XRANGE; the entry id orders events in time.
    /// </summary>
    public const string FeedbackEvents = FeedbackTag + "events";

    // FeedbackCounts (written by ingest's feedback worker, read by retrain) is declared above.

    // What councils say for themselves, behind their keys, under the feedback's hash tag: keyed
    // "adopted" feedback writes a report and its audit entry in the same transaction as the feedback
    // queue's acknowledgement, which on a Redis Cluster needs every key in one slot. The volume is
    // small (a few reports per council). Anonymous "adopted" claims from before council keys
    // (rec:feedback:adoptions) are no longer read.

    /// <summary>
    /// Hash: council key id -> <c>CouncilKeyRecord</c> as JSON (the council, the SHA-256 of the key's
    /// secret, when it was issued and revoked). The secret itself is never stored.
    /// </summary>
    public const string CouncilKeys = FeedbackTag + "council-keys";

    /// <summary>
    /// Stream: who reported what, when: one entry per key issued or revoked, adoption report written,
    /// and keyed "adopted" feedback (fields in <c>AuditFields</c>). Never trimmed by the app.
    /// </summary>
    public const string CouncilAudit = FeedbackTag + "council-audit";

    /// <summary>Hash: upper-case council code -> that council's <c>AdoptionReport</c> of one practice, as JSON. A council's new report replaces its old one.</summary>
    public static string AdoptionReports(string practiceId) => $"{FeedbackTag}adoption-reports:{practiceId}";

    /// <summary>Set of the practice ids that have at least one <see cref="AdoptionReports"/> entry, so readers need not scan.</summary>
    public const string AdoptionReportPractices = FeedbackTag + "adoption-reports";

    /// <summary>Pub/sub channel announcing that an adoption report was written (the payload is the practice id).</summary>
    public const string AdoptionReportsChannel = Prefix + "events:adoption-reports";

    /// <summary>A random salt, created once, for hashing client addresses in the feedback log (<c>FeedbackStreamFields.Client</c>).</summary>
    public const string FeedbackClientSalt = FeedbackTag + "client-salt";
}
