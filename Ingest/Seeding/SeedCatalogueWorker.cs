using Microsoft.Extensions.Options;
using Recommend.Contracts.Practices;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Submissions;
using Recommend.ServiceDefaults.Redis;
using StackExchange.Redis;

namespace Recommend.Ingest.Seeding;

/// <summary>
/// On start, loads the project's seed catalogue, reports every rejected record, and publishes the
/// rest as an index version. Re-running publishes nothing new (the version is a content hash).
/// Retries while Redis is slow or not reachable yet; marks itself done for the readiness check.
/// </summary>
public sealed partial class SeedCatalogueWorker(
    IOptions<SeedOptions> options,
    IndexPublisher publisher,
    IConnectionMultiplexer redis,
    SeedState state,
    IngestTelemetry telemetry,
    ILogger<SeedCatalogueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

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

        // Practices submitted through the stream since the first start stay in the catalogue.
        var practices = catalogue.Practices;
        var outcome = await RedisRetry.UntilDone(logger, "publishing the seed catalogue", MaxRetryDelay).ExecuteAsync(
            async token =>
            {
                practices = await StreamedPractices.MergeAsync(redis.GetDatabase(), catalogue.Practices);
                return await publisher.PublishAsync(practices, "seed catalogue", token);
            },
            stoppingToken);
        state.Complete(outcome.Version, practices.Count, catalogue.Rejects.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed catalogue: {Count} practices valid, {Rejected} rejected, from {Folder}")]
    private static partial void LogLoaded(ILogger logger, int count, int rejected, string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed record rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seed catalogue folder {Folder} is missing; nothing to publish")]
    private static partial void LogSeedMissing(ILogger logger, string folder);
}
