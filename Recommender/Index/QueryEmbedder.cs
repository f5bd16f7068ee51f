using Microsoft.Extensions.Options;
using Recommend.Matching.Text.Semantic;

namespace Recommend.Recommender.Index;

/// <summary>
/// The one MiniLM model of this process, used to embed challenges at query time. Semantic matching
/// can be turned off (Recommender:Semantic=false) to run lexical-only on a very small machine.
/// Challenges are embedded through an <see cref="EmbeddingBatcher"/>: under load, the ones waiting
/// go through the model together, which costs a third less CPU per challenge than one call each.
/// </summary>
public sealed class QueryEmbedder : IDisposable
{
    private readonly EmbeddingBatcher? _batcher;

    public QueryEmbedder(IConfiguration configuration, IOptions<QueryEmbeddingOptions> options)
    {
        if (configuration.GetValue("Recommender:Semantic", true))
        {
            // One intra-op thread: requests (and replicas) already run side by side, so a second
            // thread per inference only makes them take turns on the same cores.
            Embedder = new MiniLmEmbedder(new MiniLmOptions { IntraOpThreads = 1 });
            _batcher = new EmbeddingBatcher(Embedder.EmbedQuestions, options.Value.MaxBatchSize, options.Value.Workers);
        }
    }

    public MiniLmEmbedder? Embedder { get; }

    /// <summary>Challenges waiting for their batch or being embedded now.</summary>
    public int Pending => _batcher?.Pending ?? 0;

    /// <summary>The challenge's vector, embedded together with whatever else is waiting; null when semantic matching is off.</summary>
    public async Task<float[]?> EmbedAsync(string challenge, CancellationToken cancellationToken) =>
        _batcher is null ? null : await _batcher.EmbedAsync(challenge, cancellationToken);

    public void Dispose()
    {
        // The batcher first: its workers may be inside the model.
        _batcher?.Dispose();
        Embedder?.Dispose();
    }
}
