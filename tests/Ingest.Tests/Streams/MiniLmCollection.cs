using Recommend.TestSupport.Semantic;

namespace Recommend.Ingest.Tests.Streams;

/// <summary>
/// The stream tests share one embedding model (a collection fixture lives in its tests' assembly). They
/// are timing-sensitive too (Redis timeouts, take-over after a consumer dies), so like
/// <see cref="TimingSensitiveCollection"/> they run alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmEmbedderFixture>
{
    public const string Name = "MiniLM";
}
