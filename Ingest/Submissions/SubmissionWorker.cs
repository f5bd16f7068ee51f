using Microsoft.Extensions.Options;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Seeding;
using Recommend.Ingest.Streams;
using StackExchange.Redis;

namespace Recommend.Ingest.Submissions;

/// <summary>Consumes the ingest stream (submitted and imported practices) for the life of the service.</summary>
public sealed class SubmissionWorker(
    IConnectionMultiplexer redis,
    SubmissionHandler handler,
    SeedState seed,
    IOptions<StreamOptions> options,
    IngestTelemetry telemetry,
    ILogger<SubmissionWorker> logger) : BackgroundService
{
    public static StreamSettings Settings(StreamOptions options) =>
        options.For(StoreKeys.IngestStream, StoreKeys.IngestGroup, StoreKeys.IngestDeadLetters, StoreKeys.IngestAttempts);

    private static readonly TimeSpan SeedWait = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The seed publish merges streamed practices read when it began: adding to the index before it
        // finished could be overwritten by it, so submissions wait (they stay queued, nothing is lost).
        while (seed.PublishedVersion is null)
        {
            await Task.Delay(SeedWait, stoppingToken);
        }

        await new GroupConsumer(redis, Settings(options.Value), handler, telemetry, logger).RunAsync(stoppingToken);
    }
}
