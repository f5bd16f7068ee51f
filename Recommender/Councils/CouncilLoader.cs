using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Recommend.Core.Councils;
using Recommend.Core.Storage;
using StackExchange.Redis;

namespace Recommend.Recommender.Councils;

/// <summary>
/// Keeps <see cref="CouncilRegistry"/> on the councils in Redis: loads at start, reloads on the
/// councils-updated event, and polls slowly as a safety net for a missed event. When Redis is down
/// the councils in memory keep serving; an entry that is not a valid profile is skipped and logged.
/// </summary>
public sealed partial class CouncilLoader(
    IConnectionMultiplexer redis,
    CouncilRegistry registry,
    RecommenderTelemetry telemetry,
    ILogger<CouncilLoader> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StartupRetry = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _reloadSignal = new(0);
    private bool _subscribed;
    private string? _loadedFingerprint;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        telemetry.SetCouncils(registry.Current.Directory.All.Count);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SubscribeOnceAsync();
                await LoadIfChangedAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisUnavailable(logger, ex.Message);
            }

            // Until the first read succeeds, look again soon: the store may only just be coming up.
            var wait = _loadedFingerprint is null ? StartupRetry : PollInterval;
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

    private async Task SubscribeOnceAsync()
    {
        if (_subscribed || !redis.IsConnected)
        {
            return;
        }

        // The multiplexer restores the subscription by itself after a reconnect, so once is enough.
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(StoreKeys.CouncilsUpdatedChannel), (_, _) => Signal());
        _subscribed = true;
    }

    /// <summary>A burst of events needs one reload, not one each.</summary>
    private void Signal()
    {
        if (_reloadSignal.CurrentCount == 0)
        {
            _reloadSignal.Release();
        }
    }

    private async Task LoadIfChangedAsync()
    {
        if (!redis.IsConnected)
        {
            return;
        }

        var entries = await redis.GetDatabase().HashGetAllAsync(StoreKeys.Councils);
        var fingerprint = Fingerprint(entries);
        if (fingerprint == _loadedFingerprint)
        {
            return;
        }

        using var activity = RecommenderTelemetry.Source.StartActivity("load-councils");
        activity?.SetTag("recommend.councils.stored", entries.Length);
        var stored = new List<CouncilProfile>(entries.Length);
        foreach (var entry in entries)
        {
            if (Parse(entry) is { } council)
            {
                stored.Add(council);
            }
        }

        var snapshot = registry.Replace(stored);
        _loadedFingerprint = fingerprint;
        telemetry.SetCouncils(snapshot.Directory.All.Count);
        LogLoaded(logger, snapshot.Directory.All.Count, stored.Count, entries.Length - stored.Count);
    }

    private CouncilProfile? Parse(HashEntry entry)
    {
        var code = (string)entry.Name!;
        CouncilProfile council;
        try
        {
            council = CouncilJson.Deserialise((string)entry.Value!);
        }
        catch (JsonException ex)
        {
            LogBadEntry(logger, code, ex.Message);
            return null;
        }

        var errors = CouncilValidator.Validate(council);
        if (errors.Count > 0)
        {
            LogBadEntry(logger, code, string.Join("; ", errors));
            return null;
        }

        if (!string.Equals(council.Code, code, StringComparison.OrdinalIgnoreCase))
        {
            LogBadEntry(logger, code, $"holds the profile of '{council.Code}'");
            return null;
        }

        return council;
    }

    /// <summary>Order-independent digest of the hash, so an unchanged list (most polls) is not rebuilt.</summary>
    private static string Fingerprint(HashEntry[] entries)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var entry in entries.OrderBy(e => (string)e.Name!, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{entry.Name}\0{entry.Value}\n"));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public override void Dispose()
    {
        _reloadSignal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Councils in memory: {Count} ({Stored} from Redis over the shipped examples; {Skipped} stored entries skipped)")]
    private static partial void LogLoaded(ILogger logger, int count, int stored, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored council '{Code}' skipped: {Reason}")]
    private static partial void LogBadEntry(ILogger logger, string code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis unavailable while loading councils; serving the councils in memory ({Reason})")]
    private static partial void LogRedisUnavailable(ILogger logger, string reason);
}
