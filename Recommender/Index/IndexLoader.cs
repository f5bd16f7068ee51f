using Recommend.Core.Ranking;
using Recommend.Core.Storage;
using StackExchange.Redis;

namespace Recommend.Recommender.Index;

/// <summary>
/// Keeps the in-memory index on the current version in Redis: loads at start (waiting for ingest
/// to publish), reloads on the publish event, and polls as a safety net for missed events. When
/// Redis is down the index already in memory keeps serving.
/// </summary>
public sealed partial class IndexLoader(
    IConnectionMultiplexer redis,
    IndexHolder holder,
    QueryEmbedder queryEmbedder,
    RecommenderTelemetry telemetry,
    ILogger<IndexLoader> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartupRetry = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _reloadSignal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Subscribe once Redis answers: subscribing to an unreachable server throws.
                if (!subscribed && redis.IsConnected)
                {
                    await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(StoreKeys.IndexPublishedChannel), (_, _) => _reloadSignal.Release());
                    subscribed = true;
                }

                await LoadIfChangedAsync(stoppingToken);
            }
            catch (RedisException ex)
            {
                LogRedisUnavailable(logger, ex.Message);
            }
            catch (InvalidDataException ex)
            {
                LogBadIndex(logger, ex.Message);
            }

            var wait = holder.Current is null ? StartupRetry : PollInterval;
            try
            {
                await _reloadSignal.WaitAsync(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
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
        var entries = await db.HashGetAllAsync(StoreKeys.Index(version));
        if (entries.Length == 0)
        {
            throw new InvalidDataException($"Index version {version} is current but its data is missing.");
        }

        var parts = entries.ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
        var index = await Task.Run(() => PracticeIndex.Deserialise(parts, queryEmbedder.Embedder), cancellationToken);
        holder.Swap(index);
        telemetry.SetIndex(version, index.Practices.Count);
        LogLoaded(logger, version, index.Practices.Count);
    }

    public override void Dispose()
    {
        _reloadSignal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded index version {Version} with {Count} practices")]
    private static partial void LogLoaded(ILogger logger, string version, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable while checking the index version; serving the index in memory ({Reason})")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not load the current index version: {Reason}")]
    private static partial void LogBadIndex(ILogger logger, string reason);
}
