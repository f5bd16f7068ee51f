using Recommend.Contracts.Storage;
using Recommend.Matching.Ranking;
using Recommend.ServiceDefaults.Councils;
using StackExchange.Redis;

namespace Recommend.Recommender.Feedback;

/// <summary>
/// Keeps <see cref="FeedbackAdoptions"/> on what ingest stored: reads the adoptions hash at start,
/// again when ingest announces new adoptions, and every <see cref="PollInterval"/> in case an
/// announcement was missed. When Redis is down the adoptions in memory keep serving.
/// </summary>
public sealed partial class FeedbackAdoptionsLoader(
    IConnectionMultiplexer redis,
    FeedbackAdoptions adoptions,
    CouncilRegistry councils,
    ILogger<FeedbackAdoptionsLoader> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _reloadSignal = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscribed = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!subscribed && redis.IsConnected)
                {
                    await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(StoreKeys.FeedbackAdoptionsChannel), (_, _) => _reloadSignal.Release());
                    subscribed = true;
                }

                if (redis.IsConnected)
                {
                    await LoadAsync();
                }
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, ex.Message);
            }

            try
            {
                await _reloadSignal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LoadAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(StoreKeys.FeedbackAdoptions);
        var directory = councils.Current.Directory;
        var byPractice = new Dictionary<string, List<FeedbackAdopter>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // Field "{practice id}|{COUNCIL}", written by ingest's feedback handler.
            var field = (string)entry.Name!;
            var separator = field.LastIndexOf('|');
            if (separator <= 0 || !entry.Value.TryParse(out long reports))
            {
                continue;
            }

            var practiceId = field[..separator];
            var code = field[(separator + 1)..];
            var council = directory.Find(code);
            if (!byPractice.TryGetValue(practiceId, out var list))
            {
                byPractice[practiceId] = list = [];
            }

            list.Add(new FeedbackAdopter(council?.Code ?? code, council?.Name ?? code, reports));
        }

        adoptions.Swap(byPractice.ToDictionary(p => p.Key, p => (IReadOnlyList<FeedbackAdopter>)p.Value, StringComparer.Ordinal));
        LogLoaded(logger, entries.Length, byPractice.Count);
    }

    public override void Dispose()
    {
        _reloadSignal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Loaded {Count} council adoptions reported through feedback, over {Practices} practices")]
    private static partial void LogLoaded(ILogger logger, int count, int practices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable while reading feedback adoptions; keeping those in memory ({Reason})")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);
}
