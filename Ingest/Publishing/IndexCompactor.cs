using System.Text.Json;
using System.Threading.Channels;
using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking;
using Recommend.Matching.Ranking.Versions;
using StackExchange.Redis;

namespace Recommend.Ingest.Publishing;

/// <summary>
/// Folds a delta version's segments into a base of the same version id, in the background, once a
/// submission finds its version standing on <see cref="IndexVersionOptions.CompactAfterSegments"/>
/// segments: loads the version whole, writes it aside and swaps it in under the lease
/// (<see cref="IndexVersionWriter.MaterialiseAsync"/>). Submissions keep landing meanwhile; the one
/// current at the end is re-pointed at the new base, and pruning then frees the old base and segments.
/// Replicas notice nothing: the version id and content are unchanged. The whole version is read and
/// written through a connection of its own (opened on first use, with the shared one's settings):
/// StackExchange.Redis pipelines every command of a multiplexer on one socket, so a 600 MB base on
/// the shared connection would queue each submission's few kilobytes behind it.
/// </summary>
public sealed partial class IndexCompactor(IConnectionMultiplexer redis, IndexVersionWriter writer, ILogger<IndexCompactor> logger) : BackgroundService
{
    // One waiting request is enough: a later version includes every segment of an earlier one.
    private readonly Channel<string> _requests = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });

    // A whole base at 100k practices is about 600 MB; the shared connection's timeout is set for small commands.
    private static readonly TimeSpan BulkTimeout = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _bulk;

    public void Request(string version) => _requests.Writer.TryWrite(version);

    /// <summary>Compacts <paramref name="version"/> now; false when it is already a base, gone, or changed meanwhile.</summary>
    public async Task<bool> CompactAsync(string version, CancellationToken cancellationToken)
    {
        using var activity = IngestTelemetry.Source.StartActivity("compact-index");
        activity?.SetTag("recommend.index_version", version);
        var db = await BulkDatabaseAsync(cancellationToken);
        var bytes = (byte[]?)await db.HashGetAsync(StoreKeys.Index(version), StoreKeys.IndexMetaField);
        var meta = bytes is null ? null : JsonSerializer.Deserialize(bytes, IndexMetaJsonContext.Default.IndexMeta);
        if (meta is not { IsDelta: true })
        {
            return false;
        }

        var started = TimeProvider.System.GetTimestamp();
        var index = await VersionLoader.LoadAsync(StoredVersions.Reader(db), version, embedder: null, serving: null, cancellationToken);
        var digest = meta.Digest is { } stored ? CatalogueDigest.Parse(stored) : CatalogueDigest.Of(index.Practices);
        var done = await writer.MaterialiseAsync(index, bytes!, digest, db, cancellationToken);
        var elapsedMs = (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        LogCompacted(logger, version, meta.Segments?.Count ?? 0, done, elapsedMs);
        return done;
    }

    public override void Dispose()
    {
        _bulk?.Dispose();
        _connecting.Dispose();
        base.Dispose();
    }

    private async Task<IDatabase> BulkDatabaseAsync(CancellationToken cancellationToken)
    {
        if (_bulk is { } opened)
        {
            return opened.GetDatabase();
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_bulk is null)
            {
                var options = ConfigurationOptions.Parse(redis.Configuration);
                options.ClientName = $"{options.ClientName ?? "ingest"}-compactor";
                options.AbortOnConnectFail = false;
                options.AsyncTimeout = Math.Max(options.AsyncTimeout, (int)BulkTimeout.TotalMilliseconds);
                options.SyncTimeout = Math.Max(options.SyncTimeout, (int)BulkTimeout.TotalMilliseconds);
                _bulk = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _bulk.GetDatabase();
        }
        finally
        {
            _connecting.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var version in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await CompactAsync(version, stoppingToken);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidDataException)
            {
                // Nothing is lost: the version serves as a delta, and the next submission asks again.
                LogFailed(logger, version, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Compacted index version {Version} ({Segments} segments) into a base: {Done} in {ElapsedMs} ms")]
    private static partial void LogCompacted(ILogger logger, string version, int segments, bool done, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not compact index version {Version}: {Reason}; the next submission asks again")]
    private static partial void LogFailed(ILogger logger, string version, string reason);
}
