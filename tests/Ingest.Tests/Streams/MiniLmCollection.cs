using Recommend.TestSupport.Semantic;

namespace Recommend.Ingest.Tests.Streams;

/// <summary>The stream tests share one embedding model (a collection fixture lives in its tests' assembly).</summary>
[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmEmbedderFixture>
{
    public const string Name = "MiniLM";
}
