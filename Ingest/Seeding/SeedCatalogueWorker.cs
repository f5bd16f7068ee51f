using Microsoft.Extensions.Options;
using Recommend.Core.Practices;
using Recommend.Ingest.Publishing;
using StackExchange.Redis;

namespace Recommend.Ingest.Seeding;

/// <summary>
/// On start, loads the project's seed catalogue, reports every rejected record, and publishes the
/// rest as an index version. Re-running publishes nothing new (the version is a content hash).
/// Retries while Redis is not reachable yet; marks itself done for the readiness check.
/// </summary>
public sealed partial class SeedCatalogueWorker(
    IOptions<SeedOptions> options,
    IndexPublisher publisher,
    SeedState state,
    IngestTelemetry telemetry,
    ILogger<SeedCatalogueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = options.Value.Folder ?? SeedCatalogue.DefaultFolder;
        CatalogueLoadResult catalogue;
        try
        {
            catalogue = SeedCatalogue.LoadFolder(folder);
        }
        catch (DirectoryNotFoundException ex)
        {
            state.Fail(ex.Message);
            LogSeedMissing(logger, folder);
            return;
        }

        foreach (var reject in catalogue.Rejects)
        {
            LogRejected(logger, reject);
        }

        telemetry.RecordRejected(catalogue.Rejects.Count, "seed");
        LogLoaded(logger, catalogue.Practices.Count, catalogue.Rejects.Count, folder);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var outcome = await publisher.PublishAsync(catalogue.Practices, "seed catalogue", stoppingToken);
                state.Complete(outcome.Version, catalogue.Practices.Count, catalogue.Rejects.Count);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisNotReady(logger, ex.Message);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed catalogue: {Count} practices valid, {Rejected} rejected, from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, int rejected, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed record rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seed catalogue folder {Folder} is missing; nothing to publish")]
    private static partial void LogSeedMissing(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis not ready for publishing yet ({Reason}); retrying")]
    private static partial void LogRedisNotReady(ILogger logger, string reason);
}
