using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Gateway.Caching;

/// <summary>
/// Knows the current index version (read at start, re-read on the publish event and by a slow
/// poll) so the gateway's response cache never answers from an old version. Null while unknown:
/// then the gateway simply asks the recommender.
/// </summary>
/// <remarks>
/// The event only wakes the read; it does not set the version itself. When it did, a poll that had
/// read the old pointer just before a publish could land after the event and put the old version
/// back for a whole poll interval, serving rankings of the old version from the response cache.
/// </remarks>
public sealed class IndexVersionWatcher(IConnectionMultiplexer redis, ILogger<IndexVersionWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan StartupRetry = TimeSpan.FromSeconds(1);
    private volatile string? _current;

    public string? Current => _current;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new RedisFollower(redis, RedisChannel.Literal(StoreKeys.IndexPublishedChannel), logger, "reading the current index version")
            .RunAsync(RefreshAsync, StartupRetry, PollInterval, stoppingToken);

    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        if (redis.IsConnected)
        {
            _current = (string?)await redis.GetDatabase().StringGetAsync(StoreKeys.CurrentIndexVersion) ?? _current;
        }

        return _current is not null;
    }
}
