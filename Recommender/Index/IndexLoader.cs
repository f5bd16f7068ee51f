using Recommend.Matching.Ranking.Versions;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Recommender.Index;

/// <summary>
/// Keeps the in-memory index on the current version in Redis: loads at start (waiting for ingest
/// to publish), follows the publish event, and polls as a safety net for missed events. A new
/// version that is a delta on the one served (every submission) is applied in place, segment by
/// segment (<see cref="VersionLoader"/>); anything else (a rollback, a model) is loaded afresh and
/// swapped in whole. When Redis is slow or down the index already in memory keeps serving, and
/// loading resumes by itself.
/// </summary>
public sealed partial class IndexLoader(
    IConnectionMultiplexer redis,
    IndexHolder holder,
    QueryEmbedder queryEmbedder,
    RankingWarmUp warmUp,
    RecommenderTelemetry telemetry,
    ILogger<IndexLoader> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartupRetry = TimeSpan.FromSeconds(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new RedisFollower(redis, RedisChannel.Literal(StoreKeys.IndexPublishedChannel), logger, "loading the current index version")
            .RunAsync(RefreshAsync, StartupRetry, PollInterval, stoppingToken);

    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadIfChangedAsync(cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            LogBadIndex(logger, ex.Message);
        }

        return holder.Current is not null;
    }

    private async Task LoadIfChangedAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        var db = redis.GetDatabase();
        var version = (string?)await db.StringGetAsync(StoreKeys.CurrentIndexVersion);
        if (version is null || version == holder.Current?.Version)
        {
            return;
        }

        using var activity = RecommenderTelemetry.Source.StartActivity("load-index");
        activity?.SetTag("recommend.index_version", version);
        var parts = new RedisIndexParts(db);
        var reader = new IndexPartsReader(parts.ReadMetaAsync, parts.ReadVersionAsync, parts.ReadSegmentAsync);
        var index = await VersionLoader.LoadAsync(reader, version, queryEmbedder.Embedder, holder.Current, cancellationToken);
        if (holder.Current is null)
        {
            // Only before the first index is served: later versions run the same, already compiled, code.
            await warmUp.RunAsync(index, cancellationToken);
        }

        holder.Swap(index);
        telemetry.SetIndex(version, index.Practices.Count);
        LogLoaded(logger, version, index.Practices.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded index version {Version} with {Count} practices")]
    private static partial void LogLoaded(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the current index version: {Reason}")]
    private static partial void LogBadIndex(ILogger logger, string reason);
}
