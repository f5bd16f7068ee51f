using Recommend.Matching.Text.Semantic;

namespace Recommend.TestSupport.Semantic;

/// <summary>One embedder for all embedding tests: loading the model takes about a second.</summary>
public sealed class MiniLmEmbedderFixture : IDisposable
{
    public MiniLmEmbedder Embedder { get; } = new(new MiniLmOptions { IntraOpThreads = 1 });

    public void Dispose() => Embedder.Dispose();
}
