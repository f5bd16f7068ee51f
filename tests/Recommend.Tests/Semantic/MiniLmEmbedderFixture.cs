using Recommend.Core.Text.Semantic;

namespace Recommend.Tests.Semantic;

/// <summary>One embedder for all embedding tests: loading the model takes about a second.</summary>
public sealed class MiniLmEmbedderFixture : IDisposable
{
    public MiniLmEmbedder Embedder { get; } = new(new MiniLmOptions { IntraOpThreads = 1 });

    public void Dispose() => Embedder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmEmbedderFixture>
{
    public const string Name = "MiniLM";
}
