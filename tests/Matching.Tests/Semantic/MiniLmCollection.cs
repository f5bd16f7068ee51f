using Recommend.TestSupport.Semantic;

namespace Recommend.Matching.Tests.Semantic;

/// <summary>The tests that embed share one model (a collection fixture lives in its tests' assembly).</summary>
[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmEmbedderFixture>
{
    public const string Name = "MiniLM";
}
