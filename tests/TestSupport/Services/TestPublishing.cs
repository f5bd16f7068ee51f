using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Contracts.Practices;
using Recommend.Ingest;
using Recommend.Ingest.Publishing;
using Recommend.Ingest.Submissions;
using Recommend.Matching.Ranking;
using Recommend.Matching.Text.Semantic;
using StackExchange.Redis;

namespace Recommend.TestSupport.Services;

/// <summary>Publishes practices through the real ingest publisher (lexical-only, to keep tests quick) and its one version writer.</summary>
public static class TestPublishing
{
    public static readonly IngestTelemetry Telemetry = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    public static IndexVersionWriter CreateWriter(IConnectionMultiplexer redis, IndexVersionOptions? options = null) =>
        new(redis, options ?? new IndexVersionOptions(), NullLogger<IndexVersionWriter>.Instance);

    public static IndexPublisher CreatePublisher(IConnectionMultiplexer redis, IndexVersionOptions? options = null) =>
        new(redis, new PracticeIndexBuilder(), CreateWriter(redis, options), Telemetry, NullLogger<IndexPublisher>.Instance);

    public static Task<PublishOutcome> PublishAsync(IConnectionMultiplexer redis, IReadOnlyList<Practice> practices) =>
        CreatePublisher(redis).PublishAsync(practices, "test", CancellationToken.None);

    /// <summary>The incremental updater and the compactor it asks, sharing one writer.</summary>
    public static (IncrementalIndexUpdater Updater, IndexCompactor Compactor) CreateUpdater(IConnectionMultiplexer redis, MiniLmEmbedder embedder, IndexVersionOptions? options = null)
    {
        var writer = CreateWriter(redis, options);
        var compactor = new IndexCompactor(redis, writer, NullLogger<IndexCompactor>.Instance);
        return (new IncrementalIndexUpdater(redis, embedder, writer, compactor, Telemetry, NullLogger<IncrementalIndexUpdater>.Instance), compactor);
    }
}
