namespace Recommend.Core.Storage;

/// <summary>
/// The Redis layout, in one place, so the ingest worker (writer) and the recommender (reader)
/// cannot drift apart. Every key starts with "rec:"; cache keys carry the index version.
/// </summary>
public static class StoreKeys
{
    public const string Prefix = "rec:";

    /// <summary>One practice, as snake_case JSON.</summary>
    public static string Practice(string id) => $"{Prefix}practice:{id}";

    /// <summary>Set of every stored practice id.</summary>
    public const string PracticeIds = Prefix + "practices";

    /// <summary>The active index version (a string).</summary>
    public const string CurrentIndexVersion = Prefix + "index:current";

    /// <summary>Sorted set of published versions, scored by publish time (for rollback and listing).</summary>
    public const string IndexVersions = Prefix + "index:versions";

    /// <summary>Hash holding one index version's metadata and its serialised parts.</summary>
    public static string Index(string version) => $"{Prefix}index:{version}";

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

    /// <summary>A cached ranking: version first, so a new index never serves an old ranking.</summary>
    public static string CachedRanking(string version, string requestHash) => $"{Prefix}cache:{version}:{requestHash}";

    /// <summary>Ingestion stream (new or changed practices) and its consumer group.</summary>
    public const string IngestStream = Prefix + "stream:ingest";
    public const string IngestGroup = "ingest-workers";
    public const string IngestDeadLetters = Prefix + "stream:ingest:dead";
}
