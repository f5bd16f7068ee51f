extern alias IngestApp;

using IngestApp::Recommend.Ingest;
using IngestApp::Recommend.Ingest.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Recommend.Core.Practices;
using Recommend.Core.Ranking;
using Recommend.Tests.TestData;
using StackExchange.Redis;

namespace Recommend.Tests.Infrastructure;

/// <summary>Publishes practices through the real ingest publisher (lexical-only, to keep tests quick).</summary>
public static class TestPublishing
{
    private static readonly Lazy<IReadOnlyList<Practice>> Seed = new(() =>
        SeedCatalogue.LoadFolder(RepoPaths.InRepo("data", "catalogue", "practices")).Practices);

    public static IReadOnlyList<Practice> SeedPractices => Seed.Value;

    public static IndexPublisher CreatePublisher(IConnectionMultiplexer redis)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new IndexPublisher(redis, new PracticeIndexBuilder(), new IngestTelemetry(meters), NullLogger<IndexPublisher>.Instance);
    }

    public static Task<PublishOutcome> PublishAsync(IConnectionMultiplexer redis, IReadOnlyList<Practice> practices) =>
        CreatePublisher(redis).PublishAsync(practices, "test", CancellationToken.None);
}
