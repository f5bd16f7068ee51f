using Recommend.Core.Storage;
using StackExchange.Redis;

namespace Recommend.Gateway.Caching;

/// <summary>
/// Knows the current index version (read at start, refreshed on the publish event and by a slow
/// poll) so the gateway's response cache never answers from an old version. Null while unknown:
/// then the gateway simply asks the recommender.
/// </summary>
public sealed partial class IndexVersionWatcher(IConnectionMultiplexer redis, ILogger<IndexVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private volatile string? _current;

    public string? Current => _current;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (redis.IsConnected)
            {
                try
                {
                    // Subscribe once Redis answers: subscribing to an unreachable server throws, and an
                    // exception escaping here would stop the whole gateway.
                    if (!subscribed)
                    {
                        await redis.GetSubscriber().SubscribeAsync(
                            RedisChannel.Literal(StoreKeys.IndexPublishedChannel),
                            (_, version) => _current = version.IsNullOrEmpty ? _current : (string?)version);
                        subscribed = true;
                    }

                    _current = (string?)await redis.GetDatabase().StringGetAsync(StoreKeys.CurrentIndexVersion) ?? _current;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    LogUnavailable(logger, ex.Message);
                }
            }

            try
            {
                await Task.Delay(_current is null ? TimeSpan.FromSeconds(1) : PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the current index version: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
