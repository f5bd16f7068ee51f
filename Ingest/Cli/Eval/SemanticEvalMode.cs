using Recommend.Matching.Evaluation;
using Recommend.Matching.Text;
using Recommend.Matching.Text.Hybrid;

namespace Recommend.Ingest.Cli.Eval;

/// <summary>MiniLM (all-MiniLM-L6-v2) alone: exact cosine nearest neighbours over cached document embeddings.</summary>
public sealed class SemanticEvalMode : IEvalMode
{
    public string Name => "semantic";

    public void PrepareQueries(IReadOnlyList<string> queries, TextWriter progress) => QueryEmbeddings.Prefetch(queries, progress);

    public IRetriever Build(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var dense = EmbeddingCache.LoadOrBuild(corpus, QueryEmbeddings.Embedder, settings.CacheDirectory, progress);
        return new DenseRetriever(dense, QueryEmbeddings.Embed, corpus.Select(d => d.Id).ToArray());
    }

    // Nothing to tune: the model is used as published.
    public IReadOnlyList<TuningCandidate> Candidates(IReadOnlyList<TextDocument> corpus, EvalSettings settings, TextWriter progress)
    {
        var retriever = new Lazy<IRetriever>(() => Build(corpus, settings, progress));
        return [new TuningCandidate("all-MiniLM-L6-v2", () => retriever.Value)];
    }
}
