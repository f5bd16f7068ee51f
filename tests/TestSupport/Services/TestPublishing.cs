using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Practices;
using Recommend.Ingest;
using Recommend.Ingest.Publishing;
using Recommend.Matching.Ranking;
using StackExchange.Redis;

namespace Recommend.TestSupport.Services;

/// <summary>Publishes practices through the real ingest publisher (lexical-only, to keep tests quick).</summary>
public static class TestPublishing
{
    public static IndexPublisher CreatePublisher(IConnectionMultiplexer redis)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new IndexPublisher(redis, new PracticeIndexBuilder(), new IngestTelemetry(meters), NullLogger<IndexPublisher>.Instance);
    }

    public static Task<PublishOutcome> PublishAsync(IConnectionMultiplexer redis, IReadOnlyList<Practice> practices) =>
        CreatePublisher(redis).PublishAsync(practices, "test", CancellationToken.None);
}
