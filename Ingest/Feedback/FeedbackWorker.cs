using Microsoft.Extensions.Options;
using Recommend.Contracts.Storage;
using Recommend.Ingest.Streams;
using StackExchange.Redis;

namespace Recommend.Ingest.Feedback;

/// <summary>Consumes the feedback stream for the life of the service.</summary>
public sealed class FeedbackWorker(
    IConnectionMultiplexer redis,
    FeedbackHandler handler,
    IOptions<StreamOptions> options,
    IngestTelemetry telemetry,
    ILogger<FeedbackWorker> logger) : BackgroundService
{
    public static StreamSettings Settings(StreamOptions options) =>
        options.For(StoreKeys.FeedbackStream, StoreKeys.FeedbackGroup, StoreKeys.FeedbackDeadLetters, StoreKeys.FeedbackAttempts);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new GroupConsumer(redis, Settings(options.Value), handler, telemetry, logger).RunAsync(stoppingToken);
}
