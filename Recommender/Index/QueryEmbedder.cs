using Recommend.Matching.Text.Semantic;

namespace Recommend.Recommender.Index;

/// <summary>
/// The one MiniLM model of this process, used to embed challenges at query time. Semantic matching
/// can be turned off (Recommender:Semantic=false) to run lexical-only on a very small machine.
/// </summary>
public sealed class QueryEmbedder : IDisposable
{
    public QueryEmbedder(IConfiguration configuration)
    {
        if (configuration.GetValue("Recommender:Semantic", true))
        {
            Embedder = new MiniLmEmbedder(new MiniLmOptions { IntraOpThreads = 1 });
        }
    }

    public MiniLmEmbedder? Embedder { get; }

    public void Dispose() => Embedder?.Dispose();
}
