using Recommend.Contracts.Councils;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recommend.Contracts.Storage;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.ServiceDefaults.Councils;

/// <summary>
/// Keeps <see cref="CouncilRegistry"/> on the councils in Redis: loads at start, reloads on the
/// councils-updated event, and polls slowly as a safety net for a missed event. When Redis is down
/// the councils in memory keep serving; an entry that is not a valid profile is skipped and logged.
/// Used by the gateway and the recommender alike; ingest is the only writer.
/// </summary>
public sealed partial class CouncilFollower(
    IConnectionMultiplexer redis,
    CouncilRegistry registry,
    ILogger<CouncilFollower> logger) : BackgroundService
{
    /// <summary>Each reload is a span of this source; services add it to their traces.</summary>
    public const string SourceName = "Recommend.Councils";

    private static readonly ActivitySource Source = new(SourceName);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StartupRetry = TimeSpan.FromSeconds(2);
    private string? _loadedFingerprint;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {

        // Until the first read succeeds, look again soon: the store may only just be coming up.
        return new RedisFollower(redis, RedisChannel.Literal(StoreKeys.CouncilsUpdatedChannel), logger, "loading the councils")
            .RunAsync(RefreshAsync, StartupRetry, PollInterval, stoppingToken);
    }

    private async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await LoadIfChangedAsync();
        return _loadedFingerprint is not null;
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

        using var activity = Source.StartActivity("load-councils");
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
        LogLoaded(logger, snapshot.Directory.All.Count, entries.Length - stored.Count);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Councils in memory: {Count} from Redis ({Skipped} stored entries skipped)")]
    private static partial void LogLoaded(ILogger logger, int count, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored council '{Code}' skipped: {Reason}")]
    private static partial void LogBadEntry(ILogger logger, string code, string reason);
}
